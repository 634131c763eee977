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

/** Every series' figures for the weeks from `from` to `to` (inclusive), with the origin of the sample used. */
export async function readWeeklyFigures(db: Database, from: IsoWeek, to: IsoWeek): Promise<WeeklyFigure[]> {
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
    origin: string;
  }>(
    db,
    sql`SELECT w.kind, w.key, w.label, w.metric, w.week, w.value, w.previous_value, w.delta, w.growth_pct, w.observed_at, x.origin
        FROM weekly_metrics w
        JOIN subjects s ON s.kind = w.kind AND s.key = w.key
        JOIN samples x ON x.subject_id = s.id AND x.metric = w.metric AND x.observed_at = w.observed_at
        WHERE w.week_start BETWEEN ${isoDate(from.start)}::date AND ${isoDate(to.start)}::date
        ORDER BY w.kind, w.key, w.metric, w.week`,
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

export async function readSubjectStates(db: Database): Promise<SubjectState[]> {
  return queryRows<SubjectState>(db, sql`SELECT kind, key, status, aliases FROM subjects ORDER BY kind, key`);
}
