import { sql } from 'drizzle-orm';
import type { SubjectKind } from '../workers/config.ts';
import { type Database, queryRows } from '../schema/db.ts';

export interface LastValuesQuery {
  kind: SubjectKind;
  metric: string;
  /** Names as configured: a subject's current key, or an old name kept in its aliases. */
  keys: readonly string[];
}

/**
 * The newest stored figure of `metric` for each of `keys` that has one, in one
 * statement per batch: the `series` row the write path keeps beside the samples.
 * A key is matched to its subject as in `keysSampledSince`: by the subject's current
 * key first, and only keys that name none are looked up in the aliases.
 */
export async function readLastValues(db: Database, query: LastValuesQuery): Promise<Map<string, number>> {
  if (query.keys.length === 0) return new Map();
  const keys = sql.param([...query.keys]);
  const rows = await queryRows<{ key: string; value: string | number }>(
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
      WHERE (SELECT keys FROM unmatched) IS NOT NULL
        AND s.kind = ${query.kind}
        AND s.aliases && (SELECT keys FROM unmatched)
        AND a.key = ANY ((SELECT keys FROM unmatched)::text[])
    )
    SELECT DISTINCT ON (m.key) m.key, se.last_value AS value
    FROM (SELECT * FROM by_key UNION ALL SELECT * FROM by_alias) m
    JOIN series se ON se.subject_id = m.id AND se.metric = ${query.metric}
    -- Two subjects under one old name: the one seen most recently holds it.
    ORDER BY m.key, se.last_observed_at DESC`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.value)]));
}
