import { type Job, type Queue, RateLimitError, UnrecoverableError } from 'bullmq';
import { RATE_LIMIT_FALLBACK_WAIT_MS } from '../jobs/clients/retry.ts';
import { collectBatch, storeOutcome } from '../jobs/collect-source.ts';
import { subjectsStored } from '../jobs/observation.ts';
import { findSource } from '../jobs/sources/registry.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import type { BatchJobData, BatchResult } from './queues.ts';

export interface BatchProcessorDeps {
  runtime: Runtime;
  /** The batch's own queue: a rate limit pauses it for every worker at once. */
  queue: Queue;
  onRateLimited?: (waitMs: number) => void;
}

/**
 * Fetches and stores one batch. A rate-limited batch keeps what it got, pauses its
 * queue for as long as the upstream asked and goes back to wait (no attempt spent);
 * per-subject failures are recorded; only infrastructure errors (the database) throw.
 */
export async function processBatch(job: Job<BatchJobData>, deps: BatchProcessorDeps): Promise<BatchResult> {
  const { source, runId, batch } = job.data;
  const sourceJob = findSource(source);
  // Job data comes from Redis, not the type checker: a job left by another version may name a source this one lacks.
  if (!sourceJob) throw new UnrecoverableError(`no collection job for source ${source}`);
  const { runtime } = deps;
  const { result: outcome, requests } = await runtime.countRequests(() => collectBatch(sourceJob, batch, runtime));

  const limited = outcome.failures.filter((failure) => failure.error.kind === 'rate_limit');
  if (limited.length > 0) {
    await storeOutcome(runtime, runId, { observations: outcome.observations, failures: [] });
    const waitMs = Math.max(...limited.map((failure) => failure.error.retryAfterMs ?? RATE_LIMIT_FALLBACK_WAIT_MS));
    runtime.logger.warn({ jobId: job.id, source, runId, waitMs, subjects: limited.length }, 'rate limited; pausing the queue');
    deps.onRateLimited?.(waitMs);
    await deps.queue.rateLimit(waitMs);
    throw new RateLimitError();
  }

  const samples = await storeOutcome(runtime, runId, outcome);
  return { subjectsOk: subjectsStored(outcome), subjectsFailed: outcome.failures.length, requests, samples };
}
