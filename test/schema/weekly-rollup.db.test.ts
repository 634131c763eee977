// The weekly rollup the write path keeps (series spans, the last sample of each closed
// week) must give exactly what the definition of weekly_metrics gives when computed
// from samples alone, whatever order the samples arrive in.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../jobs/observation.ts';
import { type Origin, writeBatch } from '../../jobs/write-samples.ts';
import { parseIsoWeek } from '../../jobs/iso-week.ts';
import { readWeekSeries } from '../../reports/queries.ts';
import { type Database, type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-10-26T03:00:00Z'); // Monday of 2026-W44
const END = Date.parse('2026-11-29T21:00:00Z'); // Sunday of 2026-W48

const observation = (key: string, metric: string, value: number, at: number): Observation => ({
  kind: 'github_search',
  key,
  label: key,
  configuredKey: key,
  metrics: { [metric]: value },
  observedAt: new Date(at),
});

interface WeekRow {
  key: string;
  week: string;
  value: number;
  previous_value: number | null;
  observed_at: string;
}

/** The definition, computed from samples alone: what the view must return. */
const REFERENCE = sql`
  WITH spans AS (SELECT subject_id, metric, min(observed_at) AS first, max(observed_at) AS last FROM samples GROUP BY subject_id, metric)
  SELECT s.key, to_char(w, 'IYYY-"W"IW') AS week,
    (SELECT x.value::float8 FROM samples x WHERE x.subject_id = sp.subject_id AND x.metric = sp.metric
       AND x.observed_at < (w + interval '7 days') AT TIME ZONE 'UTC' ORDER BY x.observed_at DESC LIMIT 1) AS value,
    (SELECT x.value::float8 FROM samples x WHERE x.subject_id = sp.subject_id AND x.metric = sp.metric
       AND x.observed_at < w AT TIME ZONE 'UTC' ORDER BY x.observed_at DESC LIMIT 1) AS previous_value,
    (SELECT to_char(x.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') FROM samples x WHERE x.subject_id = sp.subject_id AND x.metric = sp.metric
       AND x.observed_at < (w + interval '7 days') AT TIME ZONE 'UTC' ORDER BY x.observed_at DESC LIMIT 1) AS observed_at
  FROM spans sp JOIN subjects s ON s.id = sp.subject_id
  CROSS JOIN LATERAL generate_series(date_trunc('week', sp.first AT TIME ZONE 'UTC'),
    date_trunc('week', greatest(sp.last, now()) AT TIME ZONE 'UTC'), interval '1 week') AS w
  ORDER BY 1, 2`;

const VIEW = sql`
  SELECT key, week, value::float8 AS value, previous_value::float8 AS previous_value,
         to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS observed_at
  FROM weekly_metrics ORDER BY 1, 2`;

describe.each(DRIVERS)('the weekly rollup on %s', (driver) => {
  let handle: DatabaseHandle;
  const write = (observations: Observation[], origin: Origin = 'observed') =>
    writeBatch(handle.db, { observations, failures: [], runId: null, now: new Date(END), origin });

  beforeAll(async () => {
    handle = await openTestHandle(driver);
    // Every 10 hours, one batch per collection, as rounds write: "steady" all along,
    // "stops" until W46, "late" from W46 on (then backfilled before that), "gappy" with a hole.
    for (let at = START, step = 0; at <= END; at += 10 * HOUR_MS, step++) {
      const batch = [observation('steady', 'repositories', 1_000 + step * 7, at)];
      if (at < Date.parse('2026-11-12T00:00:00Z')) batch.push(observation('stops', 'repositories', 500 + step, at));
      if (at >= Date.parse('2026-11-11T00:00:00Z')) batch.push(observation('late', 'repositories', 3_000 + step * 3, at));
      // Two weeks without a sample in the middle (W45 and W46).
      if (at < Date.parse('2026-11-02T00:00:00Z') || at >= Date.parse('2026-11-16T00:00:00Z')) batch.push(observation('gappy', 'repositories', 700 + step, at));
      await write(batch);
    }
    // A sample that arrives after its week closed, the newest of that week: it becomes the week's figure.
    await write([observation('steady', 'repositories', 999_999, Date.parse('2026-11-08T23:59:00Z'))]);
    // And one older than what its week already has: it changes nothing.
    await write([observation('steady', 'repositories', 1, Date.parse('2026-11-02T00:00:01Z'))]);
    // Backfilled days before "late" was first observed, some in its first observed week.
    const backfill = [];
    for (let day = Date.parse('2026-10-27T00:00:00Z'); day < Date.parse('2026-11-11T03:00:00Z'); day += 24 * HOUR_MS) {
      backfill.push(observation('late', 'repositories', 2_000 + (day - START) / HOUR_MS, day));
    }
    await write(backfill, 'backfill');
  });
  afterAll(() => handle.close());

  it('weekly_metrics equals the definition computed from samples, for every series and week', async () => {
    const expected = await queryRows<WeekRow>(handle.db, REFERENCE);
    const actual = await queryRows<WeekRow>(handle.db, VIEW);
    expect(expected.length).toBeGreaterThan(15);
    expect(actual).toEqual(expected);
    expect(actual.find((row) => row.key === 'steady' && row.week === '2026-W45')).toMatchObject({ value: 999_999, observed_at: '2026-11-08T23:59:00' });
  });

  it("the report's figures and history, for every week, are the view's", async () => {
    const view = await queryRows<WeekRow & { delta: number | null; growth_pct: number | null }>(
      handle.db,
      sql`SELECT key, week, value::float8 AS value, previous_value::float8 AS previous_value, delta::float8 AS delta,
                 growth_pct::float8 AS growth_pct, to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS observed_at
          FROM weekly_metrics ORDER BY 1, 2`,
    );
    const weeks = ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49'];
    for (const label of weeks) {
      const week = parseIsoWeek(label)!;
      const { figures, history } = await readWeekSeries(handle.db, week, 3);
      const fromReport = figures
        .map((f) => ({ key: f.key, week: f.week, value: f.value, previous_value: f.previousValue, delta: f.delta, growth_pct: f.growthPct, observed_at: f.observedAt.slice(0, 19) }))
        .sort((a, b) => a.key.localeCompare(b.key));
      expect(fromReport).toEqual(view.filter((row) => row.week === label));
      for (const series of history) {
        const expected = series.weeks.map(({ week: w }) => ({ week: w, value: view.find((row) => row.key === series.key && row.week === w)?.value ?? null }));
        expect({ key: series.key, weeks: series.weeks }).toEqual({ key: series.key, weeks: expected });
      }
    }
  });

  it('an ordinary write in the latest week leaves the rollup alone', async () => {
    const before = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM weekly_samples`);
    await write([observation('steady', 'repositories', 5_000, END + HOUR_MS)]);
    const after = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM weekly_samples`);
    expect(after).toEqual(before);
    expect(await queryRows(handle.db, VIEW)).toEqual(await queryRows(handle.db, REFERENCE));
  });

  it('deleting a subject deletes its samples and rollups', async () => {
    await handle.db.execute(sql`DELETE FROM subjects WHERE key = 'stops'`);
    const left = await queryRows<{ n: number }>(
      handle.db,
      sql`SELECT (SELECT count(*) FROM samples WHERE subject_id NOT IN (SELECT id FROM subjects))
               + (SELECT count(*) FROM series WHERE subject_id NOT IN (SELECT id FROM subjects))
               + (SELECT count(*) FROM weekly_samples WHERE subject_id NOT IN (SELECT id FROM subjects)) AS n`,
    );
    expect(Number(left[0]?.n)).toBe(0);
    expect((await queryRows<WeekRow>(handle.db, VIEW)).some((row) => row.key === 'stops')).toBe(false);
  });
});

