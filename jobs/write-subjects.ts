// The subjects side of a write: creating subjects, following renames, moving
// last_seen_at, and marking subjects the upstream no longer has.
import { sql } from 'drizzle-orm';
import { arrayParam } from '../schema/array-param.ts';
import { type Database, queryRows } from '../schema/db.ts';
import { subjectKey } from '../schema/subject-key.ts';
import type { BatchOutcome, Observation } from './observation.ts';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Subject ids by `kind\0key`, creating subjects and moving renamed ones to their new key. */
export async function upsertSubjects(tx: Transaction, observations: Observation[], seenNow?: Date): Promise<Map<string, number>> {
  const seen = new Map<string, Observation>();
  for (const observation of observations) seen.set(subjectKey(observation.kind, observation.key), observation);
  const all = [...seen.values()];
  if (all.length === 0) return new Map();
  // Most writes are of subjects stored just as they are: find those, move their
  // last_seen_at, and send only the others through the upsert below.
  const ids = await touchKnownSubjects(tx, all, seenNow);
  const rows = all.filter((row) => !ids.has(subjectKey(row.kind, row.key)));
  if (rows.length === 0) return ids;
  const kinds = arrayParam(rows.map((row) => row.kind));
  const keys = arrayParam(rows.map((row) => row.key));
  const labels = arrayParam(rows.map((row) => row.label));
  const externalIds = arrayParam(rows.map((row) => row.externalId ?? null));
  const aliases = arrayParam(rows.map((row) => (row.configuredKey === row.key ? null : row.configuredKey)));
  const seenAt = arrayParam(rows.map((row) => seenNow ?? row.observedAt));

  // A known external id under another key is a rename: move the key, keep the old one as an alias.
  await tx.execute(sql`
    UPDATE subjects s
    SET aliases = array_append(array_remove(s.aliases, v.key), s.key), key = v.key
    FROM unnest(${kinds}::text[], ${keys}::text[], ${externalIds}::text[]) AS v(kind, key, external_id)
    WHERE v.external_id IS NOT NULL AND s.kind = v.kind AND s.external_id = v.external_id AND s.key <> v.key
      AND NOT EXISTS (SELECT 1 FROM subjects o WHERE o.kind = v.kind AND o.key = v.key)`);

  const upserted = await queryRows<{ id: number | string; kind: string; key: string }>(
    tx,
    sql`
    INSERT INTO subjects (kind, key, label, external_id, status, aliases, first_seen_at, last_seen_at)
    SELECT v.kind, v.key, v.label, v.external_id, 'active',
           CASE WHEN v.alias IS NULL THEN '{}'::text[] ELSE ARRAY[v.alias] END, v.seen_at, v.seen_at
    FROM unnest(${kinds}::text[], ${keys}::text[], ${labels}::text[], ${externalIds}::text[], ${aliases}::text[], ${seenAt}::timestamptz[])
      AS v(kind, key, label, external_id, alias, seen_at)
    ON CONFLICT (kind, key) DO UPDATE SET
      label = excluded.label,
      status = 'active',
      last_seen_at = greatest(subjects.last_seen_at, excluded.last_seen_at),
      external_id = CASE
        WHEN subjects.external_id IS NOT NULL THEN subjects.external_id
        WHEN EXISTS (SELECT 1 FROM subjects o WHERE o.kind = excluded.kind AND o.external_id = excluded.external_id) THEN NULL
        ELSE excluded.external_id END,
      aliases = CASE WHEN excluded.aliases = '{}' THEN subjects.aliases
        ELSE ARRAY(SELECT DISTINCT a FROM unnest(subjects.aliases || excluded.aliases) AS a WHERE a <> subjects.key ORDER BY a) END
    RETURNING id, kind, key`,
  );
  for (const row of upserted) ids.set(subjectKey(row.kind, row.key), Number(row.id));
  return ids;
}

/**
 * Ids of the observed subjects that are stored with the same label, as active, with
 * their external id and no new alias to record, moving their last_seen_at forward.
 */
async function touchKnownSubjects(tx: Transaction, observations: Observation[], seenNow?: Date): Promise<Map<string, number>> {
  const rows = observations.filter((row) => row.configuredKey === row.key);
  if (rows.length === 0) return new Map();
  const touched = await queryRows<{ id: number | string; kind: string; key: string }>(
    tx,
    sql`UPDATE subjects s SET last_seen_at = greatest(s.last_seen_at, v.seen_at)
        FROM unnest(${arrayParam(rows.map((row) => row.kind))}::text[], ${arrayParam(rows.map((row) => row.key))}::text[],
                    ${arrayParam(rows.map((row) => row.label))}::text[], ${arrayParam(rows.map((row) => row.externalId ?? null))}::text[],
                    ${arrayParam(rows.map((row) => seenNow ?? row.observedAt))}::timestamptz[])
          AS v(kind, key, label, external_id, seen_at)
        WHERE s.kind = v.kind AND s.key = v.key AND s.label = v.label AND s.status = 'active'
          AND (s.external_id IS NOT NULL OR v.external_id IS NULL)
        RETURNING s.id, s.kind, s.key`,
  );
  return new Map(touched.map((row) => [subjectKey(row.kind, row.key), Number(row.id)]));
}

/** Marks subjects the upstream no longer has; one never stored is created as not_found. */
export async function markNotFound(tx: Transaction, failures: BatchOutcome['failures'], now: Date): Promise<void> {
  const kinds = arrayParam(failures.map((failure) => failure.kind));
  const keys = arrayParam(failures.map((failure) => failure.key));
  // The configured key may be an old name of a subject that was renamed before it vanished.
  await tx.execute(sql`
    WITH v AS (SELECT * FROM unnest(${kinds}::text[], ${keys}::text[]) AS v(kind, key)),
    marked AS (
      UPDATE subjects s SET status = 'not_found'
      FROM v WHERE s.kind = v.kind AND (s.key = v.key OR v.key = ANY(s.aliases))
      RETURNING v.kind, v.key
    )
    INSERT INTO subjects (kind, key, label, status, first_seen_at)
    SELECT v.kind, v.key, v.key, 'not_found', ${now}::timestamptz FROM v
    WHERE NOT EXISTS (SELECT 1 FROM marked m WHERE m.kind = v.kind AND m.key = v.key)
    ON CONFLICT (kind, key) DO UPDATE SET status = 'not_found'`);
}
