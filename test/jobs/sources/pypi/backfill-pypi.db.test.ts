import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

// `oss-pulse backfill pypi` against the fake pypistats and PyPI, into Postgres: the
// rebuilt windows are what pypistats' `recent` answered on each day, so that a `collect`
// carries the series on.

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-29T12:00:00Z');
const dayAfter = (first: string, days: number) => new Date(Date.parse(`${first}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** 200 days of downloads up to yesterday (2026-05-13 .. 2026-11-28), none without a download. */
function dailyFigures(base: number, salt: number): Record<string, number> {
  const daily: Record<string, number> = {};
  for (let n = 0; n < 200; n++) daily[dayAfter('2026-05-13', n)] = base + ((n * 7_919 + salt * 104_729) % 9_973);
  return daily;
}

const yaml = (names: string[]) => `pypi:\n  packages:\n${names.map((name) => `    - ${JSON.stringify(name)}\n`).join('')}`;
const METRICS = { downloads_1d: 'last_day', downloads_7d: 'last_week', downloads_30d: 'last_month' } as const;

describe('backfill pypi against the fake pypistats', () => {
  let clock = NOW.getTime();
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  const env = () => ({ ...up.env(), DATABASE_URL: db.url });
  const cli = async (args: string[], names: string[], at = NOW) => {
    clock = at.getTime();
    return runCli(args, { env: env(), cwd: await tempWorkdir(yaml(names)), now: () => at });
  };
  const backfill = (names: string[], ...args: string[]) => cli(['backfill', 'pypi', ...args], names);
  const exchanges = () => up.requests.filter((r) => r.upstream === 'pypistats' || r.upstream === 'pypi').map((r) => `${r.status} ${r.upstream} ${r.url}`);
  const samples = (key: string, metric: string) =>
    sqlRows<{ day: string; value: string; origin: string; time: string }>(
      db.url,
      `SELECT to_char(s.observed_at, 'YYYY-MM-DD') AS day, s.value, s.origin, to_char(s.observed_at, 'HH24:MI:SS.MS') AS time
       FROM samples s JOIN subjects j ON j.id = s.subject_id WHERE j.key = $1 AND s.metric = $2 ORDER BY s.observed_at`,
      [key, metric],
    );
  /** What the fake pypistats' `recent` answers at noon of `day`, by our metric names. */
  const recentOn = async (name: string, day: string) => {
    clock = noon(day);
    const answer = (await (await fetch(`${up.pypistats.url}/api/packages/${name}/recent`)).json()) as { data: Record<string, number> };
    return Object.fromEntries(Object.entries(METRICS).map(([metric, field]) => [metric, answer.data[field]]));
  };

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => clock });
    db = await createMigratedTestDatabase();
    up.pypistats.addPackage('transformers', { daily: dailyFigures(1_500_000, 1) });
    up.pypistats.addPackage('vllm', { daily: dailyFigures(90_000, 2) });
    up.pypistats.addPackage('llama-cpp-python', { daily: dailyFigures(20_000, 3) });
    up.pypi.addProject('llama_cpp_python');
    // On PyPI, but without a download in pypistats' 180 days: its /overall is a 404 too.
    up.pypistats.addPackage('quiet-project', { daily: {} });
    up.pypi.addProject('quiet-project');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.pypistats.clearFaults();
    up.pypi.clearFaults();
    await clearCollectedData(db.url);
  });

  it("rebuilds each day's 1-, 7- and 30-day windows as `recent` answered them that day, from one request per project", async () => {
    const result = await backfill(['transformers', 'Llama_CPP.Python']);
    expect(result.code).toBe(0);
    expect(exchanges()).toEqual([
      '200 pypistats /api/packages/transformers/overall?mirrors=false',
      '200 pypistats /api/packages/llama-cpp-python/overall?mirrors=false',
    ]);
    // pypistats answered 2026-06-01 .. 11-28 (181 days): a window is rebuilt where all its days are among them.
    const [oneDay, week, month] = await Promise.all(['downloads_1d', 'downloads_7d', 'downloads_30d'].map((metric) => samples('transformers', metric)));
    expect([oneDay, week, month].map((rows) => [rows?.length, rows?.[0]?.day, rows?.at(-1)?.day])).toEqual([
      [180, '2026-06-02', '2026-11-28'],
      [174, '2026-06-08', '2026-11-28'],
      [151, '2026-07-01', '2026-11-28'],
    ]);
    for (const [metric, rows] of Object.entries({ downloads_1d: oneDay, downloads_7d: week, downloads_30d: month })) {
      for (const row of rows ?? []) {
        expect(Number(row.value), `${metric} ${row.day}`).toBe((await recentOn('transformers', row.day))[metric]);
        expect([row.origin, row.time]).toEqual(['backfill', '23:59:59.999']);
      }
    }
    // The key is the name as configured, as `collect` stores it.
    expect(await samples('Llama_CPP.Python', 'downloads_7d')).toHaveLength(174);
  });

  it('is carried on by a collect: its first sample is the next window after the last one rebuilt', async () => {
    await backfill(['transformers']);
    expect((await cli(['collect', 'pypi'], ['transformers'])).code).toBe(0);
    for (const metric of Object.keys(METRICS)) {
      const rows = (await samples('transformers', metric)).slice(-3);
      expect(rows.map((row) => `${row.day} ${row.origin}`)).toEqual(['2026-11-27 backfill', '2026-11-28 backfill', '2026-11-29 observed']);
      for (const row of rows) expect(Number(row.value), `${metric} ${row.day}`).toBe((await recentOn('transformers', row.day))[metric]);
    }
  });

  it('only fills the days before the first observed sample, and adds nothing when run again', async () => {
    expect((await cli(['collect', 'pypi'], ['transformers'], new Date('2026-11-20T08:00:00Z'))).code).toBe(0);
    expect((await backfill(['transformers'], '--since', '2026-11-10')).code).toBe(0);
    const rows = await samples('transformers', 'downloads_7d');
    expect(rows.map((row) => `${row.day} ${row.origin}`)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `${dayAfter('2026-11-10', i)} backfill`),
      '2026-11-20 observed',
    ]);
    const count = async () => (await sqlRows<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM samples'))[0]?.n;
    const before = await count();
    const again = await backfill(['transformers'], '--since', '2026-11-10');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/pypi\s+1 ok\s+0 failed\s+0 samples/);
    expect(await count()).toBe(before);
  });

  it("marks a project neither pypistats nor PyPI knows not_found, and rebuilds nothing for one PyPI knows that nobody downloaded", async () => {
    const result = await backfill(['quiet-project', 'no-such-project', 'vllm']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pypi_package no-such-project: not_found');
    expect(result.stdout).not.toContain('quiet-project');
    expect(exchanges()).toEqual([
      '404 pypistats /api/packages/quiet-project/overall?mirrors=false',
      '404 pypistats /api/packages/no-such-project/overall?mirrors=false',
      '200 pypistats /api/packages/vllm/overall?mirrors=false',
      '200 pypi /pypi/quiet-project/json',
      '404 pypi /pypi/no-such-project/json',
    ]);
    expect(await sqlRows(db.url, `SELECT key, status FROM subjects ORDER BY key`)).toEqual([
      { key: 'no-such-project', status: 'not_found' },
      { key: 'vllm', status: 'active' },
    ]);
    expect(await samples('vllm', 'downloads_30d')).toHaveLength(151);
  });

  /** The failures recorded, and the subjects that have samples. */
  const outcome = async () => ({
    failures: await sqlRows(db.url, 'SELECT key, error_kind FROM collection_failures ORDER BY id'),
    stored: (await sqlRows<{ key: string }>(db.url, 'SELECT DISTINCT j.key FROM samples s JOIN subjects j ON j.id = s.subject_id ORDER BY j.key')).map((r) => r.key),
    subjects: (await sqlRows<{ key: string }>(db.url, 'SELECT key FROM subjects ORDER BY key')).map((r) => r.key),
  });

  it('records a project pypistats keeps answering 5xx as failed, with nothing of it written, and keeps the others', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/vllm/overall' }, fault: { kind: 'status', status: 503 }, times: Infinity });
    const result = await backfill(['transformers', 'vllm', 'Llama_CPP.Python']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pypi_package vllm: http: HTTP 503/);
    expect(up.requests.filter((r) => r.path === '/api/packages/vllm/overall')).toHaveLength(4); // retried 3 times
    expect(await outcome()).toEqual({
      failures: [{ key: 'vllm', error_kind: 'http' }],
      stored: ['Llama_CPP.Python', 'transformers'],
      subjects: ['Llama_CPP.Python', 'transformers'],
    });
  });

  it('records a malformed answer as a parse failure, with nothing of it written', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/transformers/overall' }, fault: { kind: 'truncated-json' }, times: Infinity });
    const result = await backfill(['transformers', 'vllm']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pypi_package transformers: parse/);
    expect(await outcome()).toEqual({ failures: [{ key: 'transformers', error_kind: 'parse' }], stored: ['vllm'], subjects: ['vllm'] });
  });

  it('waits out a 429 HTML page, and once the limit goes on, fails the rest without asking them', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/vllm/overall' }, fault: { kind: 'rate-limit' } });
    expect((await backfill(['vllm'])).code).toBe(0);
    expect(exchanges()).toEqual(['429 pypistats /api/packages/vllm/overall?mirrors=false', '200 pypistats /api/packages/vllm/overall?mirrors=false']);
    await clearCollectedData(db.url);
    up.clearRequests();

    up.pypistats.inject({ match: { path: '/api/packages/vllm/overall' }, fault: { kind: 'rate-limit' }, times: Infinity });
    const result = await backfill(['transformers', 'vllm', 'Llama_CPP.Python']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pypi_package vllm: rate_limit/);
    expect(result.stdout).toMatch(/pypi_package Llama_CPP\.Python: rate_limit/);
    expect(exchanges().filter((line) => line.includes('llama'))).toEqual([]);
    expect(await outcome()).toEqual({
      failures: [
        { key: 'vllm', error_kind: 'rate_limit' },
        { key: 'Llama_CPP.Python', error_kind: 'rate_limit' },
      ],
      stored: ['transformers'],
      subjects: ['transformers'],
    });
  });

  it('fails a project pypistats has no row for when PyPI cannot say whether it exists', async () => {
    up.pypi.inject({ match: { path: '/pypi/quiet-project/json' }, fault: { kind: 'status', status: 502 }, times: Infinity });
    const result = await backfill(['quiet-project', 'vllm']);
    expect(result.code).toBe(1);
    expect(await outcome()).toEqual({ failures: [{ key: 'quiet-project', error_kind: 'http' }], stored: ['vllm'], subjects: ['vllm'] });
  });
});
