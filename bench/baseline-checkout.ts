// The collector as it was before its GitHub requests were paced by GitHub's documented
// limits: @octokit/plugin-throttling's default `write` group spaced every POST, so every
// GraphQL query, a second apart per token. The baseline rows of the pacing part run that
// code itself (not an imitation), built from its commit into a folder of its own, in the
// same process as the fake (in-process rounds) or as worker processes.
import { execFile } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { main as currentMain } from '../cli/cli.ts';

/** The last commit whose GitHub client spaced GraphQL queries one second apart. */
export const BASELINE_COMMIT = '80e81d76815c759436fa1c7a26a99f402842fb44';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BaselineCheckout {
  /** Its `main`, to run commands in this process as `runCli` does with the current one. */
  main: typeof currentMain;
  /** Its `bin/oss-pulse.js`, to start worker processes. */
  bin: string;
}

/** `git archive` of the baseline commit into `dir/baseline`, this checkout's node_modules linked in, `npm run build`. */
export async function buildBaselineCheckout(dir: string): Promise<BaselineCheckout> {
  const checkout = join(dir, 'baseline');
  await mkdir(checkout, { recursive: true });
  await run('sh', ['-c', `git -C "${root}" archive ${BASELINE_COMMIT} | tar -x -C "${checkout}"`], root);
  await symlink(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  await run('npm', ['run', 'build'], checkout);
  const { main } = (await import(pathToFileURL(join(checkout, 'dist', 'cli', 'cli.js')).href)) as { main: typeof currentMain };
  return { main, bin: join(checkout, 'bin', 'oss-pulse.js') };
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: 240_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`)) : resolve(),
    );
  });
}
