import { resolve } from 'node:path';
import { EXIT } from '../cli-context.ts';
import { writeStarterConfig } from '../init-config.ts';
import { defineCommand } from './define-command.ts';

/** `init [--force]`: the starter config, at `--config` when given. */
export const initCli = defineCommand({
  name: 'init',
  summary: 'write a starter oss-pulse.yaml (the default watchlist)',
  description:
    'Writes a starter oss-pulse.yaml (or the file --config names) holding the default watchlist; refuses to overwrite an existing file without --force.',
  flags: {
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  async run(context, { flags, configPath }) {
    const relativePath = configPath ?? 'oss-pulse.yaml';
    await writeStarterConfig(resolve(context.cwd, relativePath), { force: flags.force });
    context.stdout.write(`Wrote ${relativePath}\n`);
    return EXIT.ok;
  },
});
