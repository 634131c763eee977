// The figures alert rules are judged on, read for one rule's target.
import { sql } from 'drizzle-orm';
import type { AlertTarget } from '../config/alerts-config.ts';
import { type Database, isoTimestamp, queryRows } from '../schema/db.ts';

/** One series a rule watches: its newest sample and the one before it, and its subject's state. */
export interface TargetSeries {
  kind: string;
  key: string;
  label: string;
  metric: string;
  status: 'active' | 'not_found';
  /** When the subject was last seen upstream: for a vanished one, when it vanished. */
  lastSeenAt: string | null;
  newest: { value: number; observedAt: string };
  previous: { value: number; observedAt: string } | null;
}

interface Row {
  kind: string;
  key: string;
  label: string;
  metric: string;
  status: 'active' | 'not_found';
  last_seen_at: string | Date | null;
  last_value: string | number;
  last_observed_at: string | Date;
  previous_value: string | number | null;
  previous_observed_at: string | Date | null;
}

/**
 * The series of a series or kind target (a comparison's are read through the report).
 * A series reference names one subject, found as the report finds it: by its key, else
 * a former key (an alias), else its key in another case. The first that matches wins:
 * a new repository created under a renamed one's old name is what that name means now.
 */
export async function readTargetSeries(db: Database, target: Exclude<AlertTarget, { type: 'comparison' }>): Promise<TargetSeries[]> {
  const where =
    target.type === 'series'
      ? sql`se.metric = ${target.series.metric} AND s.id = (
              SELECT c.id FROM subjects c
              WHERE c.kind = ${target.series.kind} AND (c.key = ${target.series.key} OR ${target.series.key} = ANY(c.aliases) OR lower(c.key) = lower(${target.series.key}))
              ORDER BY c.key = ${target.series.key} DESC, ${target.series.key} = ANY(c.aliases) DESC, c.id
              LIMIT 1)`
      : sql`s.kind = ${target.kind} AND se.metric = ${target.metric}`;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT s.kind, s.key, s.label, se.metric, s.status, s.last_seen_at, se.last_value, se.last_observed_at,
               p.value AS previous_value, p.observed_at AS previous_observed_at
        FROM series se
        JOIN subjects s ON s.id = se.subject_id
        LEFT JOIN LATERAL (
          SELECT value, observed_at FROM samples x
          WHERE x.subject_id = se.subject_id AND x.metric = se.metric AND x.observed_at < se.last_observed_at
          ORDER BY x.observed_at DESC LIMIT 1
        ) p ON true
        WHERE ${where}
        ORDER BY s.kind, s.key, se.metric`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    key: row.key,
    label: row.label,
    metric: row.metric,
    status: row.status,
    lastSeenAt: row.last_seen_at === null ? null : isoTimestamp(row.last_seen_at),
    newest: { value: Number(row.last_value), observedAt: isoTimestamp(row.last_observed_at) },
    previous: row.previous_value === null || row.previous_observed_at === null ? null : { value: Number(row.previous_value), observedAt: isoTimestamp(row.previous_observed_at) },
  }));
}

