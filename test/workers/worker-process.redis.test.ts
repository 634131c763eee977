// `oss-pulse worker` as real processes sharing one Redis and one Postgres: killed with
// SIGKILL mid-batch, stopped with SIGTERM, and two schedulers side by side.
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, type RoundJobData } from '../../workers/queues.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { type Deployment, deployment } from '../helpers/deployment.ts';
import { clearCollectedData, createTestDatabase, sqlRows } from '../helpers/database.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { killAllSpawned, spawnCli, type SpawnedCli } from '../helpers/spawn-worker.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';

const TOKEN = 'ghp_testtoken0000000000000000000000000042';
const repoNames = Array.from({ length: 250 }, (_, i) => `org${i % 5}/repo-${i}`);
const METRICS_PER_REPO = 4; // stars, forks, watchers, open_issues
const watchlist = (repos: string[], extra = '') => `github:\n  repos:\n${repos.map((r) => `    - ${r}\n`).join('')}${extra}`;

interface Run {
  id: number;
  status: string | null;
  subjects_ok: number | null;
  subjects_failed: number | null;
  requests: number;
  started_at: Date;
  finished_at: Date | null;
}

describe('worker processes: SIGKILL, SIGTERM and two schedulers', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let prefix: string;
  let spawned: SpawnedCli[] = [];

  beforeAll(async () => {
    up = await startFakeUpstream();
    repoNames.forEach((fullName, i) =>
      up.github.addRepo({ id: 3000 + i, fullName, stars: 10 * i, forks: i, subscribers: i + 1, openIssues: 2 * i, openPullRequests: 1 }),
    );
    up.github.addToken(TOKEN);
    db = await createTestDatabase();
    // Migrated once here, so that beforeEach can empty the tables.
    expect((await runCli(['migrate'], { env: { DATABASE_URL: db.url }, cwd: await tempWorkdir() })).code).toBe(0);
  });
  afterAll(async () => {
    await killAllSpawned();
    await up?.close();
    await db?.drop();
  });
  beforeEach(async ({ onTestFailed }) => {
    prefix = uniquePrefix();
    spawned = [];
    onTestFailed(() => {
      for (const [i, cli] of spawned.entries()) console.error(`worker #${i + 1} (${cli.process.spawnargs.slice(2).join(' ')}), last logs:\n${cli.tail(30)}`);
    });
    up.clearRequests();
    up.github.clearFaults();
    await clearCollectedData(db.url);
  });
  afterEach(async () => {
    await killAllSpawned();
    await deletePrefix(prefix);
  });

  /** A working directory and the environment a deployment would give every process. */
  const deploymentOf = (configYaml: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    deployment(configYaml, { up, databaseUrl: db.url, prefix }, { GITHUB_TOKEN: TOKEN, HF_TOKEN: '', OSS_PULSE_RETRY_DELAY_MS: '200', ...extraEnv });

  const spawnWorker = (deploy: Deployment, ...flags: string[]) => {
    const worker = spawnCli(['worker', ...flags], deploy);
    spawned.push(worker);
    return worker;
  };
  const enqueue = async (deploy: Deployment) => {
    const result = await runCli(['enqueue', 'github-repos'], deploy);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('github-repos: round enqueued') });
  };
  const graphqlRequests = () => up.requests.filter((request) => request.upstream === 'github' && request.path === '/graphql');
  const runs = (trigger: string) =>
    sqlRows<Run>(
      db.url,
      `SELECT id::int, status, subjects_ok, subjects_failed, requests, started_at, finished_at FROM collection_runs
       WHERE source = 'github-repos' AND trigger = $1 ORDER BY id`,
      [trigger],
    );
  const finishedRun = async () => (await runs('enqueue')).find((run) => run.finished_at !== null);
  const countSamples = async (runId: number) =>
    (await sqlRows<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM samples WHERE run_id = $1', [runId]))[0]?.n;
  const batchesStarted = (worker: SpawnedCli) =>
    worker.logs.filter((line) => line.msg === 'job started' && line.job === 'batch').map((line) => String(line.jobId));

  /** Every configured repository has exactly one sample of each metric in the run: nothing lost, nothing doubled. */
  async function expectEverySampleOnce(runId: number, repos: number) {
    const uneven = await sqlRows(
      db.url,
      `SELECT s.key, x.metric, count(*)::int AS n FROM samples x JOIN subjects s ON s.id = x.subject_id
       WHERE x.run_id = $1 GROUP BY s.key, x.metric HAVING count(*) <> 1`,
      [runId],
    );
    expect(uneven).toEqual([]);
    expect(await countSamples(runId)).toBe(repos * METRICS_PER_REPO);
    const [subjects] = await sqlRows<{ n: number }>(db.url, `SELECT count(DISTINCT subject_id)::int AS n FROM samples WHERE run_id = $1`, [runId]);
    expect(subjects?.n).toBe(repos);
  }

  it('a worker killed with SIGKILL mid-batch loses nothing: another worker picks its batch up', async () => {
    const deploy = await deploymentOf(watchlist(repoNames));
    // The first batch's answer takes 3 s, so the worker dies with it in flight.
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'delay', ms: 3_000 } });
    const a = spawnWorker(deploy);
    await a.waitForLog('worker started');
    await enqueue(deploy);
    await waitFor('the first GraphQL request', async () => graphqlRequests().length > 0, 15_000);
    a.process.kill('SIGKILL');
    expect(await a.exitWithin(5_000)).toBeNull();
    expect(a.process.signalCode).toBe('SIGKILL');
    expect(graphqlRequests()[0]?.status).toBeUndefined(); // A never saw the answer
    const runId = (await runs('enqueue'))[0]?.id;
    expect(runId).toBeDefined();
    expect(await countSamples(runId ?? -1)).toBe(0);

    const b = spawnWorker(deploy);
    const run = await waitFor('the round to finish on worker B', finishedRun, 25_000);
    expect(run).toMatchObject({ id: runId, status: 'ok', subjects_ok: 250, subjects_failed: 0 });
    await expectEverySampleOnce(run.id, 250);
    // A started batch 0 and died; B ran it again with the two A never reached, and closed the round.
    expect(batchesStarted(a)).toEqual([`run-${run.id}-batch-0`]);
    expect(batchesStarted(b).sort()).toEqual([0, 1, 2].map((i) => `run-${run.id}-batch-${i}`));
    expect(b.logs).toContainEqual(expect.objectContaining({ msg: 'round finished', runId: run.id, subjectsOk: 250 }));
    // One request lost with A, then one per batch.
    expect(graphqlRequests()).toHaveLength(4);
    for (const worker of [a, b]) expect(JSON.stringify(worker.logs)).not.toContain(TOKEN);
  });

  it('SIGTERM finishes the active batch and exits 0; a second worker completes the round with nothing lost', async () => {
    const deploy = await deploymentOf(watchlist(repoNames));
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'delay', ms: 1_500 } });
    const first = spawnWorker(deploy);
    await first.waitForLog('worker started');
    await enqueue(deploy);
    await waitFor('a batch in flight', async () => graphqlRequests().length > 0, 15_000);
    const signalledAt = Date.now();
    first.process.kill('SIGTERM');

    expect(await first.exitWithin(30_000)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(30_000);
    const messages = first.logs.map((line) => line.msg);
    expect(messages).toContain('stopping: finishing active jobs');
    expect(messages).toContain('worker stopped');
    // The batch that was in flight was finished, not dropped half-way; no other was started.
    const [pending] = await runs('enqueue');
    expect(pending).toMatchObject({ finished_at: null });
    expect(batchesStarted(first)).toEqual([`run-${pending?.id}-batch-0`]);
    expect(await countSamples(pending?.id ?? -1)).toBe(100 * METRICS_PER_REPO);

    const second = spawnWorker(deploy);
    const run = await waitFor('the round to finish on the second worker', finishedRun, 25_000);
    expect(run).toMatchObject({ id: pending?.id, status: 'ok', subjects_ok: 250, subjects_failed: 0 });
    await expectEverySampleOnce(run.id, 250);
    expect(batchesStarted(second).sort()).toEqual([1, 2].map((i) => `run-${run.id}-batch-${i}`));
    expect(graphqlRequests()).toHaveLength(3); // no batch fetched twice
  }, 60_000); // room for the 30 s exit deadline to be the failure reported

  it('two `worker --schedule` processes never double a tick', async () => {
    const repos = repoNames.slice(0, 3); // one batch per round
    // A five-field `* * * * *` that ticks every second, through the tests-only seam.
    const deploy = await deploymentOf(watchlist(repos, `schedules:\n  github-repos: "* * * * *"\n`), { OSS_PULSE_SCHEDULE_IN_SECONDS: '1' });
    const startedAt = Date.now();
    const workers = [spawnWorker(deploy, '--schedule'), spawnWorker(deploy, '--schedule')];
    await Promise.all(workers.map((worker) => worker.waitForLog('worker started')));
    for (const worker of workers) {
      expect(worker.logs).toContainEqual(expect.objectContaining({ msg: 'schedule upserted', scheduler: 'round:github-repos' }));
    }
    // Several ticks while both run, each also upserting at its start.
    const before = (await runs('schedule')).length;
    await waitFor('three more scheduled rounds', async () => (await runs('schedule')).filter((r) => r.finished_at).length >= before + 3, 15_000);
    for (const worker of workers) worker.process.kill('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exitWithin(30_000)))).toEqual([0, 0]);
    const elapsedSeconds = (Date.now() - startedAt) / 1000;

    const scheduled = await runs('schedule');
    expect(scheduled.length).toBeGreaterThanOrEqual(3);
    expect(scheduled.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
    const startSeconds = scheduled.map((run) => Math.floor(run.started_at.getTime() / 1000));
    expect(new Set(startSeconds).size).toBe(scheduled.length);
    // Each tick's round ran once, on one of the two workers: planned once, closed once with its one request.
    const planned = workers.flatMap((worker) => worker.logs.filter((line) => line.msg === 'round planned').map((line) => line.jobId));
    expect(planned.length).toBe(new Set(planned).size);
    const finished = scheduled.filter((run) => run.finished_at);
    expect(finished.map((run) => [run.status, run.subjects_ok, run.requests])).toEqual(finished.map(() => ['ok', repos.length, 1]));
    expect(workers.flatMap((worker) => worker.logs.filter((line) => line.level === 'error' || line.level === 'fatal'))).toEqual([]);
    // One batch per round: never more requests than rounds.
    expect(graphqlRequests().length).toBeGreaterThanOrEqual(3);
    expect(graphqlRequests().length).toBeLessThanOrEqual(scheduled.length);

    const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix }));
    try {
      // One scheduler of the rounds in Redis, although two workers upserted it.
      const schedulers = (
        await Promise.all(queues.map(async (queue) => (await queue.getJobSchedulers()).map((s) => ({ queue: queue.name, id: s.id ?? s.key, pattern: s.pattern }))))
      ).flat();
      expect(schedulers.filter((s) => s.id.startsWith('round:'))).toEqual([{ queue: 'github', id: 'round:github-repos', pattern: '* * * * * *' }]);

      // Each tick is one job with an id made of the scheduler and the tick's second; each run was planned by exactly one of them.
      const github = queues[QUEUE_NAMES.indexOf('github')] as Queue<RoundJobData>;
      const rounds = (await github.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'waiting-children', 'prioritized'])).filter(
        (job) => job.name === 'round',
      );
      for (const job of rounds) expect(job.id).toMatch(/^repeat:round:github-repos:\d+000$/);
      expect(rounds.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 2); // + the next tick, still delayed
      const plannedRuns = rounds.map((job) => job.data.runId).filter((id) => id !== undefined);
      expect(plannedRuns.sort((x, y) => x - y)).toEqual(scheduled.map((run) => run.id));
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
    }
  });
});
