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
import type { SourceName } from '../config/config.ts';

export const QUEUE_NAMES = ['github', 'huggingface', 'modelscope', 'npm', 'pypi', 'reports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const SOURCE_QUEUE: Record<SourceName, Exclude<QueueName, 'reports'>> = {
  'github-repos': 'github',
  'github-search': 'github',
  huggingface: 'huggingface',
  modelscope: 'modelscope',
  npm: 'npm',
  pypi: 'pypi',
};

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
export const schedulerId = (name: SourceName | 'report'): string => (name === 'report' ? 'report' : `round:${name}`);

/** Deduplication id of a source's round: one waiting or running at a time. */
export const roundDedupId = (source: SourceName): string => `round:${source}`;

/**
 * BullMQ key prefix: `OSS_PULSE_QUEUE_PREFIX`, so several installations (or tests) can share one Redis.
 * @defaultValue 'oss-pulse'
 */
export const queuePrefix = (env: NodeJS.ProcessEnv): string => env.OSS_PULSE_QUEUE_PREFIX || 'oss-pulse';
