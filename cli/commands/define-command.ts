// The shape of one `oss-pulse` command, declared as data next to its implementation
// (after citty's `defineCommand`): the parser, the usage errors and both help texts
// are generated from these objects, so a flag is declared once and cannot drift.
import type { CliContext } from '../cli-context.ts';
import type { Config } from '../../config/config.ts';

/** One flag, as `node:util`'s `parseArgs` takes it, plus what help says about it. */
export interface FlagSpec {
  type: 'boolean' | 'string';
  /** A one-letter alias (`-h`). @defaultValue none */
  short?: string;
  /** One line for help: what the flag does, its default when it has one. */
  description: string;
  /** The placeholder of a string flag's value in synopses (`--week YYYY-Www`). @defaultValue `VALUE` */
  valueName?: string;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** The values of declared flags: `true` or the string given; absent when not given. */
export type FlagValues<F extends FlagSpecs> = { [K in keyof F]?: F[K]['type'] extends 'boolean' ? boolean : string };

/** What a command takes after its name; a command without one takes no arguments. */
export interface PositionalSpec {
  /** As the synopsis shows it, brackets included: `[SOURCE...]`. */
  synopsis: string;
  /** One line for help: the values allowed, and what none means. */
  description: string;
}

/** What `run` gets: its own flags, its arguments, and the global `--config`. */
export interface ParsedCommand<F extends FlagSpecs> {
  flags: FlagValues<F>;
  /** The arguments after the command name (empty unless the command declares positionals). */
  positionals: string[];
  /** `--config FILE` as given; undefined when absent. */
  configPath: string | undefined;
  /** Loads and validates the configuration (`--config`, `$OSS_PULSE_CONFIG`, `./oss-pulse.yaml`, built-in). */
  readConfig: () => Promise<Config>;
}

export interface CommandSpec<F extends FlagSpecs> {
  name: string;
  /** One line for the command list of `oss-pulse --help`. */
  summary: string;
  /** Paragraph shown by `oss-pulse help COMMAND`. @defaultValue the summary */
  description?: string;
  /** The command's own flags; anything else (but the global flags) is a usage error. */
  flags: F;
  positionals?: PositionalSpec;
  /** Does the work; resolves to the exit status. Usage errors are thrown as `UsageError`. */
  run(context: CliContext, parsed: ParsedCommand<F>): Promise<number>;
}

export interface Command<F extends FlagSpecs = FlagSpecs> extends CommandSpec<F> {
  /** The arguments synopsis, generated from positionals and flags: `[SOURCE...] [--since YYYY-MM-DD]`. */
  usage: string;
}

/** Declares a command; the synopsis is derived, so it always lists exactly the declared flags. */
export function defineCommand<const F extends FlagSpecs>(spec: CommandSpec<F>): Command<F> {
  const flags = Object.entries(spec.flags).map(([name, flag]) => `[${flagSynopsis(name, flag)}]`);
  const usage = [spec.positionals?.synopsis, ...flags].filter((part) => part !== undefined).join(' ');
  return { ...spec, usage };
}

/** `--since YYYY-MM-DD`, `--json`: a flag as synopses and help write it. */
export function flagSynopsis(name: string, flag: FlagSpec): string {
  return flag.type === 'string' ? `--${name} ${flag.valueName ?? 'VALUE'}` : `--${name}`;
}
