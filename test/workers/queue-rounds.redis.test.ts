import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../jobs/iso-week.ts';
import { parseConfig } from '../../config/config.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { type InProcessWorker, startInProcessWorker } from '../helpers/worker.ts';

const TOKEN = 'ghp_queuetesttoken00000000000000000000001';
const repos = Array.from({ length: 250 }, (_, i) => `acme/r${i}`);
const config = parseConfig(`github:\n  repos: [${repos.join(', ')}]\n  searches: [llama]\n`, 'test.yaml');

describe('collection rounds on BullMQ workers', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let prefix: string;
  let workers: InProcessWorker[] = [];

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    repos.forEach((fullName, i) => up.github.addRepo({ id: i + 1, fullName, stars: i, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 }));
    up.github.setSearchCount('llama', 6200);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    prefix = uniquePrefix();
    up.clearRequests();
    up.github.clearFaults();
    up.github.addToken(TOKEN); // fresh budget
    await clearCollectedData(db.url);
  });
  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
    await deletePrefix(prefix);
  });

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...up.env(),
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    GITHUB_TOKEN: TOKEN,
    OSS_PULSE_QUEUE_PREFIX: prefix,
    OSS_PULSE_RETRY_DELAY_MS: '200',
    ...extra,
  });
  const start = (extra?: NodeJS.ProcessEnv) => {
    const worker = startInProcessWorker(env(extra), config);
    workers.push(worker);
    return worker;
  };
  const enqueue = async (...sources: string[]) => runCli(['enqueue', ...sources], { env: env(), cwd: await tempWorkdir() });
  const finishedRuns = () =>
    sqlRows<{ source: string; trigger: string; status: string; subjects_ok: number; requests: number }>(
      db.url,
      `SELECT source, trigger, status, subjects_ok, requests FROM collection_runs WHERE finished_at IS NOT NULL ORDER BY id`,
    );
  const graphqlCalls = () => up.requests.filter((r) => r.path === '/graphql');

  it('runs a round as batch jobs and records it when they finish', async () => {
    start();
    expect((await enqueue('github-repos')).stdout).toMatch(/github-repos: round enqueued/);
    const [run] = await waitFor('the round to finish', async () => (await finishedRuns()).length === 1 && finishedRuns());
    expect(run).toEqual({ source: 'github-repos', trigger: 'enqueue', status: 'ok', subjects_ok: 250, requests: 3 });
    const [samples] = await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples');
    expect(samples).toEqual({ n: 1000 });
  });

  it('does not add a round of a source while its previous round is still waiting or running', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: 3, fault: { kind: 'delay', ms: 400 } });
    start();
    await enqueue('github-repos');
    await waitFor('a GraphQL request', async () => graphqlCalls().length > 0);
    const again = await enqueue('github-repos');
    expect(again.stdout).toMatch(/github-repos: a round is already queued or running \(job \d+\); not added again/);
    await waitFor('the round to finish', async () => (await finishedRuns()).length === 1);
    expect(graphqlCalls()).toHaveLength(3);
    // Once it is done, a new round goes in.
    expect((await enqueue('github-repos')).stdout).toMatch(/round enqueued/);
    await waitFor('the second round', async () => (await finishedRuns()).length === 2);
  });

  it('skips a scheduled tick that finds the previous round still running', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: 3, fault: { kind: 'delay', ms: 400 } });
    start();
    await enqueue('github-repos');
    await waitFor('a GraphQL request', async () => graphqlCalls().length > 0);
    const queue = new Queue('github', { connection: { url: TEST_REDIS_URL }, prefix });
    const tick = await queue.add('round', { source: 'github-repos', trigger: 'schedule' });
    const result = await waitFor('the tick to be handled', async () => (await queue.getJob(tick.id ?? ''))?.returnvalue as { skipped?: string });
    await queue.close();
    expect(result.skipped).toMatch(/github-repos: (round \d+ is still in progress|it was added while the previous round was still in progress)/);
    await waitFor('the round to finish', async () => (await finishedRuns()).length === 1);
    expect(await finishedRuns()).toHaveLength(1);
  });

  it('two workers share one rate limit: no request goes past a spent budget', async () => {
    up.github.addToken(TOKEN, { graphqlLimit: 2 });
    start();
    start();
    await enqueue('github-repos');
    await waitFor('the budget to be spent', async () => graphqlCalls().length >= 2);
    const queue = new Queue('github', { connection: { url: TEST_REDIS_URL }, prefix });
    const pausedFor = await waitFor('the queue to be paused', async () => (await queue.getRateLimitTtl()) > 0 && queue.getRateLimitTtl());
    await queue.close();
    // The fake's window is an hour: the queue waits for it, for every worker.
    expect(pausedFor).toBeGreaterThan(50 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(graphqlCalls().map((r) => r.status)).toEqual([200, 200]);
    expect(up.github.rateLimit(TOKEN).graphql.remaining).toBe(0);
  });

  it('a rate-limited batch waits for the reset instead of failing, then stores its figures', async () => {
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'primary-limit', resetInSeconds: 2 } });
    start();
    await enqueue('github-repos');
    const [run] = await waitFor('the round to finish', async () => (await finishedRuns()).length === 1 && finishedRuns(), 30_000);
    expect(run).toMatchObject({ status: 'ok', subjects_ok: 250 });
    const statuses = graphqlCalls().map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(4); // 3 batches + the retried one
    const [samples] = await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples');
    expect(samples).toEqual({ n: 1000 });
  });

  it('the scheduled report job writes the weekly report files', async () => {
    const collector = start();
    await enqueue('github-repos');
    await waitFor('the round to finish', async () => (await finishedRuns()).length === 1);
    await collector.stop(); // the reporter below, with its own working directory, takes the job
    const cwd = await tempWorkdir();
    const reporter = startInProcessWorker(env(), config, { cwd });
    workers.push(reporter);
    const queue = new Queue('reports', { connection: { url: TEST_REDIS_URL }, prefix });
    const week = isoWeekOf(new Date()).label;
    const job = await queue.add('report', { week });
    const result = await waitFor('the report job', async () => (await queue.getJob(job.id ?? ''))?.returnvalue as { files: string[] });
    await queue.close();
    expect(result.files.map((path) => path.slice(path.lastIndexOf('/') + 1))).toEqual(
      ['md', 'html', 'csv', 'json'].map((ext) => `oss-pulse-${week}.${ext}`),
    );
    const csv = await readFile(join(cwd, 'oss-pulse-reports', `oss-pulse-${week}.csv`), 'utf8');
    expect(csv.split('\r\n').filter((line) => line.includes(',stars,'))).toHaveLength(250);
  });

  it('schedule upserts the config schedules, drops removed ones, and worker --schedule restores them after FLUSHDB', async () => {
    const isolated = `${TEST_REDIS_URL}/9`; // a database of its own: this test flushes it
    const cwd = await tempWorkdir(`github:\n  repos: [acme/r1]\n  searches: [llama]\nschedules:\n  github-repos: "5 */2 * * *"\n`);
    const scheduled = await runCli(['schedule'], { env: env({ REDIS_URL: isolated }), cwd });
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).toMatch(/round:github-repos\s+github\s+5 \*\/2 \* \* \*\s+\d{4}-\d\d-\d\dT\d\d:05:00.000Z/);
    expect(scheduled.stdout).toMatch(/round:github-search\s+github\s+10 0 \* \* \*/);

    const fewer = await tempWorkdir('github:\n  repos: [acme/r1]\n');
    await runCli(['schedule'], { env: env({ REDIS_URL: isolated }), cwd: fewer });
    const queue = new Queue('github', { connection: { url: isolated }, prefix });
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(['round:github-repos']);

    const redis = new Redis(isolated);
    await redis.flushdb();
    redis.disconnect();
    expect(await queue.getJobSchedulers()).toEqual([]);
    const worker = startInProcessWorker(env({ REDIS_URL: isolated }), parseConfig('github:\n  repos: [acme/r1]\n', 'x.yaml'), { schedule: true });
    await waitFor('the schedules to come back', async () => (await queue.getJobSchedulers()).length === 1);
    expect(await worker.stop()).toBe(0);
    await queue.close();
  });
});
