import { type Job, type Queue, UnrecoverableError, WaitingChildrenError } from 'bullmq';
import { SourceError } from '../jobs/clients/source-error.ts';
import { finishRun, recordFailures, startRun } from '../jobs/collection-runs.ts';
import { SOURCE_JOBS, SOURCE_KIND } from '../jobs/registry.ts';
import type { Config } from './config.ts';
import type { Runtime } from './deps.ts';
import { type BatchJobData, type BatchResult, JOB_NAMES, type RoundJobData } from './queues.ts';

export interface RoundProcessorDeps {
  runtime: Runtime;
  config: Config;
  queue: Queue;
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
  const sourceJob = SOURCE_JOBS[source];
  if (!sourceJob) throw new UnrecoverableError(`no collection job for source ${source}`);

  if ((job.data.step ?? 'plan') === 'plan') {
    if (job.data.runId === undefined) {
      const earlier = await earlierRoundInProgress(queue, job);
      if (earlier) return { skipped: `round ${earlier} of ${source} is still in progress` };
    }
    const runId = job.data.runId ?? (await startRun(runtime.db, source, trigger, runtime.now()));
    await job.updateData({ ...job.data, runId });
    const batches = sourceJob.plan(config);
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
    const subjects = child ? (SOURCE_JOBS[source]?.subjects((child.data as BatchJobData).batch) ?? []) : [];
    const error = new SourceError('network', `batch failed after its retries: ${reason}`);
    await recordFailures(runtime.db, runId, subjects.map((key) => ({ kind: SOURCE_KIND[source], key, error })), runtime.now());
    totals.subjectsFailed += subjects.length;
  }
  await finishRun(runtime.db, runId, totals, runtime.now());
  runtime.logger.info({ jobId: job.id, source, runId, ...totals }, 'round finished');
  return { runId, ...totals };
}

/** Another round of the same source that started first and is not done (two triggers racing). */
async function earlierRoundInProgress(queue: Queue, job: Job<RoundJobData>): Promise<string | undefined> {
  const jobs = await queue.getJobs(['active', 'waiting-children']);
  const earlier = jobs.find(
    (other) =>
      other.id !== job.id &&
      other.name === JOB_NAMES.round &&
      (other.data as RoundJobData).source === job.data.source &&
      (other.timestamp < job.timestamp || (other.timestamp === job.timestamp && String(other.id) < String(job.id))),
  );
  return earlier?.id;
}
