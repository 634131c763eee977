// The only I/O of reports/: reads `weekly_metrics` (the same view SQL users query) and subjects.
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';
import type { SubjectKind } from '../workers/config.ts';
import { type IsoWeek, isoDate } from './iso-week.ts';

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

type Numeric = number | string | null;
const toNumber = (value: Numeric): number | null => (value === null ? null : Number(value));

/** Every series' row of `weekly_metrics` for one week, with the origin of the sample used. */
export async function readWeekFigures(db: Database, week: IsoWeek): Promise<WeeklyFigure[]> {
  const rows = await queryRows<{
    kind: SubjectKind;
    key: string;
    label: string;
    metric: string;
    week: string;
    value: Numeric;
    previous_value: Numeric;
    delta: Numeric;
    growth_pct: Numeric;
    observed_at: string | Date;
    origin: string | null;
  }>(
    db,
    sql`SELECT w.kind, w.key, w.label, w.metric, w.week, w.value, w.previous_value, w.delta, w.growth_pct, w.observed_at, r.origin
        FROM weekly_metrics w
        JOIN subjects s ON s.kind = w.kind AND s.key = w.key
        LEFT JOIN LATERAL (
          SELECT r.origin FROM weekly_samples r
          WHERE r.subject_id = s.id AND r.metric = w.metric AND r.week_start = date_trunc('week', w.observed_at AT TIME ZONE 'UTC')::date
          LIMIT 1
        ) r ON true
        WHERE w.week_start = ${isoDate(week.start)}::date`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    key: row.key,
    label: row.label,
    metric: row.metric,
    week: row.week,
    value: Number(row.value),
    previousValue: toNumber(row.previous_value),
    delta: toNumber(row.delta),
    growthPct: toNumber(row.growth_pct),
    observedAt: new Date(row.observed_at).toISOString(),
    reconstructed: row.origin === 'backfill',
  }));
}

/** One series' value at the end of one week (the last sample before the week ends). */
export interface WeekValue {
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  /** The week's Monday, YYYY-MM-DD. */
  weekStart: string;
  value: number;
}

/**
 * The weekly values of every series over weeks `from`..`to`, read from the weekly
 * rollup that `weekly_metrics` is built on, in one range scan (a lookup per series and
 * week would be hundreds of thousands of lookups). A week without a sample of its own
 * carries the last value before it, as `weekly_metrics` does: `carryForward` does that.
 */
export async function readWeekValues(db: Database, from: IsoWeek, to: IsoWeek): Promise<WeekValue[]> {
  const rows = await queryRows<{ kind: SubjectKind; key: string; label: string; metric: string; week_start: string; value: Numeric }>(
    db,
    sql`WITH inside AS (
          SELECT r.subject_id, r.metric, r.week_start, r.value FROM weekly_samples r
          WHERE r.week_start BETWEEN ${isoDate(from.start)}::date AND ${isoDate(to.start)}::date
        ),
        before AS (
          SELECT se.subject_id, se.metric, b.week_start, b.value FROM series se
          CROSS JOIN LATERAL (
            SELECT r.week_start, r.value FROM weekly_samples r
            WHERE r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start < ${isoDate(from.start)}::date
            ORDER BY r.week_start DESC LIMIT 1
          ) b
          -- Only series without a figure of their own in the first week need one from before.
          WHERE NOT EXISTS (
            SELECT 1 FROM weekly_samples f
            WHERE f.subject_id = se.subject_id AND f.metric = se.metric AND f.week_start = ${isoDate(from.start)}::date
          )
        )
        SELECT s.kind, s.key, s.label, v.metric, v.week_start::text AS week_start, v.value
        FROM (SELECT * FROM inside UNION ALL SELECT * FROM before) v
        JOIN subjects s ON s.id = v.subject_id`,
  );
  return rows.map((row) => ({ kind: row.kind, key: row.key, label: row.label, metric: row.metric, weekStart: row.week_start, value: Number(row.value) }));
}

export async function readSubjectStates(db: Database): Promise<SubjectState[]> {
  return queryRows<SubjectState>(db, sql`SELECT kind, key, status, aliases FROM subjects ORDER BY kind, key`);
}
