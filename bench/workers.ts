// Real `oss-pulse worker` processes for the bench, and a round driven through the
// queue: `enqueue`, then wait until `collection_runs` says every round finished.
import { randomBytes } from 'node:crypto';
import { type SpawnedCli, spawnCli } from '../test/helpers/spawn-worker.ts';
import { deletePrefix } from '../test/helpers/redis.ts';
import type { main } from '../cli/cli.ts';
import { REDIS_URL, runCli, sqlRows, waitFor } from './support.ts';

export interface WorkerPool {
  workers: SpawnedCli[];
  /** The environment of the workers, for `enqueue` (same Redis prefix, same config). */
  env: NodeJS.ProcessEnv;
  /** SIGTERM, wait for each to exit, and delete the pool's Redis keys. */
  stop(): Promise<void>;
}

/**
 * Starts `count` workers (`node bin/oss-pulse.js worker`) on a Redis prefix of their own; resolves once all listen.
 * `bin` starts another checkout's workers (the pacing part's baseline).
 */
export async function startWorkers(count: number, env: NodeJS.ProcessEnv, cwd: string, bin?: string): Promise<WorkerPool> {
  const prefix = `oss-pulse-bench-${randomBytes(4).toString('hex')}`;
  // Info level only to see "worker started"; the lines stay in memory.
  const workerEnv = { ...process.env, ...env, REDIS_URL, OSS_PULSE_QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };
  const workers = Array.from({ length: count }, () => spawnCli(['worker'], { env: workerEnv, cwd, ...(bin && { bin }) }));
  const stop = async () => {
    for (const worker of workers) worker.process.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exitWithin(30_000).catch(() => worker.process.kill('SIGKILL'))));
    await deletePrefix(prefix, REDIS_URL);
  };
  try {
    await Promise.all(workers.map((worker) => worker.waitForLog('worker started', 60_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { workers, env: { ...env, REDIS_URL, OSS_PULSE_QUEUE_PREFIX: prefix }, stop };
}

/**
 * Enqueues one round of `sources` and waits until their runs are finished; seconds from enqueue to the last finish.
 * `cliMain` enqueues with another checkout's code, as its workers expect their jobs.
 */
export async function enqueueRound(
  pool: WorkerPool,
  sources: string[],
  databaseUrl: string,
  cwd: string,
  { timeoutMs = 600_000, cliMain }: { timeoutMs?: number; cliMain?: typeof main } = {},
): Promise<number> {
  const [before] = await sqlRows<{ id: string | null }>(databaseUrl, 'SELECT max(id) AS id FROM collection_runs');
  const since = Number(before?.id ?? 0);
  const startedAt = Date.now();
  await runCli(['enqueue', ...sources], pool.env, cwd, {}, cliMain);
  await waitFor(
    `${sources.join(', ')} rounds to finish`,
    async () => {
      const [row] = await sqlRows<{ done: string }>(
        databaseUrl,
        `SELECT count(*) AS done FROM collection_runs WHERE id > $1 AND trigger = 'enqueue' AND finished_at IS NOT NULL`,
        [since],
      );
      return Number(row?.done) >= sources.length;
    },
    timeoutMs,
    50,
  );
  // The workers stamp finished_at with the same machine clock: no polling delay in the figure.
  const [last] = await sqlRows<{ at: Date; failed: string }>(
    databaseUrl,
    `SELECT max(finished_at) AS at, sum(subjects_failed) AS failed FROM collection_runs WHERE id > $1`,
    [since],
  );
  if (Number(last?.failed) > 0) throw new Error(`bench: the enqueued round had ${last?.failed} failed subjects`);
  return ((last?.at.getTime() ?? Date.now()) - startedAt) / 1000;
}
