// What the report reads: the rows of weekly_metrics for its week, typed, with the
// origin of the sample each used; and each series' values over the history weeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../jobs/observation.ts';
import { type Origin, writeBatch } from '../../jobs/write-samples.ts';
import { parseIsoWeek } from '../../jobs/iso-week.ts';
import { readHistory, readWeekFigures } from '../../reports/queries.ts';
import type { DatabaseHandle } from '../../schema/db.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const W48 = parseIsoWeek('2026-W48')!; // Monday 2026-11-23
const W49 = parseIsoWeek('2026-W49')!;

const search = (key: string, value: number, at: string): Observation => ({
  kind: 'github_search',
  key,
  label: key.toUpperCase(),
  configuredKey: key,
  metrics: { repositories: value },
  observedAt: new Date(at),
});

describe.each(DRIVERS)('the report reads on %s', (driver) => {
  let handle: DatabaseHandle;
  const write = (observations: Observation[], origin: Origin = 'observed') =>
    writeBatch(handle.db, { observations, failures: [], runId: null, now: new Date('2026-12-01T00:00:00Z'), origin });

  beforeAll(async () => {
    handle = await openTestHandle(driver);
    // One collection a week, Wednesday noon: W47, W48, W49.
    for (const [at, up, down] of [['2026-11-18T12:00:00Z', 100_000, 100_000], ['2026-11-25T12:00:00Z', 100_125, 99_875]] as const) {
      await write([search('llama', up === 100_000 ? 5_800 : 6_200, at), search('up', up, at), search('down', down, at)]);
    }
    await write([search('rebuilt', 9_000, '2026-12-02T12:00:00Z'), search('later', 1, '2026-12-02T12:00:00Z')]);
    // Days reconstructed before the first observed sample: "rebuilt" up to W48, "llama" in
    // W45 and W46, "old" only (its newest sample is a backfilled one).
    const days = (key: string, from: string, values: number[]) =>
      values.map((value, i) => search(key, value, new Date(Date.parse(from) + i * 86_400_000).toISOString()));
    await write([...days('rebuilt', '2026-11-26T00:00:00Z', [8_000, 8_100]), ...days('llama', '2026-11-06T00:00:00Z', [5_300, 5_400, 5_500])], 'backfill');
    await write([...days('old', '2026-11-20T00:00:00Z', [70, 71, 72, 73, 74, 75])], 'backfill');
    // A sample in W44, then none until W48: the history starts in the gap.
    await write([search('gappy', 700, '2026-10-30T08:00:00Z')]);
    await write([search('gappy', 900, '2026-11-24T08:00:00Z')]);
  });
  afterAll(() => handle.close());

  it("gives the view's rows of the week as numbers, growth rounded by Postgres (halves away from zero)", async () => {
    const figures = await readWeekFigures(handle.db, W48);
    const byKey = Object.fromEntries(figures.map((figure) => [figure.key, figure]));
    expect(Object.keys(byKey).sort()).toEqual(['down', 'gappy', 'llama', 'old', 'rebuilt', 'up']);
    expect(byKey.llama).toEqual({
      kind: 'github_search', key: 'llama', label: 'LLAMA', metric: 'repositories', week: '2026-W48',
      value: 6_200, previousValue: 5_800, delta: 400, growthPct: 6.9, observedAt: '2026-11-25T12:00:00.000Z', reconstructed: false,
    });
    expect(byKey.up).toMatchObject({ value: 100_125, previousValue: 100_000, delta: 125, growthPct: 0.13 });
    expect(byKey.down).toMatchObject({ value: 99_875, delta: -125, growthPct: -0.13 });
    expect(byKey.gappy).toMatchObject({ value: 900, previousValue: 700, delta: 200, growthPct: 28.57 });
  });

  it('says a figure is reconstructed when the sample it uses was backfilled, not when a later one was', async () => {
    const reconstructed = async (week: typeof W48) =>
      Object.fromEntries((await readWeekFigures(handle.db, week)).map((figure) => [figure.key, figure.reconstructed]));
    // "rebuilt" in W48 uses a backfilled day of the rollup; "old" its newest sample, backfilled.
    expect(await reconstructed(W48)).toMatchObject({ rebuilt: true, old: true, llama: false, gappy: false });
    expect(await reconstructed(W49)).toMatchObject({ rebuilt: false, old: true, llama: false, later: false });
  });

  it('gives each series its value at the end of each history week: null before its first sample, the last earlier one in a gap', async () => {
    const history = await readHistory(handle.db, W48, 4);
    const values = Object.fromEntries(history.map((series) => [series.key, series.weeks.map((week) => week.value)]));
    expect(history.find((series) => series.key === 'llama')?.weeks.map((week) => week.week)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(values).toEqual({
      llama: [5_500, 5_500, 5_800, 6_200],
      up: [null, null, 100_000, 100_125],
      down: [null, null, 100_000, 99_875],
      gappy: [700, 700, 700, 900],
      old: [null, null, 72, 75],
      rebuilt: [null, null, null, 8_100],
    });
  });
});
