import { resolve } from 'node:path';
import type { Config } from '../../config/config.ts';
import { closeAbandonedRuns } from '../../jobs/collection-runs.ts';
import { openRuntime } from '../../runtime/open-runtime.ts';
import { startInProcessSchedules } from '../../runtime/in-process-schedules.ts';
import { scheduleOptions } from '../../runtime/planned-schedules.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import { type DatabaseHandle, openDatabase } from '../../schema/db.ts';
import { buildServer } from '../../web/server.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import { interruptRunsOnSignal } from '../interrupt-runs-on-signal.ts';
import { defineCommand } from './define-command.ts';
import { processStopSignal } from './process-stop-signal.ts';
import { requireChannelEnvironment } from './require-channels.ts';

export const serveCli = defineCommand({
  name: 'serve',
  summary: 'the live dashboard, HTTP API and embeds (--collect: also collect)',
  description:
    'Serves the dashboard (/), the API (/api/...), chart and badge embeds and the written reports from the database every command uses, ' +
    'until SIGTERM/SIGINT. With --collect it also runs the config\'s schedules in this process, without Redis: one command is a whole installation.',
  flags: {
    host: { type: 'string', valueName: 'H', description: 'the address to listen on (default: 127.0.0.1; 0.0.0.0 opens it to the network)' },
    port: { type: 'string', valueName: 'P', description: 'the port, 0 to 65535; 0 picks a free one (default: 8080)' },
    collect: { type: 'boolean', description: "also run the config's schedules in-process: rounds and the weekly report" },
  },
  run: async (context, { flags, readConfig }) =>
    serveCommand(context, await readConfig(), { host: flags.host ?? '127.0.0.1', port: parsePort(flags.port), collect: flags.collect ?? false }),
});

export interface ServeOptions {
  host: string;
  port: number;
  collect: boolean;
  /** Resolves when the process is asked to stop. @defaultValue the first SIGTERM or SIGINT */
  stopSignal?: Promise<string>;
}

/** `serve [--host H] [--port P] [--collect]`: serves until SIGTERM/SIGINT, then exits 0. */
export async function serveCommand(context: CliContext, config: Config, options: ServeOptions): Promise<number> {
  const { logger, settings } = context;
  if (options.collect && settings.redisUrl) {
    throw new UsageError('serve --collect runs the schedules without Redis; with REDIS_URL set, collection belongs to `oss-pulse worker --schedule` (serve only reads)');
  }
  if (options.collect) requireChannelEnvironment(config, context.env);
  const reportsDir = resolve(context.cwd, config.reports.dir);
  // Collecting needs the clients too; serving alone needs only the database.
  const runtime = options.collect ? await openRuntime(context) : undefined;
  // Runs a dead process left open would otherwise read as running for ever.
  if (runtime) await closeAbandonedRuns(runtime.db, runtime.now());
  const database: DatabaseHandle = runtime?.database ?? (await openReadDatabase(context));
  const schedules = runtime ? startInProcessSchedules({ runtime, config, reportsDir, options: scheduleOptions(settings), catchUp: true, channels: { env: context.env, fetch: context.fetch, publicUrl: settings.publicUrl } }) : undefined;
  let stopInterrupting: (() => void) | undefined;
  try {
    const app = await buildServer({ db: database.db, readOnlyConnection: database.readOnly, config, reportsDir, logger, now: context.now });
    try {
      const address = await app.listen({ host: options.host, port: options.port }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') throw new UsageError(`${options.host}:${options.port} is in use by another process; --port P picks another`);
        if (error.code === 'EADDRNOTAVAIL') throw new UsageError(`--host ${options.host} is not an address of this machine`);
        throw error;
      });
      context.stdout.write(`Serving ${address} (database: ${database.location}${schedules ? '; collecting on the schedules' : ''})\n`);
      logger.info({ address, database: database.location, collect: options.collect, next: schedules?.next() }, 'serving');
      const signal = await (options.stopSignal ?? processStopSignal());
      logger.info({ signal }, schedules ? 'stopping: finishing the running rounds (a second signal interrupts them)' : 'stopping');
      // A second signal while rounds finish closes them as interrupted, as `collect` does.
      if (runtime && !options.stopSignal) stopInterrupting = interruptRunsOnSignal(runtime);
    } finally {
      await app.close();
    }
  } finally {
    await schedules?.stop();
    stopInterrupting?.();
    await database.close();
  }
  logger.info('stopped');
  return EXIT.ok;
}

/** Serving alone never writes: on Postgres, the pool's sessions are read-only at the server. */
async function openReadDatabase(context: CliContext): Promise<DatabaseHandle> {
  const database = await openDatabase({ ...context, readOnly: true });
  try {
    // The views the dashboard reads must exist, even on a database no command has written yet.
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8080;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${text}")`);
  return port;
}
