// The dashboard's reads. Each returns what the SQL views say (`latest_metrics`,
// `daily_metrics`, `weekly_metrics`); where the view cannot use an index for one
// series (daily_metrics groups every sample before it filters), the same rule is
// written against the table, and test/web/api.db.test.ts holds the two equal.
import { sql } from 'drizzle-orm';
import { type Database, isoTimestamp, queryRows } from '../schema/db.ts';

export interface SeriesListing {
  kind: string;
  key: string;
  label: string;
  metric: string;
  value: number;
  observed_at: string;
}

export interface SubjectRecord {
  id: number;
  kind: string;
  key: string;
  label: string;
  status: 'active' | 'not_found';
  aliases: string[];
  first_seen_at: string;
  last_seen_at: string | null;
}

export interface SeriesSpan {
  metric: string;
  first_observed_at: string;
  last_observed_at: string;
  last_value: number;
}

/** A day of `daily_metrics`, with the origin of the sample it shows. */
export interface DayPoint {
  t: string;
  value: number;
  origin: 'observed' | 'backfill';
}

/** A row of `weekly_metrics` for one series, `t` being its week's Monday. */
export interface WeekPoint {
  t: string;
  week: string;
  value: number;
  previous_value: number | null;
  delta: number | null;
  growth_pct: number | null;
  observed_at: string;
}

/** A row of the weekly report's CSV: `weekly_metrics` of one week. */
export interface WeekRow {
  week: string;
  kind: string;
  key: string;
  label: string;
  metric: string;
  value: number;
  previous_value: number | null;
  delta: number | null;
  growth_pct: number | null;
}

/** Inclusive day bounds, YYYY-MM-DD. */
export interface DayRange {
  from?: string;
  to?: string;
}

export async function listSeries(db: Database): Promise<SeriesListing[]> {
  const rows = await queryRows<SeriesListing>(
    db,
    sql`SELECT kind, key, label, metric, value, observed_at FROM latest_metrics ORDER BY kind, key, metric`,
  );
  return rows.map((row) => ({ ...row, value: Number(row.value), observed_at: isoTimestamp(row.observed_at) }));
}

/** The subject of that kind whose key, or one of whose former keys (aliases), is `key`. */
export async function findSubjectRecord(db: Database, kind: string, key: string): Promise<SubjectRecord | undefined> {
  const columns = sql.raw('id, kind, key, label, status, aliases, first_seen_at, last_seen_at');
  const [exact] = await queryRows<SubjectRecord>(db, sql`SELECT ${columns} FROM subjects WHERE kind = ${kind} AND key = ${key}`);
  const [found] = exact
    ? [exact]
    : await queryRows<SubjectRecord>(
        db,
        // Names on GitHub and the Hub are case-insensitive; a link may spell them either way.
        sql`SELECT ${columns} FROM subjects WHERE kind = ${kind} AND (lower(key) = lower(${key}) OR ${key} = ANY(aliases))
            ORDER BY lower(key) = lower(${key}) DESC, id LIMIT 1`,
      );
  if (!found) return undefined;
  return {
    ...found,
    id: Number(found.id),
    first_seen_at: isoTimestamp(found.first_seen_at),
    last_seen_at: found.last_seen_at === null ? null : isoTimestamp(found.last_seen_at),
  };
}

export async function readSeriesSpans(db: Database, subjectId: number): Promise<SeriesSpan[]> {
  const rows = await queryRows<SeriesSpan>(
    db,
    sql`SELECT metric, first_observed_at, last_observed_at, last_value FROM series WHERE subject_id = ${subjectId} ORDER BY metric`,
  );
  return rows.map((row) => ({
    metric: row.metric,
    first_observed_at: isoTimestamp(row.first_observed_at),
    last_observed_at: isoTimestamp(row.last_observed_at),
    last_value: Number(row.last_value),
  }));
}

/** `daily_metrics` of one series: the last sample of each UTC day, oldest first. */
export async function readDayPoints(db: Database, subjectId: number, metric: string, range: DayRange = {}): Promise<DayPoint[]> {
  const from = range.from ? sql`AND observed_at >= ${`${range.from}T00:00:00Z`}::timestamptz` : sql``;
  const to = range.to ? sql`AND observed_at < ${`${range.to}T00:00:00Z`}::timestamptz + interval '1 day'` : sql``;
  const rows = await queryRows<DayPoint>(
    db,
    sql`SELECT DISTINCT ON (day) day::text AS t, value, origin
        FROM (SELECT (observed_at AT TIME ZONE 'UTC')::date AS day, observed_at, value, origin FROM samples
              WHERE subject_id = ${subjectId} AND metric = ${metric} ${from} ${to}) x
        ORDER BY day, observed_at DESC`,
  );
  return rows.map((row) => ({ t: row.t, value: Number(row.value), origin: row.origin }));
}

/**
 * `weekly_metrics` of one series, oldest week first; `from`/`to` bound the weeks' Mondays.
 * The view spans the weeks of every series (min and max over all of `series`, two scans
 * of it per query) before it keeps this one's; here the weeks are this series' own, the
 * rest of the rule is the view's, line for line.
 */
