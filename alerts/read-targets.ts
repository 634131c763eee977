// The figures alert rules are judged on, read for one rule's target.
import { sql } from 'drizzle-orm';
import type { AlertTarget } from '../config/alerts-config.ts';
import { type Database, isoTimestamp, queryRows } from '../schema/db.ts';

/** One sample as a rule reads it; `backfill` ones were rebuilt from an upstream's history, not observed. */
export interface TargetSample {
  value: number;
  observedAt: string;
  origin: string;
}

/**
 * One series a rule watches: its samples of the lookback (oldest first, the newest
 * last) after the one sample before it, and its subject's state.
 */
export interface TargetSeries {
  kind: string;
  key: string;
  label: string;
  metric: string;
  status: 'active' | 'not_found';
  /** When the subject was last seen upstream: for a vanished one, when it vanished. */
  lastSeenAt: string | null;
  samples: TargetSample[];
}

interface Row {
  kind: string;
  key: string;
  label: string;
  metric: string;
  status: 'active' | 'not_found';
  last_seen_at: string | Date | null;
  /** json_agg of {value, observed_at, origin}, oldest first. */
  samples: null | string | { value: number | string; observed_at: string; origin: string }[];
}

/**
 * The series of a series or kind target (a comparison's are read through the report),
 * each with its samples observed since `since` and the one before them: a crossing
 * whose round was not judged (a worker killed between storing and judging) is still
 * found by the next round within the lookback, under the same event id.
 * A series reference names one subject, found as the report finds it: by its key, else
 * a former key (an alias), else its key in another case. The first that matches wins:
 * a new repository created under a renamed one's old name is what that name means now.
 */
export async function readTargetSeries(db: Database, target: Exclude<AlertTarget, { type: 'comparison' }>, since: Date): Promise<TargetSeries[]> {
  const from = since.toISOString();
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
    sql`SELECT s.kind, s.key, s.label, se.metric, s.status, s.last_seen_at, w.samples
        FROM series se
        JOIN subjects s ON s.id = se.subject_id
        CROSS JOIN LATERAL (
          SELECT json_agg(json_build_object('value', r.value, 'observed_at', r.observed_at, 'origin', r.origin) ORDER BY r.observed_at) AS samples
          FROM (
            SELECT value, observed_at, origin FROM samples x
            WHERE x.subject_id = se.subject_id AND x.metric = se.metric AND x.observed_at >= ${from}
            UNION ALL
            (SELECT value, observed_at, origin FROM samples x
             WHERE x.subject_id = se.subject_id AND x.metric = se.metric AND x.observed_at < ${from}
             ORDER BY x.observed_at DESC LIMIT 1)
          ) r
        ) w
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
    samples: parseSamples(row.samples).map((sample) => ({
      value: Number(sample.value),
      observedAt: isoTimestamp(sample.observed_at),
      origin: sample.origin,
    })),
  }));
}


function parseSamples(samples: Row['samples']): Exclude<Row['samples'], string | null> {
  return typeof samples === 'string' ? (JSON.parse(samples) as Exclude<Row['samples'], string | null>) : (samples ?? []);
}
