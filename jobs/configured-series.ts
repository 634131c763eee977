import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';

export interface ConfiguredSeriesQuery {
  kind: string;
  metric: string;
  /** Names as configured: a subject's current key, or an old name kept in its aliases. */
  keys: readonly string[];
}

/** A series' newest sample, under the name it was asked by. */
export interface ConfiguredSeries {
  key: string;
  lastValue: number;
  lastObservedAt: Date;
}

/**
 * The `series` rows of `metric` for the subjects `keys` name, in one statement per
 * batch. A key names its subject by the subject's current key; only keys that name
 * none (a renamed repository configured by its old name, another spelling) are looked
 * up in the aliases, so the usual batch reads `subjects` once. A key may come back
 * twice when two subjects held it: callers choose by `lastObservedAt`.
 */
export async function readConfiguredSeries(db: Database, query: ConfiguredSeriesQuery): Promise<ConfiguredSeries[]> {
  if (query.keys.length === 0) return [];
  const keys = sql.param([...query.keys]);
  const rows = await queryRows<{ key: string; last_value: string | number; last_observed_at: string | Date }>(
    db,
    sql`
    WITH by_key AS (
      SELECT s.key, s.id FROM subjects s WHERE s.kind = ${query.kind} AND s.key = ANY (${keys}::text[])
    ),
    unmatched AS (
      SELECT array_agg(k) AS keys FROM unnest(${keys}::text[]) AS k WHERE k NOT IN (SELECT key FROM by_key)
    ),
    by_alias AS (
      SELECT a.key, s.id
      FROM subjects s CROSS JOIN LATERAL unnest(s.aliases) AS a(key)
      -- A one-time filter: with every key matched, subjects is not read a second time.
      WHERE (SELECT keys FROM unmatched) IS NOT NULL
        AND s.kind = ${query.kind}
        AND s.aliases && (SELECT keys FROM unmatched)
        AND a.key = ANY ((SELECT keys FROM unmatched)::text[])
    )
    SELECT m.key, se.last_value, se.last_observed_at
    FROM (SELECT * FROM by_key UNION ALL SELECT * FROM by_alias) m
    JOIN series se ON se.subject_id = m.id AND se.metric = ${query.metric}`,
  );
  return rows.map((row) => ({ key: row.key, lastValue: Number(row.last_value), lastObservedAt: new Date(row.last_observed_at) }));
}
