// The only I/O of reports/. The week's figures are the rows of `weekly_metrics`, the
// one definition of the weekly rule (value, previous value, delta, growth); the
// history's values come from the rollup the view reads, and test/schema/weekly-rollup
// checks them against the view week by week.
import { type AnyColumn, and, between, desc, eq, lt, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';
import { samples, series, subjects, weeklySamples } from '../schema/tables.ts';
import { weeklyMetrics } from '../schema/views.ts';
import type { SubjectKind } from '../jobs/sources/registry.ts';
import { type IsoWeek, shiftWeek } from '../jobs/iso-week.ts';
import { isoDate } from '../jobs/utc-days.ts';
import type { SeriesHistory } from './report.ts';
import { valueAtEndOf } from './series-weeks.ts';

/** One row of `weekly_metrics`, and whether the sample it used was reconstructed. */
export interface WeeklyFigure {
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  week: string;
  value: number;
  previousValue: number | null;
  delta: number | null;
  growthPct: number | null;
  observedAt: string;
  reconstructed: boolean;
}

export interface SubjectState {
  kind: SubjectKind;
  key: string;
  status: 'active' | 'not_found';
  aliases: string[];
}

// The view holds only kinds the collector wrote, so its text is a SubjectKind.
const kind = sql<SubjectKind>`${weeklyMetrics.kind}`;

/**
 * Every series' figure for `week`, and its value at the end of each of the
 * `historyWeeks` weeks ending with it (for charts, sparklines and spikes).
 */
export async function readWeekSeries(
  db: Database,
  week: IsoWeek,
  historyWeeks: number,
): Promise<{ figures: WeeklyFigure[]; history: SeriesHistory[] }> {
  return { figures: await readWeekFigures(db, week), history: await readHistory(db, week, historyWeeks) };
}

/** The `weekly_metrics` rows of `week`. */
export async function readWeekFigures(db: Database, week: IsoWeek): Promise<WeeklyFigure[]> {
  const rows = await db
    .select({
      kind,
      key: weeklyMetrics.key,
      label: weeklyMetrics.label,
      metric: weeklyMetrics.metric,
      week: weeklyMetrics.week,
      value: weeklyMetrics.value,
      previousValue: weeklyMetrics.previousValue,
      delta: weeklyMetrics.delta,
      growthPct: weeklyMetrics.growthPct,
      observedAt: weeklyMetrics.observedAt,
      origin: samples.origin,
    })
    .from(weeklyMetrics)
    // The view names the sample it used by its time; the sample's key finds its origin
    // (the view's columns are SQL users' contract, and origin is not among them).
    .innerJoin(subjects, and(eq(subjects.kind, weeklyMetrics.kind), eq(subjects.key, weeklyMetrics.key)))
    .leftJoin(
      samples,
      and(eq(samples.subjectId, subjects.id), eq(samples.metric, weeklyMetrics.metric), eq(samples.observedAt, weeklyMetrics.observedAt)),
    )
    .where(eq(weeklyMetrics.weekStart, isoDate(week.start)));
  return rows.map(({ origin, observedAt, ...figure }) => ({
    ...figure,
    observedAt: observedAt.toISOString(),
    reconstructed: origin === 'backfill',
  }));
}

/**
 * Each series' value at the end of the `historyWeeks` weeks ending with `week`, from
 * the weekly rollup: one range scan of the history's weeks, grouped by series (reading
 * `weekly_metrics` week by week costs two index searches per series and week, ten
 * times as much). A series without a row in the first week gets the last row before it.
 */
export async function readHistory(db: Database, week: IsoWeek, historyWeeks: number): Promise<SeriesHistory[]> {
  const weeks = Array.from({ length: historyWeeks }, (_, i) => shiftWeek(week, i - historyWeeks + 1));
  const first = isoDate((weeks[0] ?? week).start);
  const inHistory = db
    .select({
      subjectId: weeklySamples.subjectId,
      metric: weeklySamples.metric,
      oldest: sql<string>`min(${weeklySamples.weekStart})`.as('oldest'),
      // Week start -> value as JSON: the drivers parse it natively, while parsing two
      // arrays per series (array_agg) made the whole read half as slow again.
      points: sql<Record<string, number>>`json_object_agg(${weeklySamples.weekStart}, ${weeklySamples.value})`.as('points'),
    })
    .from(weeklySamples)
    .where(between(weeklySamples.weekStart, first, isoDate(week.start)))
    .groupBy(weeklySamples.subjectId, weeklySamples.metric)
    .as('in_history');
  const before = db
    .select({
      weekStart: sql<string>`${weeklySamples.weekStart}::text`.as('before_week'),
      value: sql<number | string>`${weeklySamples.value}`.as('before_value'),
    })
    .from(weeklySamples)
    .where(
      and(
        // Only a series with samples before the history and no row in its first week needs it.
        sql`(${inHistory.oldest} IS NULL OR ${inHistory.oldest} > ${first}::date)`,
        lt(series.firstObservedAt, sql`${first}::date`),
        eq(weeklySamples.subjectId, series.subjectId),
        eq(weeklySamples.metric, series.metric),
        lt(weeklySamples.weekStart, first),
      ),
    )
    .orderBy(desc(weeklySamples.weekStart))
    .limit(1)
    .as('before');
  const rows = await db
    .select({
      kind: sql<SubjectKind>`${subjects.kind}`,
      key: subjects.key,
      label: subjects.label,
      metric: series.metric,
      firstWeek: weekOf(series.firstObservedAt),
      latestWeek: weekOf(series.lastObservedAt),
      newestValue: series.lastValue,
      points: inHistory.points,
      beforeWeek: before.weekStart,
      beforeValue: before.value,
    })
    .from(series)
    .innerJoin(subjects, eq(subjects.id, series.subjectId))
    .leftJoin(inHistory, and(eq(inHistory.subjectId, series.subjectId), eq(inHistory.metric, series.metric)))
    .leftJoinLateral(before, sql`true`)
    .where(lt(series.firstObservedAt, week.end));
  return rows.map(({ kind, key, label, metric, points, beforeWeek, beforeValue, ...span }) => {
    const reading = { ...span, points: { ...points, ...(beforeWeek === null ? {} : { [beforeWeek]: Number(beforeValue) }) } };
    return { kind, key, label, metric, weeks: weeks.map((w) => ({ week: w.label, value: valueAtEndOf(reading, isoDate(w.start)) })) };
  });
}

/** The Monday (YYYY-MM-DD) of the UTC week of a timestamp, as the view and the rollup count weeks. */
const weekOf = (at: AnyColumn) => sql<string>`date_trunc('week', ${at} AT TIME ZONE 'UTC')::date::text`;

export async function readSubjectStates(db: Database): Promise<SubjectState[]> {
  return queryRows<SubjectState>(db, sql`SELECT kind, key, status, aliases FROM subjects ORDER BY kind, key`);
}
