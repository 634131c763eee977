// From argv to a command and its flags, in two passes over `node:util`'s parseArgs:
// the first finds the command, the second holds the arguments to that command's own
// declared flags, so `status --week 2026-W01` is an error, not a flag silently ignored.
import { parseArgs } from 'node:util';
import { UsageError } from '../runtime/usage-error.ts';
import { type Command, type FlagSpecs, type FlagValues, flagSynopsis } from './commands/define-command.ts';

/** Flags every command takes. */
export const GLOBAL_FLAGS = {
  config: {
    type: 'string',
    valueName: 'FILE',
    description: 'configuration file (else $OSS_PULSE_CONFIG, else ./oss-pulse.yaml, else the built-in watchlist)',
  },
  help: { type: 'boolean', short: 'h', description: "show this help (after a command: that command's usage and flags)" },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
} as const satisfies FlagSpecs;

/** The global flags pass one reads: they are answered before a command's flags are checked. */
export interface GlobalValues {
  help: boolean;
  version: boolean;
}

export interface CommandArguments<F extends FlagSpecs> {
  flags: FlagValues<F>;
  /** The arguments after the command name. */
  positionals: string[];
  /** `--config FILE`; undefined when absent. */
  configPath: string | undefined;
}

export interface CommandLine {
  /** The first argument that is neither a flag nor a flag's value; undefined when there is none. */
  commandName: string | undefined;
  globals: GlobalValues;
}

/**
 * Pass one: where the command name is. Every flag any command declares is known here,
 * so the value of `--week 2026-W01` is never taken for the command, whatever the order.
 */
export function findCommand(argv: string[], commands: readonly Command[]): CommandLine {
  const { values, positionals } = parseArgs({ args: argv, options: everyFlag(commands), strict: false, allowPositionals: true });
  return {
    commandName: positionals[0],
    globals: { help: values.help === true, version: values.version === true },
  };
}

/**
 * Pass two: argv against one command's flags and the global ones. A flag the command does
 * not declare names the command and what it does take; arguments to a command that declares
 * none are refused too.
 */
export function parseCommandArguments<F extends FlagSpecs>(argv: string[], command: Command<F>): CommandArguments<F> {
  const options = { ...command.flags, ...GLOBAL_FLAGS };
  // Non-strict first, for the tokens: parseArgs' own message would not say which command refused the flag.
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option' && !Object.hasOwn(options, token.name)) {
      throw new UsageError(`${command.name} does not take ${token.rawName} (${whatItTakes(command)})`);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [, ...positionals] = parsed.positionals;
  if (!command.positionals && positionals.length > 0) {
    throw new UsageError(`${command.name} takes no arguments (got "${positionals.join(' ')}")`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flags = Object.fromEntries(Object.keys(command.flags).map((name) => [name, values[name]]));
  return { flags: flags as FlagValues<F>, positionals, configPath: values.config as string | undefined };
}

function whatItTakes(command: Command): string {
  const flags = Object.entries(command.flags).map(([name, flag]) => flagSynopsis(name, flag));
  return flags.length > 0 ? `${command.name} takes: ${flags.join(', ')}` : `${command.name} takes no flags`;
}

/**
 * The union of all commands' flags and the global ones. A name (or a short letter) that meant
 * one thing to one command and another to the next would make pass one misread argv, so it
 * is refused: one name, one meaning, across commands.
 */
export function everyFlag(commands: readonly Command[]): FlagSpecs {
  const union: Record<string, FlagSpecs[string]> = { ...GLOBAL_FLAGS };
  const nameOfShort = new Map(Object.entries(GLOBAL_FLAGS as FlagSpecs).map(([name, flag]) => [flag.short, name]));
  for (const command of commands) {
    for (const [name, flag] of Object.entries(command.flags)) {
      const known = union[name];
      const clashes =
        Object.hasOwn(GLOBAL_FLAGS, name) ||
        (known !== undefined && (known.type !== flag.type || known.short !== flag.short)) ||
        (flag.short !== undefined && (nameOfShort.get(flag.short) ?? name) !== name);
      if (clashes) throw new Error(`--${name}${flag.short ? ` (-${flag.short})` : ''} of ${command.name} means something else elsewhere`);
      union[name] = flag;
      if (flag.short) nameOfShort.set(flag.short, name);
    }
  }
  return union;
}
