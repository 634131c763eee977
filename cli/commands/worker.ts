import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { type CliContext, EXIT } from '../cli-context.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import type { Config } from '../../config/config.ts';
import { UPSTREAMS } from '../../jobs/sources/registry.ts';
import { openRuntime } from '../../runtime/open-runtime.ts';
import { serveMetrics, WorkerMetrics } from '../../workers/metrics.ts';
import { budgetFrom, budgetGate, saveBudget } from '../../workers/rate-limit-budgets.ts';
import { redactUrl } from '../../schema/redact-url.ts';
import { checkRedis, plainRedis, requireRedisUrl } from '../../workers/redis.ts';
import { scheduleOptions, syncSchedules } from '../../workers/schedules.ts';
import { startWorkerService } from '../../workers/worker-service.ts';
import { defineCommand } from './define-command.ts';
import { processStopSignal } from './process-stop-signal.ts';
import { requireChannelEnvironment } from './require-channels.ts';

export const workerCli = defineCommand({
  name: 'worker',
  summary: 'run the queue workers; --schedule also upserts the schedules',
  description: 'Runs the BullMQ workers until SIGTERM/SIGINT (needs REDIS_URL); serves /metrics and /healthz when OSS_PULSE_METRICS_PORT is set.',
  flags: {
    schedule: { type: 'boolean', description: 'also upsert the job schedulers from the config' },
    concurrency: { type: 'string', valueName: 'N', description: 'jobs run at once per queue, 1 to 100 (default: 1)' },
  },
  run: async (context, { flags, readConfig }) =>
    workerCommand(context, await readConfig(), { schedule: flags.schedule ?? false, concurrency: parseConcurrency(flags.concurrency) }),
});

export interface WorkerCommandOptions {
  schedule: boolean;
  concurrency: number;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT). */
  stopSignal?: Promise<string>;
}

/** `worker [--schedule] [--concurrency N]`: runs the BullMQ workers until SIGTERM/SIGINT, then exits 0. */
export async function workerCommand(context: CliContext, config: Config, options: WorkerCommandOptions): Promise<number> {
  const { env, logger, settings } = context;
  const redisUrl = requireRedisUrl(settings, 'worker');
  requireChannelEnvironment(config, env);
  await checkRedis(redisUrl);
  for (const upstream of UPSTREAMS) {
    const advice = upstream.advice?.(env);
    if (advice) logger.warn(advice);
  }
  const prefix = settings.queuePrefix;
  const metrics = new WorkerMetrics();
  const budgets = plainRedis(redisUrl, 'worker');
  budgets.on('error', () => {}); // the workers' own connections report Redis trouble
  // With a pool, one spent token is not a spent budget: the pool switches tokens.
  const pooled = new Set(UPSTREAMS.filter((upstream) => upstream.pooled?.(env)).map((upstream) => upstream.name));
  const runtime = await openRuntime({
    ...context,
    // Rate-limit waits go through the queue (shared by every worker), never a sleep here;
    // a budget some worker saw spent holds every worker back before it sends anything.
    retry: { ...context.retry, maxRateLimitWaitMs: 0 },
    gate: budgetGate(budgets, prefix, (upstream) => !pooled.has(upstream)),
    onResponse: (response) => {
      metrics.upstreamResponse(response);
      const budget = budgetFrom(response, new Date());
      if (budget) saveBudget(budgets, prefix, budget).catch(() => {});
    },
  });
  const service = startWorkerService({
    runtime,
    config,
    redisUrl,
    prefix,
    concurrency: options.concurrency,
    lockDurationMs: settings.lockDurationMs,
    retryDelayMs: settings.retryDelayMs,
    metrics,
    reportsDir: resolve(context.cwd, config.reports.dir),
    channels: { env, fetch: context.fetch, publicUrl: settings.publicUrl },
  });
  let server: Server | undefined;
  try {
    if (options.schedule) {
      for (const schedule of await syncSchedules(service.queues, config, scheduleOptions(settings))) {
        logger.info({ scheduler: schedule.id, pattern: schedule.pattern, next: schedule.next }, 'schedule upserted');
      }
    }
    if (settings.metrics) {
      server = await serveMetrics(settings.metrics, metrics, async () => {
        const checks: Record<string, string> = {};
        checks.redis = await budgets.ping().then(() => 'ok', (error: Error) => error.message);
        checks.database = await runtime.db.execute(sql`select 1`).then(() => 'ok', (error: Error) => error.message);
        checks.workers = service.workers.every((worker) => worker.isRunning()) ? 'ok' : 'stopped';
        return { ok: Object.values(checks).every((value) => value === 'ok'), checks };
      });
      logger.info(settings.metrics, 'serving /metrics and /healthz');
    }
    logger.info({ redis: redactUrl(redisUrl), database: runtime.database.location, prefix, schedule: options.schedule }, 'worker started');
    const signal = await (options.stopSignal ?? processStopSignal());
    logger.info({ signal }, 'stopping: finishing active jobs');
  } finally {
    await service.close();
    server?.close();
    budgets.disconnect();
    await runtime.close();
  }
  logger.info('worker stopped');
  return EXIT.ok;
}

function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new UsageError(`--concurrency must be a whole number from 1 to 100 (got "${text}")`);
  return value;
}
