// The only I/O of reports/: reads series, their weekly rollup and subjects, by the rules of `weekly_metrics`.
import { sql } from 'drizzle-orm';
import { type Database, isoTimestamp, queryRows } from '../schema/db.ts';
import type { SubjectKind } from '../jobs/sources/registry.ts';
import { type IsoWeek, shiftWeek } from '../jobs/iso-week.ts';
import { isoDate } from '../jobs/utc-days.ts';
import type { SeriesHistory } from './report.ts';
import { figureOf, type SeriesReading, valueAt } from './series-weeks.ts';

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
  /** When its first figure was taken (observed or rebuilt); null before any. */
  firstFigureAt: string | null;
}

/**
 * Every series' figure for `week` (the rows `weekly_metrics` gives for it) and its
 * value at the end of each of the `historyWeeks` weeks ending with it, in one statement: each series'
 * newest sample is kept in `series`, and the rollup's rows of those weeks are one
 * range scan (a lookup per series and week would cost ten times as much). A series
 * without a row in the first history week gets the last one before it.
 */
export async function readWeekSeries(
  db: Database,
  week: IsoWeek,
  historyWeeks: number,
): Promise<{ figures: WeeklyFigure[]; history: SeriesHistory[] }> {
  const weeks = Array.from({ length: historyWeeks }, (_, i) => shiftWeek(week, i - historyWeeks + 1));
  const starts = weeks.map((w) => isoDate(w.start));
  const start = isoDate(week.start);
  const from = starts[0] ?? start;
  const rows = await queryRows<SeriesRow & { kind: SubjectKind; key: string; label: string; metric: string }>(
    db,
    sql`SELECT s.kind, s.key, s.label, se.metric,
               date_trunc('week', se.first_observed_at AT TIME ZONE 'UTC')::date::text AS first_week,
               date_trunc('week', se.last_observed_at AT TIME ZONE 'UTC')::date::text AS latest_week,
               se.last_value, se.last_observed_at, se.last_origin,
               h.weeks, h.observed_at AS weeks_observed_at,
               seed.point AS seed, seed.observed_at AS seed_observed_at
        FROM series se
        JOIN subjects s ON s.id = se.subject_id
        LEFT JOIN (
          -- A rollup row is the last sample of its week, so the newest row has the latest observed_at.
          SELECT subject_id, metric, min(week_start) AS oldest, max(observed_at) AS observed_at,
                 string_agg(${rollupPoint}, ',') AS weeks
          FROM weekly_samples
          WHERE week_start BETWEEN ${from}::date AND ${start}::date
          GROUP BY subject_id, metric
        ) h ON h.subject_id = se.subject_id AND h.metric = se.metric
        LEFT JOIN LATERAL (
          SELECT ${rollupPoint} AS point, observed_at FROM weekly_samples
          WHERE (h.oldest IS NULL OR h.oldest > ${from}::date) AND se.first_observed_at < ${from}::date
            AND subject_id = se.subject_id AND metric = se.metric AND week_start < ${from}::date
          ORDER BY week_start DESC LIMIT 1
        ) seed ON true
        WHERE se.first_observed_at < ${week.end}::timestamptz`,
  );
  const previousStart = isoDate(shiftWeek(week, -1).start);
  const figures: WeeklyFigure[] = [];
  const history: SeriesHistory[] = [];
  for (const row of rows) {
    const reading = toReading(row);
    const series = { kind: row.kind, key: row.key, label: row.label, metric: row.metric };
    const figure = figureOf(reading, start, previousStart);
    if (figure) figures.push({ ...series, week: week.label, ...figure, observedAt: figure.observedAt.toISOString() });
    history.push({ ...series, weeks: weeks.map((w, i) => ({ week: w.label, value: valueAt(reading, starts[i] ?? '') })) });
  }
  return { figures, history };
}

/** A rollup row as `week_start=value`, with `=b` when the sample is backfilled. */
const rollupPoint = sql.raw(`week_start::text || '=' || value || CASE WHEN origin = 'backfill' THEN '=b' ELSE '' END`);

/** A series as the statement reads it: its span and newest sample, and its rollup points (`weeks`, `seed`). */
interface SeriesRow {
  first_week: string;
  latest_week: string;
  last_value: number | string;
  last_observed_at: string | Date;
  last_origin: string;
  weeks: string | null;
  weeks_observed_at: string | Date | null;
  seed: string | null;
  seed_observed_at: string | Date | null;
}

function toReading(row: SeriesRow): SeriesReading {
  const points = [row.weeks, row.seed].filter((text) => text !== null).join(',').split(',').filter(Boolean).map((text) => {
    const [weekStart = '', value = '', backfill] = text.split('=');
    return { weekStart, value: Number(value), origin: backfill === 'b' ? 'backfill' : 'observed' };
  });
  points.sort((a, b) => (a.weekStart < b.weekStart ? 1 : a.weekStart > b.weekStart ? -1 : 0));
  const newest = points[0];
  const newestObservedAt = row.weeks_observed_at ?? row.seed_observed_at;
  return {
    firstWeek: row.first_week,
    latestWeek: row.latest_week,
    newest: { value: Number(row.last_value), observedAt: new Date(row.last_observed_at), origin: row.last_origin },
    weeks: points,
    newestWeek: newest && newestObservedAt !== null ? { value: newest.value, observedAt: new Date(newestObservedAt), origin: newest.origin } : null,
  };
}

export async function readSubjectStates(db: Database): Promise<SubjectState[]> {
  const rows = await queryRows<Omit<SubjectState, 'firstFigureAt'> & { first_figure_at: string | Date | null }>(
    db,
    sql`SELECT s.kind, s.key, s.status, s.aliases, (SELECT min(se.first_observed_at) FROM series se WHERE se.subject_id = s.id) AS first_figure_at
        FROM subjects s ORDER BY s.kind, s.key`,
  );
  return rows.map(({ first_figure_at, ...subject }) => ({ ...subject, firstFigureAt: first_figure_at === null ? null : isoTimestamp(first_figure_at) }));
}
