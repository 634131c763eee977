// `oss-pulse serve` as a user starts it: a real process, the dashboard over HTTP,
// `--collect` filling the database on the config's schedules, SIGTERM ending it cleanly.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { createMigratedTestDatabase, sqlRows } from '../../helpers/database.ts';
import { killAllSpawned, spawnCli } from '../../helpers/spawn-worker.ts';

const CONFIG = `npm:
  packages: [left-pad, "@scope/pkg"]
schedules:
  npm: "* * * * *"
`;

describe('serve', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.npm.addPackage('left-pad', { daily: { '2026-11-28': 1_000 } });
    up.npm.addPackage('@scope/pkg', { daily: { '2026-11-28': 20 } });
    db = await createMigratedTestDatabase();
  });
  afterEach(() => killAllSpawned());
  afterAll(async () => {
    await up.close();
    await db.drop();
  });

  it('--collect runs the schedules in-process without Redis; the API shows what they store; SIGTERM exits 0', async () => {
    const cwd = await tempWorkdir(CONFIG);
    const env = { PATH: process.env.PATH, ...up.env(), DATABASE_URL: db.url, OSS_PULSE_SCHEDULE_IN_SECONDS: '1', LOG_LEVEL: 'debug' };
    const serve = spawnCli(['serve', '--port', '0', '--collect'], { env, cwd });
    const address = String((await serve.waitForLog('serving')).address);
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Every second is a tick: the first round's figures appear in the API.
    await serve.waitForLog('collected', 20_000);
    const body = (await (await fetch(`${address}/api/series`)).json()) as { series: { kind: string; key: string }[] };
    expect(body.series.filter((row) => row.kind === 'npm_package').map((row) => row.key)).toContain('@scope/pkg');
    const page = await fetch(`${address}/series/npm_package/@scope/pkg`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('@scope/pkg');
    // One line per request, at debug.
    expect(serve.logs.some((line) => line.msg === 'request' && line.url === '/api/series' && line.status === 200)).toBe(true);

    serve.process.kill('SIGTERM');
    expect(await serve.exitWithin(15_000)).toBe(0);
    expect(serve.logs.map((line) => line.msg)).toContain('stopped');
    const runs = await sqlRows<{ trigger: string; status: string }>(db.url, `SELECT trigger, status FROM collection_runs WHERE source = 'npm'`);
    expect(runs.length).toBeGreaterThan(0);
    // Stopping waited for the running round: none is left open.
    expect(runs.every((run) => run.trigger === 'schedule' && run.status !== 'running')).toBe(true);
  }, 40_000);

  it('serves the embedded database without --collect, and binds 127.0.0.1 by default', async () => {
    const cwd = await tempWorkdir(CONFIG);
    const env = { PATH: process.env.PATH, ...up.env() };
    expect((await runCli(['collect'], { env, cwd })).code).toBe(0);
    const serve = spawnCli(['serve', '--port', '0'], { env, cwd });
    const address = String((await serve.waitForLog('serving')).address);
    expect(address.startsWith('http://127.0.0.1:')).toBe(true);
    const series = (await (await fetch(`${address}/api/series/npm_package/left-pad?metric=downloads_30d`)).json()) as { points: { value: number }[] };
    expect(series.points.map((point) => point.value)).toEqual([1_000]);
    serve.process.kill('SIGINT');
    expect(await serve.exitWithin(10_000)).toBe(0);
    // The embedded database is slow to create on a busy machine (WebAssembly Postgres).
  }, 120_000);

  it('refuses --collect when REDIS_URL hands collection to the workers, and a bad port', async () => {
    const cwd = await tempWorkdir(CONFIG);
    const withRedis = await runCli(['serve', '--collect'], { env: { REDIS_URL: 'redis://127.0.0.1:6379' }, cwd });
    expect(withRedis.code).toBe(2);
    expect(withRedis.stderr).toContain('with REDIS_URL set, collection belongs to `oss-pulse worker --schedule`');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const inUse = await runCli(['serve', '--port', String(port)], { env: {}, cwd });
    taken.close();
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toContain(`127.0.0.1:${port} is in use by another process; --port P picks another`);
    const badPort = await runCli(['serve', '--port', '80000'], { env: {}, cwd });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535 (got "80000")');
  });
});
