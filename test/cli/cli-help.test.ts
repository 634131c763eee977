import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/command-list.ts';
import { ENVIRONMENT_VARIABLES } from '../../runtime/environment-variables.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';

describe('help, generated from the command objects', () => {
  it('lists every command with its synopsis and summary, and every environment variable', async () => {
    const help = await runCli(['--help'], { env: {}, cwd: await tempWorkdir() });
    expect(help.code).toBe(0);
    for (const command of COMMANDS) {
      const synopsis = [command.name, command.usage].filter(Boolean).join(' ');
      expect(help.stdout).toMatch(new RegExp(`^  ${escape(synopsis)}\\s+${escape(command.summary)}$`, 'm'));
    }
    for (const variable of ENVIRONMENT_VARIABLES) expect(help.stdout).toMatch(new RegExp(`^  ${variable.name} `, 'm'));
    expect(help.stdout).toContain('Sources: github-repos, github-search, github-releases, huggingface, modelscope, npm, pypi');
    expect(help.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('`help status` and `status --help` print status usage, description and flags, and nothing else', async () => {
    const cwd = await tempWorkdir();
    const viaHelp = await runCli(['help', 'status'], { env: {}, cwd });
    const viaFlag = await runCli(['status', '--help'], { env: {}, cwd });
    expect(viaHelp.code).toBe(0);
    expect(viaFlag).toEqual(viaHelp);
    expect(viaHelp.stdout).toMatch(/^Usage: oss-pulse status \[--json\]\n/);
    expect(viaHelp.stdout).toContain('rate-limit budgets');
    expect(viaHelp.stdout).toMatch(/^Flags:\n {2}--json\s+print JSON/m);
    expect(viaHelp.stdout).toMatch(/^ {2}--config FILE/m);
    expect(viaHelp.stdout).not.toContain('Commands:');
  });

  it('shows a command its flags even when one is misspelt, and refuses to explain a command that does not exist', async () => {
    const cwd = await tempWorkdir();
    expect(await runCli(['backfill', '--sicne', 'x', '-h'], { env: {}, cwd })).toMatchObject({ code: 0, stdout: expect.stringContaining('--since YYYY-MM-DD') });
    expect(await runCli(['help', 'frobnicate'], { env: {}, cwd })).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await runCli([], { env: {}, cwd })).toMatchObject({ code: 2, stdout: expect.stringContaining('Commands:') });
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
