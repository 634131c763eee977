import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../jobs/write-samples.ts';
import { type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { dailyMetrics, latestMetrics, weeklyMetrics } from '../../schema/views.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)('views on %s', (driver) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestHandle(driver);
    const search = (value: number, observedAt: string) => ({
      kind: 'github_search' as const,
      key: 'llama',
      label: 'LLaMA',
      configuredKey: 'llama',
      metrics: { repositories: value },
      observedAt: at(observedAt),
    });
    const stale = (value: number, observedAt: string) => ({
      kind: 'github_search' as const,
      key: 'gpt-4',
      label: 'GPT-4',
      configuredKey: 'gpt-4',
      metrics: { repositories: value },
      observedAt: at(observedAt),
    });
    const observations = [
      search(5600, '2026-11-16T10:00:00Z'), // W47
      search(5800, '2026-11-22T23:59:59Z'), // W47, last second
      search(6000, '2026-11-23T00:00:00Z'), // W48, first instant
      search(6200, '2026-11-29T12:00:00Z'), // W48
      stale(4100, '2026-11-10T08:00:00Z'), // W46, then nothing
    ];
    // One batch per collection, as rounds write them (a batch holds one sample per series).
    for (const observation of observations) {
      await writeBatch(handle.db, { observations: [observation], failures: [], runId: null, now: observation.observedAt });
    }
  });
  afterAll(() => handle.close());

  const weekly = (week: string) =>
    queryRows<Record<string, unknown>>(
      handle.db,
      sql`SELECT key, label, metric, week, week_start::text, value::float8 AS value, previous_value::float8 AS previous_value,
                 delta::float8 AS delta, growth_pct::float8 AS growth_pct, observed_at
          FROM weekly_metrics WHERE week = ${week} ORDER BY key`,
    );

  it('weekly_metrics: last sample before the week ends, against the week before', async () => {
    const rows = await weekly('2026-W48');
    const llama = rows.find((row) => row.key === 'llama');
    expect(llama).toMatchObject({
      label: 'LLaMA',
      metric: 'repositories',
      week: '2026-W48',
      week_start: '2026-11-23',
      value: 6200,
      previous_value: 5800,
      delta: 400,
      growth_pct: 6.9,
    });
    expect(new Date(String(llama?.observed_at)).toISOString()).toBe('2026-11-29T12:00:00.000Z');
  });

  it('weekly_metrics: the first week has no previous value and no growth', async () => {
    const [llama] = (await weekly('2026-W47')).filter((row) => row.key === 'llama');
    expect(llama).toMatchObject({ value: 5800, previous_value: null, delta: null, growth_pct: null });
  });

  it('weekly_metrics: a series that stopped shows its last figure with its old observed_at', async () => {
    const gpt = (await weekly('2026-W48')).find((row) => row.key === 'gpt-4');
    expect(gpt).toMatchObject({ value: 4100, previous_value: 4100, delta: 0, growth_pct: 0 });
    expect(new Date(String(gpt?.observed_at)).toISOString()).toBe('2026-11-10T08:00:00.000Z');
  });

  it('daily_metrics keeps the last sample of each UTC day; latest_metrics the newest', async () => {
    const daily = await queryRows<{ day: string; value: number }>(
      handle.db,
      sql`SELECT day::text AS day, value::float8 AS value FROM daily_metrics WHERE key = 'llama' ORDER BY day`,
    );
    expect(daily).toEqual([
      { day: '2026-11-16', value: 5600 },
      { day: '2026-11-22', value: 5800 },
      { day: '2026-11-23', value: 6000 },
      { day: '2026-11-29', value: 6200 },
    ]);
    const latest = await queryRows<{ key: string; value: number }>(
      handle.db,
      sql`SELECT key, value::float8 AS value FROM latest_metrics ORDER BY key`,
    );
    expect(latest).toEqual([
      { key: 'gpt-4', value: 4100 },
      { key: 'llama', value: 6200 },
    ]);
  });

  it('the drizzle declarations read each view with its columns typed (numbers, dates, text)', async () => {
    const [week] = await handle.db.select().from(weeklyMetrics).where(eq(weeklyMetrics.week, '2026-W48')).orderBy(weeklyMetrics.key).limit(1);
    expect(week).toEqual({
      kind: 'github_search', key: 'gpt-4', label: 'GPT-4', metric: 'repositories', week: '2026-W48', weekStart: '2026-11-23',
      value: 4100, previousValue: 4100, delta: 0, growthPct: 0, observedAt: at('2026-11-10T08:00:00Z'),
    });
    const [day] = await handle.db.select().from(dailyMetrics).where(eq(dailyMetrics.key, 'llama')).orderBy(dailyMetrics.day).limit(1);
    expect(day).toEqual({ kind: 'github_search', key: 'llama', label: 'LLaMA', metric: 'repositories', day: '2026-11-16', value: 5600 });
    const [latest] = await handle.db.select().from(latestMetrics).where(eq(latestMetrics.key, 'llama'));
    expect(latest).toEqual({ kind: 'github_search', key: 'llama', label: 'LLaMA', metric: 'repositories', value: 6200, observedAt: at('2026-11-29T12:00:00Z') });
  });

  it('documents every table and view users read with COMMENT ON', async () => {
    const undocumented = await queryRows<{ relname: string }>(
      handle.db,
      sql`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL`,
    );
    expect(undocumented).toEqual([]);
  });
});
