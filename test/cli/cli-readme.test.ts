import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/command-list.ts';
import { ENVIRONMENT_VARIABLES } from '../../runtime/environment-variables.ts';
import { markdownTableRows } from '../helpers/markdown-table.ts';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

describe('README tables hold what the command line declares', () => {
  it('Commands: one row per command, with the synopsis the parser accepts', () => {
    const documented = markdownTableRows(readme, 'Commands').map(([command]) => unquote(command ?? ''));
    const declared = COMMANDS.map((command) => ['oss-pulse', command.name, command.usage].filter(Boolean).join(' '));
    expect([...documented].sort()).toEqual([...declared].sort());
  });

  it('Environment: one row per variable, with the meaning and default that --help prints', () => {
    const documented = markdownTableRows(readme, 'Environment').map(([name, meaning, fallback]) => ({
      name: unquote(name ?? ''),
      meaning,
      default: fallback,
    }));
    expect(documented).toEqual(ENVIRONMENT_VARIABLES.map(({ name, meaning, default: fallback }) => ({ name, meaning, default: fallback })));
  });
});
