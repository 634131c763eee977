import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allTimeTotals } from '../../../../jobs/sources/crates/backfill-crates.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

const DAY_MS = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('allTimeTotals', () => {
  it("counts back from today's total: each day's total leaves out the downloads counted after it", () => {
    const daily = [
      { day: '2026-11-26', downloads: 1 },
      { day: '2026-11-27', downloads: 10 },
      { day: '2026-11-29', downloads: 100 }, // today, partly counted: in the total, after every day rebuilt
    ];
    const totals = allTimeTotals(5_000, daily, day('2026-11-26'), day('2026-11-29'));
    expect(totals.map(({ day: d, total }) => [d.toISOString().slice(0, 10), total])).toEqual([
      ['2026-11-26', 4_890],
      ['2026-11-27', 4_900],
      ['2026-11-28', 4_900], // no downloads that day
    ]);
  });
});

const NOW = new Date('2026-11-29T12:00:00Z');
/** The oldest day rebuilt: crates.io keeps the dates after today − 90, and one day is kept back. */
const OLDEST = '2026-09-01';
const VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0', '0.6.0', '0.7.0'];
const EARLIER = 3_000_000;
/** 150 days up to today, split over seven versions so that two fall under `extra_downloads`. */
const DAILY: Record<string, Record<string, number>> = {};
for (let t = Date.parse('2026-07-03T00:00:00Z'); t <= NOW.getTime(); t += DAY_MS) {
  const n = (t / DAY_MS) % 17;
  DAILY[isoDay(t)] = Object.fromEntries(VERSIONS.map((version, i) => [version, 100 + n * (i + 1)]));
}
/** The all-time total at the end of `iso`, counted forwards from the fake's own data (the code counts backwards). */
const totalAt = (iso: string) =>
  EARLIER +
  Object.entries(DAILY)
    .filter(([d]) => d <= iso)
    .reduce((sum, [, counts]) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);

describe('backfill crates against the fake crates.io', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const backfill = (...args: string[]) => runCli(['backfill', 'crates', ...args], { env: { ...up.env(), DATABASE_URL: db.url }, cwd, now: () => NOW });
  const exchanges = () => up.requests.filter((r) => r.upstream === 'crates').map((r) => `${r.status} ${r.url}`);
  const series = (metric: string) =>
    sqlRows<{ day: string; value: string; origin: string }>(
      db.url,
      `SELECT to_char(s.observed_at, 'YYYY-MM-DD') AS day, s.value, s.origin FROM samples s JOIN subjects j ON j.id = s.subject_id
       WHERE j.key = 'candle-core' AND s.metric = $1 ORDER BY s.observed_at`,
      [metric],
    );

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => NOW.getTime() });
    db = await createMigratedTestDatabase();
    up.crates.addCrate('candle-core', { versions: VERSIONS, daily: DAILY, earlierDownloads: EARLIER });
    cwd = await tempWorkdir('crates:\n  packages: [Candle_Core, no-such-crate]\n');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    await clearCollectedData(db.url);
  });

  it('rebuilds the daily all-time total of the 89 days crates.io allows, ending yesterday, two requests per crate', async () => {
    const result = await backfill();
    expect(result.code).toBe(1); // the unknown crate
    expect(result.stdout).toContain('crate no-such-crate: not_found');
    expect(exchanges()).toEqual([
      '200 /api/v1/crates/Candle_Core?include=downloads',
      '200 /api/v1/crates/Candle_Core/downloads',
      // Unknown: its downloads are not asked for.
      '404 /api/v1/crates/no-such-crate?include=downloads',
    ]);
    const rebuilt = await series('downloads_all_time');
    expect(rebuilt).toHaveLength(89);
    expect(rebuilt[0]?.day).toBe(OLDEST);
    expect(rebuilt.at(-1)?.day).toBe('2026-11-28');
    expect(rebuilt.every((row) => row.origin === 'backfill')).toBe(true);
    expect(rebuilt.map((row) => [row.day, Number(row.value)])).toEqual(rebuilt.map((row) => [row.day, totalAt(row.day)]));
    const times = await sqlRows<{ time: string }>(db.url, `SELECT DISTINCT to_char(observed_at, 'HH24:MI:SS.MS') AS time FROM samples`);
    expect(times).toEqual([{ time: '23:59:59.999' }]);
  });

  it('does not rebuild downloads_90d: its window on any past day reaches before the 90 days crates.io keeps', async () => {
    await backfill();
    expect(await series('downloads_90d')).toEqual([]);
  });

  it('starts at --since when that is later, and adds nothing when run again', async () => {
    await backfill('--since', '2026-11-20');
    expect((await series('downloads_all_time')).map((row) => row.day)).toEqual(Array.from({ length: 9 }, (_, i) => `2026-11-${20 + i}`));
    up.clearRequests();
    await backfill('--since', '2026-11-20');
    expect(await series('downloads_all_time')).toHaveLength(9);
  });

  it('stores nothing for a crate whose daily downloads add up to more than its total, and says so', async () => {
    // A total lower than its own last 90 days: an answer not to count back from.
    up.crates.addCrate('inconsistent', { daily: { '2026-11-27': { '1.0.0': 500 } }, earlierDownloads: -100 });
    const result = await runCli(['backfill', 'crates'], {
      env: { ...up.env(), DATABASE_URL: db.url },
      cwd: await tempWorkdir('crates:\n  packages: [inconsistent]\n'),
      now: () => NOW,
    });
    expect(result.code).toBe(1);
    expect(await sqlRows(db.url, 'SELECT key, error_kind FROM collection_failures')).toEqual([{ key: 'inconsistent', error_kind: 'parse' }]);
    expect(await sqlRows(db.url, 'SELECT * FROM samples')).toEqual([]);
  });

  it('only fills the days before the first observed sample', async () => {
    expect((await runCli(['collect', 'crates'], { env: { ...up.env(), DATABASE_URL: db.url }, cwd, now: () => new Date('2026-11-25T08:00:00Z') })).code).toBe(1);
    await backfill('--since', '2026-11-20');
    const rows = await series('downloads_all_time');
    expect(rows.map((row) => `${row.day} ${row.origin}`)).toEqual([
      '2026-11-20 backfill',
      '2026-11-21 backfill',
      '2026-11-22 backfill',
      '2026-11-23 backfill',
      '2026-11-24 backfill',
      '2026-11-25 observed',
    ]);
  });
});