export async function readWeekPoints(db: Database, subject: { kind: string; key: string }, metric: string, range: DayRange = {}): Promise<WeekPoint[]> {
  const from = range.from ? sql`AND w.week_start::date >= ${range.from}::date - 6` : sql``;
  const to = range.to ? sql`AND w.week_start::date <= ${range.to}::date` : sql``;
  const rows = await queryRows<WeekPoint>(
    db,
    sql`SELECT w.week_start::date::text AS t, to_char(w.week_start, 'IYYY-"W"IW') AS week,
               cur.value, prev.value AS previous_value, cur.value - prev.value AS delta,
               CASE WHEN prev.value IS NULL OR prev.value = 0 THEN NULL
                    ELSE round(100.0 * (cur.value - prev.value) / prev.value, 2) END AS growth_pct,
               cur.observed_at
        FROM subjects s
        JOIN series se ON se.subject_id = s.id AND se.metric = ${metric}
        CROSS JOIN LATERAL generate_series(
          date_trunc('week', se.first_observed_at AT TIME ZONE 'UTC'),
          date_trunc('week', greatest(se.last_observed_at, now()) AT TIME ZONE 'UTC'),
          interval '1 week') AS w(week_start)
        CROSS JOIN LATERAL (SELECT date_trunc('week', se.last_observed_at AT TIME ZONE 'UTC') AS latest_week) l
        CROSS JOIN LATERAL (
          SELECT se.last_value AS value, se.last_observed_at AS observed_at WHERE w.week_start >= l.latest_week
          UNION ALL
          (SELECT r.value, r.observed_at FROM weekly_samples r
           WHERE w.week_start < l.latest_week AND r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start <= w.week_start::date
           ORDER BY r.week_start DESC LIMIT 1)
        ) cur
        LEFT JOIN LATERAL (
          SELECT se.last_value AS value WHERE w.week_start - interval '7 days' >= l.latest_week
          UNION ALL
          (SELECT r.value FROM weekly_samples r
           WHERE w.week_start - interval '7 days' < l.latest_week AND r.subject_id = se.subject_id AND r.metric = se.metric AND r.week_start < w.week_start::date
           ORDER BY r.week_start DESC LIMIT 1)
        ) prev ON true
        WHERE s.kind = ${subject.kind} AND s.key = ${subject.key} ${from} ${to}
        ORDER BY w.week_start`,
  );
  return rows.map((row) => ({
    t: row.t,
    week: row.week,
    value: Number(row.value),
    previous_value: nullableNumber(row.previous_value),
    delta: nullableNumber(row.delta),
    growth_pct: nullableNumber(row.growth_pct),
    observed_at: isoTimestamp(row.observed_at),
  }));
}

/** `weekly_metrics` of the week starting `weekStart`, sorted as the report's CSV. */
export async function readWeekRows(db: Database, weekStart: string): Promise<WeekRow[]> {
  const rows = await queryRows<WeekRow>(
    db,
    sql`SELECT week, kind, key, label, metric, value, previous_value, delta, growth_pct FROM weekly_metrics
        WHERE week_start = ${weekStart}::date ORDER BY kind, key, metric`,
  );
  return rows.map((row) => ({
    ...row,
    value: Number(row.value),
    previous_value: nullableNumber(row.previous_value),
    delta: nullableNumber(row.delta),
    growth_pct: nullableNumber(row.growth_pct),
  }));
}

export interface RecentFailure {
  run_id: number;
  metric: string | null;
  error_kind: string;
  message: string;
  failed_at: string;
}

export async function readRecentFailures(db: Database, subject: { kind: string; key: string; aliases: string[] }, limit = 10): Promise<RecentFailure[]> {
  const keys = [subject.key, ...subject.aliases];
  const rows = await queryRows<RecentFailure>(
    db,
    sql`SELECT run_id, metric, error_kind, message, failed_at FROM collection_failures
        WHERE kind = ${subject.kind} AND key IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})
        ORDER BY failed_at DESC, id DESC LIMIT ${limit}`,
  );
  return rows.map((row) => ({ ...row, run_id: Number(row.run_id), failed_at: isoTimestamp(row.failed_at) }));
}

export interface LastRun {
  source: string;
  status: string;
  started_at: string;
  finished_at: string | null;
}

/** The newest collection run of each source. */
export async function readLastRuns(db: Database): Promise<LastRun[]> {
  const rows = await queryRows<LastRun>(
    db,
    sql`SELECT DISTINCT ON (source) source, status, started_at, finished_at FROM collection_runs ORDER BY source, id DESC`,
  );
  return rows.map((row) => ({ ...row, started_at: isoTimestamp(row.started_at), finished_at: row.finished_at === null ? null : isoTimestamp(row.finished_at) }));
}

export async function readFirstFigureAt(db: Database): Promise<string | null> {
  const [row] = await queryRows<{ first: string | Date | null }>(db, sql`SELECT min(first_observed_at) AS first FROM series`);
  return row?.first ? isoTimestamp(row.first) : null;
}

/**
 * Changes whenever what the dashboard shows can: a run starts or ends, or a sample
 * is written. Cached pages are keyed on it.
 */
export async function readDataVersion(db: Database): Promise<string> {
  const [row] = await queryRows<{ runs: string | null; finished: string | null; newest: string | null; series: string }>(
    db,
    sql`SELECT (SELECT max(id) FROM collection_runs)::text AS runs,
               (SELECT max(finished_at) FROM collection_runs)::text AS finished,
               (SELECT max(last_observed_at) FROM series)::text AS newest,
               (SELECT count(*) FROM series)::text AS series`,
  );
  return [row?.runs, row?.finished, row?.newest, row?.series].join('|');
}


function nullableNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
