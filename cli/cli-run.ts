import { DatabaseConnectionError } from '../schema/database-connection-error.ts';
import { ForeignFolderError } from '../schema/embedded-data-dir.ts';
import { FolderError } from '../schema/make-folder.ts';
import { EmbeddedDatabaseError } from '../schema/pglite-lock.ts';
import { findCommand, parseCommandArguments } from './cli-arguments.ts';
import { type CliContext, EXIT } from './cli-context.ts';
import { UsageError } from '../runtime/usage-error.ts';
import { commandHelp, generalHelp } from './cli-help.ts';
import { COMMANDS, commandNamed } from './commands/command-list.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { readEnv, type Settings } from '../runtime/read-env.ts';
import { createLogger } from '../runtime/logger.ts';
import { channelSecrets } from '../config/channel-environment.ts';
import { packageVersion } from './package-version.ts';

/** The command line, once `main` has seen it is more than `--version`. */
export async function runCli(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const env = overrides.env ?? process.env;
  // Before the logger exists: an unknown LOG_LEVEL would crash it. Help and version need no settings.
  let settings: Settings;
  try {
    settings = readEnv(asksForHelpOrVersion(argv) ? {} : env);
  } catch (error) {
    (overrides.stderr ?? process.stderr).write(`oss-pulse: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const context: CliContext = {
    env,
    settings,
    cwd: overrides.cwd ?? process.cwd(),
    stdout: overrides.stdout ?? process.stdout,
    stderr: overrides.stderr ?? process.stderr,
    logger:
      overrides.logger ??
      createLogger({ level: settings.logLevel, secrets: settings.secrets, destination: overrides.stderr ?? process.stderr }),
    ...overrides,
  };
  try {
    return await run(argv, context);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof FolderError ||
      error instanceof ForeignFolderError ||
      error instanceof DatabaseConnectionError
    ) {
      context.stderr.write(`oss-pulse: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof EmbeddedDatabaseError) {
      context.stderr.write(`oss-pulse: ${error.message}\n`);
      return EXIT.someFailed;
    }
    context.logger.error({ err: error }, error instanceof Error ? error.message : String(error));
    return EXIT.someFailed;
  } finally {
    context.logger.flush();
  }
}

/** Finds the command, answers --version and --help, holds argv to the command's flags, runs it. */
async function run(argv: string[], context: CliContext): Promise<number> {
  const { commandName, globals } = findCommand(argv, COMMANDS);
  if (globals.version) {
    context.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (commandName === undefined) {
    context.stdout.write(generalHelp(COMMANDS));
    // Help asked for is an answer; no command at all is a usage mistake.
    return globals.help ? EXIT.ok : EXIT.usage;
  }
  const command = commandNamed(commandName);
  // Before the flags are checked: `status --wek --help` should show status's flags, not refuse.
  if (globals.help) {
    context.stdout.write(command.name === 'help' ? generalHelp(COMMANDS) : commandHelp(command));
    return EXIT.ok;
  }
  const { flags, positionals, configPath } = parseCommandArguments(argv, command);
  const readConfig = async () => {
    const { config } = await loadConfig({ path: configPath, env: context.env, cwd: context.cwd });
    // The alert channels' variables are secrets too (a Slack webhook URL is a credential):
    // the logger reads `settings.secrets` at every line.
    for (const secret of channelSecrets(config.channels, context.env)) if (!context.settings.secrets.includes(secret)) context.settings.secrets.push(secret);
    return config;
  };
  return command.run(context, { flags, positionals, configPath, readConfig });
}

function asksForHelpOrVersion(argv: string[]): boolean {
  return argv.length === 0 || argv[0] === 'help' || argv.some((arg) => ['-h', '--help', '-v', '--version'].includes(arg));
}

