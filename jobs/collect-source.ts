import type { Database } from '../schema/db.ts';
import { currentProcess, formatIdentity } from '../schema/process-identity.ts';
import { toSourceError } from './clients/source-error.ts';
import { finishRun, recordFailures, type RunTrigger, startRun } from './collection-runs.ts';
import { eachAtOnce } from './each-at-once.ts';
import { type BatchOutcome, type SubjectFailure, subjectsStored } from './observation.ts';
import type { JobDeps, SourceJob } from './source-job.ts';
import { type Origin, writeBatch } from './write-samples.ts';

export interface RunSummary {
  source: string;
  runId: number;
  subjectsOk: number;
  samplesWritten: number;
  requests: number;
  failures: SubjectFailure[];
}

export interface CollectDeps extends Omit<JobDeps, 'client'> {
  db: Database;
  /** Each upstream's client, by upstream name. */
  clients: Readonly<Record<string, unknown>>;
  /** Runs `work`, counting the upstream requests it makes (to record each run's share). */
  countRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }>;
  /** Removes secrets (tokens) from text bound for the database, such as an upstream's error message. */
  redact(text: string): string;
}

/** Stores one batch's outcome: samples and statuses in one transaction, then the failures. */
export async function storeOutcome(
  deps: Pick<CollectDeps, 'db' | 'now' | 'redact'>,
  runId: number,
  outcome: BatchOutcome,
  origin: Origin = 'observed',
): Promise<number> {
  const now = deps.now();
  const written = await writeBatch(deps.db, { ...outcome, runId, now, origin });
  await recordFailures(deps.db, runId, outcome.failures, now, deps.redact);
  return written;
}

/** Fetches one batch with the client of the job's upstream. */
export function collectBatch(job: SourceJob<never>, batch: unknown, deps: CollectDeps): Promise<BatchOutcome> {
  const { now, sampledSince, lastValues } = deps;
  return job.collect(batch, { client: deps.clients[job.upstream.name], now, sampledSince, lastValues });
}

/**
 * One in-process round of one source: every batch of the plan, each stored as it
 * arrives, so a failing batch or subject never loses the others.
 */
export async function collectSource(
  job: SourceJob<never>,
  batches: unknown[],
  deps: CollectDeps,
  options: { trigger: RunTrigger; origin?: Origin; onBatch?: (done: number, total: number) => void },
): Promise<RunSummary> {
  // In-process rounds name their process: if it dies, the run reads as interrupted.
  const runId = await startRun(deps.db, job.source, options.trigger, deps.now(), { process: formatIdentity(currentProcess()) });
  const summary: RunSummary = { source: job.source, runId, subjectsOk: 0, samplesWritten: 0, requests: 0, failures: [] };
  try {
    let done = 0;
    await eachAtOnce(batches, job.batchesAtOnce ?? 1, async (batch) => {
      const { result: outcome, requests } = await deps.countRequests(() => collectBatch(job, batch, deps));
      // Awaited first: a `+=` around an await would add to a total read before it.
      const written = await storeOutcome(deps, runId, outcome, options.origin);
      summary.requests += requests;
      summary.samplesWritten += written;
      summary.subjectsOk += subjectsStored(outcome);
      summary.failures.push(...outcome.failures);
      options.onBatch?.(++done, batches.length);
    });
  } catch (error) {
    await finishRun(deps.db, runId, { ...totals(summary), error: deps.redact(toSourceError(error).message) }, deps.now()).catch(() => {});
    throw error;
  }
  await finishRun(deps.db, runId, totals(summary), deps.now());
  return summary;
}

const totals = (summary: RunSummary) => ({
  subjectsOk: summary.subjectsOk,
  subjectsFailed: summary.failures.length,
  requests: summary.requests,
});