describe('the weekly rollup with two writes of one series at once (Postgres)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestHandle('postgres');
  });
  afterAll(() => handle.close());

  it('a sample committed after a newer one that closed its week still becomes that week\'s figure', async () => {
    const write = (db: Database, value: number, at: string, runId: number | null = null) =>
      writeBatch(db, { observations: [observation('raced', 'repositories', value, Date.parse(at))], failures: [], runId, now: new Date(at) });
    await write(handle.db, 100, '2026-11-19T12:00:00Z'); // Thursday of W47
    // The Monday answer (W48) is written first and holds its locks; the Sunday answer
    // (W47, fetched earlier) starts meanwhile and waits on the subject's row, so it reads
    // the series only once the Monday write has committed, and finds itself late.
    let late: Promise<number> | undefined;
    await handle.db.transaction(async (tx) => {
      await write(tx as unknown as Database, 300, '2026-11-23T00:05:00Z');
      late = write(handle.db, 200, '2026-11-22T23:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await Promise.race([late, Promise.resolve("waiting")])).toBe("waiting");
    });
    expect(await late).toBe(1);
    const rows = await queryRows<WeekRow>(handle.db, VIEW);
    expect(rows.find((row) => row.week === '2026-W47')).toMatchObject({ value: 200, observed_at: '2026-11-22T23:00:00' });
    expect(rows).toEqual(await queryRows(handle.db, REFERENCE));
  });
});
