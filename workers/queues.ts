/**
 * Terminology
 * - queue: one per upstream (`github`, `huggingface`, ...) plus `reports`, so that an
 *   upstream's rate limit pauses exactly the jobs that call it.
 * - round: one collection of one source (`round` job). It plans the batches, waits for
 *   them as its children, then records the run in `collection_runs`.
 * - batch: one slice of a round (`batch` job), e.g. 100 repositories.
 * Payloads hold names and ids, never tokens: workers read secrets from their own environment.
 */
import type { RunTrigger } from '../jobs/collection-runs.ts';
import type { Queue } from 'bullmq';
import { type SourceName, sourceNamed, UPSTREAMS } from '../jobs/sources/registry.ts';

/** One queue per upstream, named after it, and the reports' queue. */
export const QUEUE_NAMES: readonly string[] = [...UPSTREAMS.map((upstream) => upstream.name), 'reports'];
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

export const JOB_NAMES = { round: 'round', batch: 'batch', report: 'report' } as const;

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
