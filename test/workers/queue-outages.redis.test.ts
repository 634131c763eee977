import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { type InProcessWorker, startInProcessWorker } from '../helpers/worker.ts';

const TOKEN = 'ghp_outagetesttoken0000000000000000000001';
const repos = Array.from({ length: 250 }, (_, i) => `acme/r${i}`);
const config = parseConfig(`github:\n  repos: [${repos.join(', ')}]\n`, 'test.yaml');

/** The database or Redis goes away mid-round and comes back: the round completes, every figure stored once. */
describe('a round survives its database or Redis going away', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let prefix: string;
  let proxy: TcpProxy | undefined;
  let worker: InProcessWorker | undefined;

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    repos.forEach((fullName, i) => up.github.addRepo({ id: i + 1, fullName, stars: i, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 }));
    up.github.addToken(TOKEN);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    prefix = uniquePrefix();
    up.clearRequests();
    await clearCollectedData(db.url);
  });
  afterEach(async () => {
    await worker?.stop();
    await proxy?.close();
    await deletePrefix(prefix);
  });

  const env = (overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...up.env(),
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    GITHUB_TOKEN: TOKEN,
    OSS_PULSE_QUEUE_PREFIX: prefix,
    OSS_PULSE_RETRY_DELAY_MS: '200',
    ...overrides,
  });
  const outage = async (link: TcpProxy, ms: number) => {
    await link.cut();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await link.restore();
  };
  const enqueue = async () => runCli(['enqueue', 'github-repos'], { env: env({}), cwd: await tempWorkdir() });
  const expectRoundStoredOnce = async () => {
    const run = await waitFor('the round to finish', async () => {
      const [row] = await sqlRows<{ status: string; subjects_ok: number }>(db.url, 'SELECT status, subjects_ok FROM collection_runs WHERE finished_at IS NOT NULL');
      return row;
    }, 40_000);
    expect(run).toEqual({ status: 'ok', subjects_ok: 250 });
    const [totals] = await sqlRows(
      db.url,
      `SELECT count(*)::int AS samples, count(DISTINCT (subject_id, metric))::int AS series FROM samples`,
    );
    expect(totals).toEqual({ samples: 1000, series: 1000 });
  };

  it('Postgres unavailable mid-round: batches retry later and the round completes', async () => {
    // The test database's URL (whichever server the suite uses), through the proxy.
    const server = new URL(db.url);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    server.host = `127.0.0.1:${proxy.port}`;
    worker = startInProcessWorker(env({ DATABASE_URL: server.toString() }), config);
    up.github.inject({ match: { path: '/graphql' }, times: 1, fault: { kind: 'delay', ms: 500 } });
    await waitFor('the worker to start', async () => worker?.logs().includes('worker started'));
    await enqueue();
    await waitFor('the first batch to be in flight', async () => up.requests.some((r) => r.path === '/graphql'));
    // The database goes away while the batch waits for GitHub: its write fails, and is retried.
    await proxy.cut();
    await waitFor('a job to fail on the missing database', async () => worker?.logs().includes('job failed'));
    await proxy.restore();
    await expectRoundStoredOnce();
  });

  it('Redis restarting mid-round: the worker reconnects and the round completes', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    worker = startInProcessWorker(env({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` }), config);
    up.github.inject({ match: { path: '/graphql' }, times: 2, fault: { kind: 'delay', ms: 500 } });
    await waitFor('the worker to start', async () => worker?.logs().includes('worker started'));
    await enqueue();
    await waitFor('the first batch to be in flight', async () => up.requests.some((r) => r.path === '/graphql'));
    await outage(proxy, 1_500);
    await expectRoundStoredOnce();
  });
});
