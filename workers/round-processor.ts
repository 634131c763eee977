import { type Job, type Queue, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { SourceError } from '../jobs/clients/source-error.ts';
import { finishRun, recordFailures, startRun } from '../jobs/collection-runs.ts';
import { findSource, kindOfBatch, kindsOf, planOf } from '../jobs/sources/registry.ts';
import type { Config } from '../config/config.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import { type BatchJobData, type BatchResult, JOB_NAMES, type RoundJobData } from './queues.ts';

export interface RoundProcessorDeps {
  runtime: Runtime;
  config: Config;
  queue: Queue;
  /** After a round that stored samples of `kind` is recorded; never throws (alerts do not fail a round). */
  afterRound?: (kinds: readonly string[]) => Promise<void>;
}

export type RoundResult = BatchResult & { runId: number } | { skipped: string };

/**
 * A round in two steps (BullMQ's step-job pattern): `plan` records the run and adds
 * one child job per batch, then waits for them; `finish` adds up the children's
 * results and closes the run. The step lives in the job's data, so a round picked
 * up again after a crash resumes where it was.
 */
export async function processRound(job: Job<RoundJobData>, token: string, deps: RoundProcessorDeps): Promise<RoundResult> {
  const { runtime, config, queue } = deps;
  const { source, trigger } = job.data;
  const sourceJob = findSource(source);
  // Job data comes from Redis, not the type checker: a job left by another version may name a source this one lacks.
  if (!sourceJob) throw new UnrecoverableError(`no collection job for source ${source}`);

  if ((job.data.step ?? 'plan') === 'plan') {
    if (job.data.runId === undefined) {
      const reason = await claimRound(queue, job);
      if (reason) return { skipped: `${source}: ${reason}` };
    }
    // Keyed by the job, so a tick that reaches two workers (BullMQ can re-add a running
    // scheduler job) plans one run with one set of batches (their ids derive from the run).
    const runId = job.data.runId ?? (await startRun(runtime.db, source, trigger, runtime.now(), { jobKey: `${queue.name}/${job.id}` }));
    await job.updateData({ ...job.data, runId });
    const batches = planOf(sourceJob, sourceJob, config);
    await queue.addBulk(
      batches.map((batch, index) => ({
        name: JOB_NAMES.batch,
        data: { source, runId, batch } satisfies BatchJobData,
        opts: {
          // Deterministic: planning again after a crash adds no second copy.
          jobId: `run-${runId}-batch-${index}`,
          parent: { id: job.id ?? '', queue: job.queueQualifiedName },
          // A batch that fails for good is counted by the round, not fatal to it.
          ignoreDependencyOnFailure: true,
        },
      })),
    );
    await job.updateData({ ...job.data, runId, step: 'finish' });
    runtime.logger.info({ jobId: job.id, source, runId, batches: batches.length }, 'round planned');
    if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
  }
  return finishRound(job, deps);
}

async function finishRound(job: Job<RoundJobData>, deps: RoundProcessorDeps): Promise<RoundResult> {
  const { runtime, queue } = deps;
  const { source } = job.data;
  const sourceJob = findSource(source);
  const runId = job.data.runId;
  if (runId === undefined) throw new UnrecoverableError('round reached its finish step without a run');
  const totals: BatchResult = { subjectsOk: 0, subjectsFailed: 0, requests: 0, samples: 0 };
  for (const result of Object.values(await job.getChildrenValues<BatchResult>())) {
    totals.subjectsOk += result.subjectsOk;
    totals.subjectsFailed += result.subjectsFailed;
    totals.requests += result.requests;
    totals.samples += result.samples;
  }
  for (const [childKey, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const child = await queue.getJob(childKey.slice(childKey.lastIndexOf(':') + 1));
    const subjects = child && sourceJob ? sourceJob.subjects((child.data as BatchJobData).batch) : [];
    const error = new SourceError('network', `batch failed after its retries: ${reason}`);
    await recordFailures(runtime.db, runId, subjects.map((key) => ({ kind: sourceJob && child ? kindOfBatch(sourceJob, (child.data as BatchJobData).batch) : source, key, error })), runtime.now(), runtime.redact);
    totals.subjectsFailed += subjects.length;
  }
  await finishRun(runtime.db, runId, totals, runtime.now());
  if (totals.samples > 0 && sourceJob) await deps.afterRound?.(kindsOf(sourceJob));
  await releaseRound(queue, job);
  runtime.logger.info({ jobId: job.id, source, runId, ...totals }, 'round finished');
  return { runId, ...totals };
}

/**
 * Claims the source's "round in progress" marker for this job. Another round holds it
 * while it is not finished (waiting for its batches, or about to add them up); a
 * marker left by a round that completed, failed or was removed is taken over. A job
 * added while the previous round was still in progress (a scheduler tick that waited
 * in the queue behind it) does not run either. Returns why not, when this round must not run.
 */
async function claimRound(queue: Queue, job: Job<RoundJobData>): Promise<string | undefined> {
  const client = await queue.backend.client;
  const key = roundMarkerKey(queue, job.data.source);
  const id = String(job.id);
  if ((await client.runCommand('set', [key, id, 'NX'])) !== 'OK') {
    const holder = await client.get(key);
    if (holder !== null && holder !== id) {
      const state = await queue.getJobState(holder);
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return `round ${holder} is still in progress`;
    }
    await client.set(key, id);
  }
  const finishedAt = Number(await client.get(`${key}:finished-at`));
  if (job.timestamp < finishedAt) {
    await client.del(key);
    return 'it was added while the previous round was still in progress';
  }
  return undefined;
}

async function releaseRound(queue: Queue, job: Job<RoundJobData>): Promise<void> {
  const client = await queue.backend.client;
  const key = roundMarkerKey(queue, job.data.source);
  await client.set(`${key}:finished-at`, Date.now());
  if ((await client.get(key)) === String(job.id)) await client.del(key);
}

const roundMarkerKey = (queue: Queue, source: string) => `${queue.opts.prefix ?? 'bull'}:${queue.name}:round-in-progress:${source}`;
