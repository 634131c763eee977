// Both help texts, generated from the command objects, the global flags and the list of
// environment variables: what `--help` says is what the parser accepts. Pure: text in, text out.
import { GLOBAL_FLAGS } from './cli-arguments.ts';
import { type Command, type FlagSpecs, flagSynopsis } from './commands/define-command.ts';
import { SOURCE_NAMES } from '../jobs/sources/registry.ts';
import type { EnvironmentVariable } from '../jobs/clients/upstream.ts';
import { ENVIRONMENT_VARIABLES } from '../runtime/environment-variables.ts';

/** Where the second column starts; a longer first cell puts the second on its own line. */
const INDENT = 31;
/** Lines are folded to fit an 100-column terminal (the README's lines are longer). */
const WIDTH = 100;

const EXIT_STATUS = 'Exit status: 0 all good; 1 some subjects failed (the rest is stored); 2 bad usage or configuration;\n130/143 stopped by Ctrl-C/SIGTERM (what was stored stays).\n';

/** `oss-pulse --help`: every command with its synopsis and summary, sources, global flags, environment. */
export function generalHelp(commands: readonly Command[]): string {
  return [
    'Usage: oss-pulse <command> [flags]\n',
    'Commands:',
    ...commands.map((command) => row(`  ${[command.name, command.usage].filter(Boolean).join(' ')}`, command.summary)),
    '',
    ...fold(`Sources: ${SOURCE_NAMES.join(', ')} (none: all configured)`, WIDTH, ''),
    '',
    'Global flags:',
    ...flagRows(GLOBAL_FLAGS),
    '',
    'Environment:',
    ...ENVIRONMENT_VARIABLES.map((variable) => row(`  ${variable.name}`, describeVariable(variable))),
    '',
    EXIT_STATUS,
  ].join('\n');
}

/** `oss-pulse help COMMAND`, `oss-pulse COMMAND --help`: its synopsis, description, arguments and flags. */
export function commandHelp(command: Command): string {
  const flags = flagRows(command.flags);
  return [
    `Usage: oss-pulse ${[command.name, command.usage].filter(Boolean).join(' ')}\n`,
    ...fold(command.description ?? command.summary, WIDTH, ''),
    '',
    ...(command.positionals ? ['Arguments:', row(`  ${command.positionals.synopsis}`, command.positionals.description), ''] : []),
    ...(flags.length > 0 ? ['Flags:', ...flags, ''] : []),
    'Global flags:',
    ...flagRows(GLOBAL_FLAGS),
    '',
  ].join('\n');
}

function flagRows(flags: FlagSpecs): string[] {
  return Object.entries(flags).map(([name, flag]) => row(`  ${flag.short ? `-${flag.short}, ` : ''}${flagSynopsis(name, flag)}`, flag.description));
}

/** Markdown's backticks dropped; the default after the meaning, as is when it says "unset: ...". */
function describeVariable(variable: EnvironmentVariable): string {
  const plain = (text: string) => text.replaceAll('`', '');
  const fallback = variable.default.startsWith('unset') ? plain(variable.default) : `default ${plain(variable.default)}`;
  return `${plain(variable.meaning)}; ${fallback}`;
}

/** A two-column line (or two lines when the first cell is too wide), the second column folded. */
function row(left: string, right: string): string {
  const folded = fold(right, WIDTH - INDENT, ' '.repeat(INDENT));
  const [first, ...rest] = folded;
  const head = left.length < INDENT - 1 ? `${left.padEnd(INDENT)}${first?.trimStart() ?? ''}` : `${left}\n${first ?? ''}`;
  return [head, ...rest].join('\n');
}

/** Words folded into lines of at most `width` characters, each line prefixed with `indent`. */
function fold(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}
