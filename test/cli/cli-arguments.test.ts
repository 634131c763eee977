import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { everyFlag } from '../../cli/cli-arguments.ts';
import { COMMANDS } from '../../cli/commands/command-list.ts';
import { defineCommand } from '../../cli/commands/define-command.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';

describe('each command takes its own flags', () => {
  it("refuses another command's flags, naming the flag and what the command takes, and writes nothing", async () => {
    const cwd = await tempWorkdir();
    const result = await runCli(['status', '--week', '2026-W01', '--force', '--since', '2020-01-01', '--concurrency', '7'], { env: { DATABASE_URL: '' }, cwd });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('oss-pulse: status does not take --week (status takes: --json)\n');
    expect(await readdir(cwd)).toEqual([]); // no .oss-pulse/db
  });

  it('refuses flags, short ones and flags before the command alike', async () => {
    const cwd = await tempWorkdir();
    const cases: [string[], string][] = [
      [['migrate', '--force'], 'migrate does not take --force (migrate takes no flags)'],
      [['init', '-x'], 'init does not take -x (init takes: --force)'],
      [['--week', '2026-W01', 'status'], 'status does not take --week'],
      [['report', '--since=2026-01-01'], 'report does not take --since (report takes: --week YYYY-Www, --format md,html,csv,json, --out DIR)'],
      [['migrate', 'now'], 'migrate takes no arguments (got "now")'],
    ];
    for (const [args, message] of cases) {
      expect(await runCli(args, { env: {}, cwd })).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
    }
    expect(await readdir(cwd)).toEqual([]);
  });

  it("passes a command its own flags, and the global --config wherever it stands", async () => {
    const cwd = await tempWorkdir();
    expect(await runCli(['--config', 'watch.yaml', 'init'], { env: {}, cwd })).toMatchObject({ code: 0, stdout: 'Wrote watch.yaml\n' });
    expect((await runCli(['init', '--config', 'watch.yaml'], { env: {}, cwd })).code).toBe(2);
    expect(await runCli(['init', '--force', '--config', 'watch.yaml'], { env: {}, cwd })).toMatchObject({ code: 0 });
    expect(await readFile(join(cwd, 'watch.yaml'), 'utf8')).toContain('meta-llama/llama');
    // The value reached worker's own check (before Redis is needed).
    const worker = await runCli(['worker', '--concurrency', '0', '--config', 'watch.yaml'], { env: {}, cwd });
    expect(worker).toMatchObject({ code: 2, stderr: expect.stringContaining('--concurrency must be a whole number from 1 to 100 (got "0")') });
  });

  it('gives one flag name one meaning across commands, so the command is found whatever the order', () => {
    expect(() => everyFlag(COMMANDS)).not.toThrow();
    const run = async () => 0;
    const weekAsSwitch = defineCommand({ name: 'odd', summary: '', flags: { week: { type: 'boolean', description: '' } }, run });
    expect(() => everyFlag([...COMMANDS, weekAsSwitch])).toThrow('--week of odd');
    const ownHelp = defineCommand({ name: 'odd', summary: '', flags: { hide: { type: 'boolean', short: 'h', description: '' } }, run });
    expect(() => everyFlag([ownHelp])).toThrow('--hide (-h) of odd');
  });
});
