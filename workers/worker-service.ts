import { type Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Config } from '../config/config.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import { processBatch } from './batch-processor.ts';
import type { WorkerMetrics } from './metrics.ts';
import { type ChannelAccess, deliveryDeps } from '../alerts/deliver-event.ts';
import { processDelivery } from './notify-processor.ts';
import {
  type BatchJobData,
  type BatchResult,
  type DeliverJobData,
  JOB_NAMES,
  NOTIFY_QUEUE,
  QUEUE_NAMES,
  type QueueName,
  queueNamed,
  type ReportJobData,
  type RoundJobData,
} from './queues.ts';
import { alertAfterRound, queueDigest } from './queue-deliveries.ts';
import type { NewEvent } from '../alerts/record-events.ts';
import { processReport } from './report-processor.ts';
import { type RedisRole, redisConnection } from './redis.ts';
import { processRound } from './round-processor.ts';

export interface QueueOptions {
  redisUrl: string;
  prefix: string;
  /** First retry delay of a failed job; doubles each attempt, with jitter. @defaultValue 5_000 */
  retryDelayMs?: number;
}

export interface WorkerServiceOptions extends QueueOptions {
  runtime: Runtime;
  config: Config;
  /** Jobs processed at once per queue. @defaultValue 1 */
  concurrency?: number;
  /** How long a job's lock lasts without renewal; a killed worker's jobs are picked up after it. @defaultValue 30_000 */
  lockDurationMs?: number;
  metrics?: WorkerMetrics;
  /** Where the scheduled report job writes its files (the config's `reports.dir`, resolved). */
  reportsDir: string;
  /** What alert deliveries send through: the channels' variables, the network, `OSS_PULSE_PUBLIC_URL`. @defaultValue none: every delivery is dropped (its variables unset) */
  channels?: ChannelAccess;
}

export interface WorkerService {
  queues: Record<QueueName, Queue>;
  workers: Worker[];
  /** Stops taking jobs, lets active ones finish (up to `timeoutMs`, then releases them), closes connections. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Retries: 8 attempts from 5 s doubling (about 10 minutes in all) outlast a database
 * restart; history is bounded so Redis does not grow without end.
 */
export function jobOptions(retryDelayMs = 5_000): JobsOptions {
  return {
    attempts: 8,
    backoff: { type: 'exponential', delay: retryDelayMs, jitter: 0.5 },
    removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
    removeOnFail: { count: 5_000 },
  };
}

export function openQueues(options: QueueOptions, role: RedisRole): Record<QueueName, Queue> {
  const entries = QUEUE_NAMES.map((name) => [
    name,
    new Queue(name, {
      connection: redisConnection(options.redisUrl, role),
      prefix: options.prefix,
      defaultJobOptions: jobOptions(options.retryDelayMs),
    }),
  ]);
  return Object.fromEntries(entries) as Record<QueueName, Queue>;
}

export function startWorkerService(options: WorkerServiceOptions): WorkerService {
  const { runtime, config, metrics } = options;
  const queues = openQueues(options, 'worker');
  const notify = queueNamed(queues, NOTIFY_QUEUE);
  const alertDeps = { runtime, config, notify, onEvent: ({ event }: NewEvent) => metrics?.alertEvent(event.rule) };
  const afterRound = (kinds: readonly string[]) => alertAfterRound(alertDeps, kinds);
  const delivery = deliveryDeps({ db: runtime.db, config, now: runtime.now }, options.channels);
  const workers = QUEUE_NAMES.map((name) => {
    const queue = queueNamed(queues, name);
    const worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        const log = runtime.logger.child({ queue: name, job: job.name, jobId: job.id });
        log.debug('job started');
        if (job.name === JOB_NAMES.round) return processRound(job as Job<RoundJobData>, token ?? '', { runtime, config, queue, afterRound });
        if (job.name === JOB_NAMES.batch) {
          const result = await processBatch(job as Job<BatchJobData>, {
            runtime,
            queue,
            onRateLimited: (waitMs) => metrics?.rateLimited(name, waitMs),
          });
          metrics?.samplesWritten((job.data as BatchJobData).source, result.samples);
          return result satisfies BatchResult;
        }
        if (job.name === JOB_NAMES.deliver) {
          return processDelivery(job as Job<DeliverJobData>, token ?? '', {
            delivery,
            logger: runtime.logger,
            onDelivery: (channel, status) => metrics?.delivery(channel, status),
          });
        }
        if (job.name === JOB_NAMES.report) {
          return processReport(job as Job<ReportJobData>, { runtime, config, dir: options.reportsDir, afterReport: (week) => queueDigest(alertDeps, week) });
        }
        throw new UnrecoverableError(`unknown job ${job.name}`);
      },
      {
        connection: redisConnection(options.redisUrl, 'worker'),
        prefix: options.prefix,
        concurrency: options.concurrency ?? 1,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.lockDurationMs ?? 30_000,
        // A job whose worker keeps dying mid-way (e.g. out of memory) fails instead of looping.
        maxStalledCount: 3,
      },
    );
    worker.on('completed', (job) => metrics?.job(name, job.name, 'completed'));
    worker.on('failed', (job, error) => {
      metrics?.job(name, job?.name ?? 'unknown', 'failed');
      runtime.logger.warn({ queue: name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed');
    });
    // Redis going away is logged, not fatal: ioredis reconnects and the worker carries on.
    worker.on('error', (error) => runtime.logger.error({ queue: name, err: error }, 'worker error'));
    return worker;
  });
  for (const queue of Object.values(queues)) queue.on('error', (error) => runtime.logger.error({ err: error }, 'queue error'));

  return {
    queues,
    workers,
    async close(timeoutMs = 25_000) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([Promise.all(workers.map((worker) => worker.close())), timedOut]);
      clearTimeout(timer);
      // Jobs still running are released: their locks lapse and another worker picks them up.
      if (outcome === 'timeout') await Promise.all(workers.map((worker) => worker.close(true)));
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}
