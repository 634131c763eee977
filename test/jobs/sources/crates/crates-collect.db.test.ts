import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const cratesYaml = (names: string[]) => `crates:\n  packages:\n${names.map((name) => `    - ${JSON.stringify(name)}\n`).join('')}`;

/** `collect crates` into Postgres, against the fake crates.io. */
describe('collect crates', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => NOW.getTime() });
    db = await createMigratedTestDatabase();
    up.crates.addCrate('candle-core', {
      versions: ['0.8.0', '0.9.0'],
      daily: { '2026-11-28': { '0.9.0': 5_000, '0.8.0': 1_000 }, '2026-08-01': { '0.8.0': 70_000 } },
      earlierDownloads: 2_000_000,
    });
    up.crates.addCrate('tokenizers', { daily: { '2026-11-29': { '1.0.0': 300 } }, earlierDownloads: 900 });
    up.crates.addCrate('llama-cpp-2', { daily: { '2026-10-10': { '1.0.0': 42 } } });
    // Downloads only long ago: crates.io has no 90-day row for it and answers null.
    up.crates.addCrate('dormant', { daily: { '2025-01-01': { '1.0.0': 17 } } });
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.crates.clearFaults();
    await clearCollectedData(db.url);
  });

  const env = () => ({ ...up.env(), DATABASE_URL: db.url });
  const collect = async (names: string[], extraEnv: Record<string, string> = {}) =>
    runCli(['collect', 'crates'], { env: { ...env(), ...extraEnv }, cwd: await tempWorkdir(cratesYaml(names)), now: () => NOW });
  const exchanges = () => up.requests.filter((r) => r.upstream === 'crates').map((r) => `${r.status} ${r.url}`);
  const latest = async () => {
    const rows = await sqlRows<{ key: string; metric: string; value: string; observed_at: Date }>(
      db.url,
      `SELECT key, metric, value, observed_at FROM latest_metrics WHERE kind = 'crate' ORDER BY key, metric`,
    );
    const figures: Record<string, Record<string, number>> = {};
    for (const row of rows) figures[row.key] = { ...figures[row.key], [row.metric]: Number(row.value) };
    return figures;
  };
  const failures = () => sqlRows(db.url, 'SELECT f.key, f.metric, f.error_kind, j.status FROM collection_failures f LEFT JOIN subjects j ON j.key = f.key ORDER BY f.key');

  it('stores all-time and 90-day downloads of each crate, one request each, with the User-Agent crates.io asks for', async () => {
    const result = await collect(['candle-core', 'tokenizers', 'llama-cpp-2', 'dormant'], { CRATES_CONTACT: 'ops@example.org' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/crates\s+4 ok\s+0 failed\s+8 samples\s+4 requests/);
    expect(exchanges()).toEqual(['candle-core', 'tokenizers', 'llama-cpp-2', 'dormant'].map((name) => `200 /api/v1/crates/${name}?include=downloads`));
    expect(new Set(up.requests.map((r) => r.headers['user-agent']))).toEqual(
      new Set(['oss-pulse (open-source ecosystem metrics collector; contact: ops@example.org)']),
    );
    expect(await latest()).toEqual({
      // August's 70,000 are in the all-time total, outside the 90 days.
      'candle-core': { downloads_all_time: 2_076_000, downloads_90d: 6_000 },
      tokenizers: { downloads_all_time: 1_200, downloads_90d: 300 },
      'llama-cpp-2': { downloads_all_time: 42, downloads_90d: 42 },
      dormant: { downloads_all_time: 17, downloads_90d: 0 },
    });
    const samples = await sqlRows<{ observed_at: Date; origin: string }>(db.url, 'SELECT DISTINCT observed_at, origin FROM samples');
    expect(samples).toEqual([{ observed_at: NOW, origin: 'observed' }]);
    const [run] = await sqlRows(db.url, 'SELECT source, status, subjects_ok, subjects_failed, requests FROM collection_runs');
    expect(run).toEqual({ source: 'crates', status: 'ok', subjects_ok: 4, subjects_failed: 0, requests: 4 });
  });

  it("keeps the configured spelling as an alias of crates.io's own, and marks an unknown crate not_found", async () => {
    const result = await collect(['Candle_Core', 'no-such-crate', 'tokenizers']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('crate no-such-crate: not_found');
    expect(exchanges()).toEqual([
      '200 /api/v1/crates/Candle_Core?include=downloads',
      '404 /api/v1/crates/no-such-crate?include=downloads',
      '200 /api/v1/crates/tokenizers?include=downloads',
    ]);
    expect(Object.keys(await latest())).toEqual(['candle-core', 'tokenizers']);
    const subjects = await sqlRows(db.url, `SELECT key, status, aliases FROM subjects WHERE kind = 'crate' ORDER BY key`);
    expect(subjects).toEqual([
      { key: 'candle-core', status: 'active', aliases: ['Candle_Core'] },
      { key: 'no-such-crate', status: 'not_found', aliases: [] },
      { key: 'tokenizers', status: 'active', aliases: [] },
    ]);
  });

  it('records a 429 with a long Retry-After as rate_limit for that crate and the rest, which are not sent', async () => {
    up.crates.inject({ match: { path: '/api/v1/crates/tokenizers' }, fault: { kind: 'crates-rate-limit', retryAfter: 100_000 }, times: Infinity });
    const result = await collect(['candle-core', 'tokenizers', 'llama-cpp-2']);
    expect(result.code).toBe(1);
    expect(exchanges()).toEqual(['200 /api/v1/crates/candle-core?include=downloads', '429 /api/v1/crates/tokenizers?include=downloads']);
    expect(Object.keys(await latest())).toEqual(['candle-core']);
    expect(await failures()).toEqual([
      { key: 'llama-cpp-2', metric: null, error_kind: 'rate_limit', status: null },
      { key: 'tokenizers', metric: null, error_kind: 'rate_limit', status: null },
    ]);
  });

  it("stores a recorded crates.io answer's figures (xdg, 2018)", async () => {
    const replay = await serveRecorded([await readRecorded('crates/crate-xdg.json')]);
    try {
      const result = await collect(['xdg'], { CRATES_URL: replay.url });
      expect(result.code).toBe(0);
      expect(replay.requests.map((r) => `${r.path}?${r.query}`)).toEqual(['/api/v1/crates/xdg?include=downloads']);
      expect(await latest()).toEqual({ xdg: { downloads_all_time: 147_014, downloads_90d: 37_562 } });
    } finally {
      await replay.close();
    }
  });
});
