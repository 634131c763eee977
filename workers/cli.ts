import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseConnectionError } from '../schema/database-connection-error.ts';
import { ForeignFolderError } from '../schema/embedded-data-dir.ts';
import { FolderError } from '../schema/make-folder.ts';
import { EmbeddedDatabaseError } from '../schema/pglite-lock.ts';
import { type CliContext, EXIT, UsageError } from './cli-context.ts';
import { backfillCommand } from './commands/backfill.ts';
import { collectCommand } from './commands/collect.ts';
import { enqueueCommand, scheduleCommand } from './commands/queue-commands.ts';
import { reportCommand } from './commands/report.ts';
import { statusCommand } from './commands/status.ts';
import { workerCommand } from './commands/worker.ts';
import { ConfigError, loadConfig } from './config.ts';
import { secretsOf } from './deps.ts';
import { checkEnvironment } from './environment-check.ts';
import { writeStarterConfig } from './init-config.ts';
import { createLogger } from './logger.ts';

const HELP = `Usage: oss-pulse <command> [options]

Commands:
  init [--force]               write a starter oss-pulse.yaml (the default watchlist)
  migrate                      apply database migrations
  collect [SOURCE...]          one collection round in-process, then exit
  backfill [SOURCE...] [--since YYYY-MM-DD]
                               reconstruct history where the upstream keeps it (default: one year)
  worker [--schedule] [--concurrency N]
                               run the queue workers; --schedule also upserts the schedules
  schedule                     upsert the schedules from the config and print them
  enqueue [SOURCE...]          enqueue one collection round now
  report [--week YYYY-Www] [--format md,html,csv,json] [--out DIR]
                               write the weekly trend report (default: the last complete ISO week)
  status [--json]              last run, outcome and freshness per source; queues when REDIS_URL is set

Sources: github-repos, github-search, huggingface, modelscope, npm, pypi (none: all configured)

Options:
  --config FILE                configuration file (else $OSS_PULSE_CONFIG, else ./oss-pulse.yaml, else built-in)
  -h, --help                   show this help
  -v, --version                show the version

Environment: DATABASE_URL (unset: embedded PGlite in $OSS_PULSE_DATA_DIR, default ./.oss-pulse/db),
REDIS_URL (queues), GITHUB_TOKEN (comma-separated for a pool), HF_TOKEN, GITHUB_API_URL, HF_ENDPOINT,
MODELSCOPE_ENDPOINT, NPM_DOWNLOADS_URL, PYPISTATS_URL, PYPI_URL, LOG_LEVEL (fatal, error, warn, info, debug,
trace, silent), OSS_PULSE_METRICS_PORT and OSS_PULSE_METRICS_HOST (worker /metrics and /healthz; host default 127.0.0.1).
Exit status: 0 all good; 1 some subjects failed (the rest is stored); 2 bad usage or configuration.
`;

export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const env = overrides.env ?? process.env;
  // Before the logger exists: an unknown LOG_LEVEL would crash it. Help and version need no settings.
  if (!asksForHelpOrVersion(argv)) {
    try {
      checkEnvironment(env);
    } catch (error) {
      (overrides.stderr ?? process.stderr).write(`oss-pulse: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const context: CliContext = {
    env,
    cwd: overrides.cwd ?? process.cwd(),
    stdout: overrides.stdout ?? process.stdout,
    stderr: overrides.stderr ?? process.stderr,
    logger:
      overrides.logger ??
      createLogger({ level: env.LOG_LEVEL || 'info', secrets: secretsOf(env), destination: overrides.stderr ?? process.stderr }),
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

async function run(argv: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags(argv);
  if (values.version) {
    context.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    context.stdout.write(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  const readConfig = async () => (await loadConfig({ path: values.config, env: context.env, cwd: context.cwd })).config;
  const noArguments = () => {
    if (rest.length > 0) throw new UsageError(`${command} takes no arguments (got "${rest.join(' ')}")`);
  };
  switch (command) {
    case 'init': {
      noArguments();
      const path = resolve(context.cwd, values.config ?? 'oss-pulse.yaml');
      await writeStarterConfig(path, { force: values.force });
      context.stdout.write(`Wrote ${values.config ?? 'oss-pulse.yaml'}\n`);
      return EXIT.ok;
    }
    case 'migrate': {
      noArguments();
      const { openDatabase } = await import('../schema/db.ts');
      const database = await openDatabase(context);
      try {
        await database.migrate();
        context.stdout.write(`Migrations applied to ${database.location}\n`);
      } finally {
        await database.close();
      }
      return EXIT.ok;
    }
    case 'collect':
      return collectCommand(context, await readConfig(), rest);
    case 'status': {
      noArguments();
      const config = await readConfig();
      return statusCommand(context, config, { json: values.json ?? false });
    }
    case 'worker': {
      noArguments();
      const config = await readConfig();
      return workerCommand(context, config, { schedule: values.schedule ?? false, concurrency: parseConcurrency(values.concurrency) });
    }
    case 'backfill':
      return backfillCommand(context, await readConfig(), rest, values.since);
    case 'report':
      noArguments();
      return reportCommand(context, await readConfig(), { week: values.week, format: values.format, out: values.out });
    case 'schedule':
      noArguments();
      return scheduleCommand(context, await readConfig());
    case 'enqueue':
      return enqueueCommand(context, await readConfig(), rest);
    default:
      throw new UsageError(`unknown command "${command}"; see oss-pulse --help`);
  }
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        schedule: { type: 'boolean' },
        concurrency: { type: 'string' },
        week: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        since: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function asksForHelpOrVersion(argv: string[]): boolean {
  return argv.length === 0 || argv[0] === 'help' || argv.some((arg) => ['-h', '--help', '-v', '--version'].includes(arg));
}

function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new UsageError(`--concurrency must be a whole number from 1 to 100 (got "${text}")`);
  return value;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
