/**
 * Terminology
 * - queue: one per upstream (`github`, `huggingface`, ...) plus `reports`, so that an
 *   upstream's rate limit pauses exactly the jobs that call it.
 * - round: one collection of one source (`round` job). It plans the batches, waits for
 *   them as its children, then records the run in `collection_runs`.
 * - batch: one slice of a round (`batch` job), e.g. 100 repositories.
 * - delivery: one alert event to one channel (`deliver` job on the `notify` queue), so a
 *   slow or failing receiver holds back no collection.
 * Payloads hold names and ids, never tokens: workers read secrets from their own environment.
 */
import type { RunTrigger } from '../jobs/collection-runs.ts';
import type { Queue } from 'bullmq';
import { type SourceName, sourceNamed, UPSTREAMS } from '../jobs/sources/registry.ts';

/** The queue of alert deliveries. */
export const NOTIFY_QUEUE = 'notify';

/** One queue per upstream, named after it, the reports' queue and the deliveries' queue. */
export const QUEUE_NAMES: readonly string[] = [...UPSTREAMS.map((upstream) => upstream.name), 'reports', NOTIFY_QUEUE];
export type QueueName = string;

/** Every queue by name, as `openQueues` gives them. */
export type Queues = Readonly<Record<QueueName, Queue>>;

/** The queue of that name; one missing is a bug, not a condition to handle. */
export function queueNamed(queues: Queues, name: QueueName): Queue {
  const queue = queues[name];
  if (!queue) throw new Error(`no queue named ${name}`);
  return queue;
}

/** The queue of a source's rounds and batches: its upstream's. */
export const queueOf = (source: SourceName): QueueName => sourceNamed(source).upstream.name;

export const JOB_NAMES = { round: 'round', batch: 'batch', report: 'report', deliver: 'deliver' } as const;

export interface RoundJobData {
  source: SourceName;
  /** A queued round comes from a scheduler tick or from `enqueue`; `collect` and `backfill` run in-process. */
  trigger: Extract<RunTrigger, 'schedule' | 'enqueue'>;
  /** Saved between the two steps, so a retried round resumes where it was. */
  step?: 'plan' | 'finish';
  runId?: number;
}

export interface BatchJobData {
  source: SourceName;
  runId: number;
  /** The job module's batch: plain data from its `plan`. */
  batch: unknown;
}

export interface ReportJobData {
  /** An ISO week; none means the last complete week when the job runs. */
  week?: string;
}

/** Ids only: the worker reads the event from Postgres and the channel's address and secret from its environment. */
export interface DeliverJobData {
  eventId: string;
  /** The channel's name in the config. */
  channel: string;
}

/** What a batch job returns to its round. */
export interface BatchResult {
  subjectsOk: number;
  subjectsFailed: number;
  requests: number;
  samples: number;
}

/** Scheduler ids, stable so every `worker --schedule` upserts the same ones. */
export { schedulerId } from '../runtime/planned-schedules.ts';

/** Deduplication id of a source's round: one waiting or running at a time. */
export const roundDedupId = (source: SourceName): string => `round:${source}`;

/**
 * Job id of a delivery: one job per event and channel however often the round that
 * found it runs again. BullMQ refuses `:` in custom ids, and an event id may hold one.
 */
export const deliverJobId = (eventId: string, channel: string): string => `deliver-${eventId}-${channel}`.replaceAll(':', '_');
