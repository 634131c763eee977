import { sql } from 'drizzle-orm';
import type { SubjectKind } from '../workers/config.ts';
import { type Database, queryRows } from '../schema/db.ts';

export interface SampledSinceQuery {
  kind: SubjectKind;
  metric: string;
  /** Names as configured: a subject's current key, or an old name kept in its aliases. */
  keys: readonly string[];
  since: Date;
}

/**
 * Which of `keys` have a sample of `metric` observed at or after `since`, in one
 * statement per batch. A key names its subject by the subject's current key; only
 * keys that name none (a renamed repository configured by its old name, another
 * spelling) are looked up in the aliases, so the usual batch reads `subjects` once.
 * Each subject then costs one lookup of its series' newest sample in `series`.
 */
export async function keysSampledSince(db: Database, query: SampledSinceQuery): Promise<Set<string>> {
  if (query.keys.length === 0) return new Set();
  const keys = sql.param([...query.keys]);
  const rows = await queryRows<{ key: string }>(
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
    SELECT DISTINCT m.key FROM (SELECT * FROM by_key UNION ALL SELECT * FROM by_alias) m
    JOIN series se ON se.subject_id = m.id AND se.metric = ${query.metric}
    WHERE se.last_observed_at >= ${query.since}::timestamptz`,
  );
  return new Set(rows.map((row) => row.key));
}
