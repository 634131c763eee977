import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';
import type { BatchOutcome, Observation } from './observation.ts';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
const param = (values: unknown[]) => sql.param(values);

export type Origin = 'observed' | 'backfill';

/**
 * Stores one batch in one transaction: subjects (following renames), samples
 * (set-based, idempotent on the primary key) and not-found statuses. Backfilled
 * samples (`origin: 'backfill'`, figures reconstructed for past days) only fill the
 * time before a series' first observed sample: they never stand beside observed ones.
 */
export async function writeBatch(
  db: Database,
  batch: BatchOutcome & { runId: number | null; now: Date; origin?: Origin },
): Promise<number> {
  const origin = batch.origin ?? 'observed';
  const notFound = batch.failures.filter((failure) => failure.error.kind === 'not_found');
  return db.transaction(async (tx) => {
    // A reconstructed figure for last May does not mean the subject was seen in May.
    const ids = await upsertSubjects(tx, batch.observations, origin === 'backfill' ? batch.now : undefined);
    const written = await insertSamples(tx, batch.observations, ids, batch.runId, origin);
    if (notFound.length > 0) await markNotFound(tx, notFound, batch.now);
    return written;
  });
}

/** Subject ids by `kind\0key`, creating subjects and moving renamed ones to their new key. */
async function upsertSubjects(tx: Transaction, observations: Observation[], seenNow?: Date): Promise<Map<string, number>> {
  const seen = new Map<string, Observation>();
  for (const observation of observations) seen.set(subjectKey(observation.kind, observation.key), observation);
  const rows = [...seen.values()];
  if (rows.length === 0) return new Map();
  const kinds = param(rows.map((row) => row.kind));
  const keys = param(rows.map((row) => row.key));
  const labels = param(rows.map((row) => row.label));
  const externalIds = param(rows.map((row) => row.externalId ?? null));
  const aliases = param(rows.map((row) => (row.configuredKey === row.key ? null : row.configuredKey)));
  const seenAt = param(rows.map((row) => seenNow ?? row.observedAt));

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
  return new Map(upserted.map((row) => [subjectKey(row.kind, row.key), Number(row.id)]));
}

export async function insertSamples(
  tx: Transaction | Database,
  observations: Observation[],
  ids: Map<string, number>,
  runId: number | null,
  origin: Origin,
): Promise<number> {
  const subjectIds: number[] = [];
  const metrics: string[] = [];
  const observedAt: Date[] = [];
  const values: number[] = [];
  for (const observation of observations) {
    const id = ids.get(subjectKey(observation.kind, observation.key));
    if (id === undefined) throw new Error(`no subject id for ${observation.kind} ${observation.key}`);
    for (const [metric, value] of Object.entries(observation.metrics)) {
      subjectIds.push(id);
      metrics.push(metric);
      observedAt.push(observation.observedAt);
      values.push(value);
    }
  }
  if (values.length === 0) return 0;
  // One statement: the samples, and the two summaries the weekly view reads (each
  // series' span, and the last sample of each series in each week) from what was inserted.
  const rows = await queryRows<{ n: number | string }>(
    tx,
    sql`
    WITH inserted AS (
      INSERT INTO samples (subject_id, metric, observed_at, value, origin, run_id)
      SELECT v.subject_id, v.metric, v.observed_at, v.value, ${origin}, ${runId}::bigint
      FROM unnest(${param(subjectIds)}::bigint[], ${param(metrics)}::text[], ${param(observedAt)}::timestamptz[], ${param(values)}::bigint[])
        AS v(subject_id, metric, observed_at, value)
      WHERE ${origin} = 'observed' OR v.observed_at < coalesce(
        (SELECT min(o.observed_at) FROM samples o WHERE o.subject_id = v.subject_id AND o.metric = v.metric AND o.origin = 'observed'),
        'infinity')
      ON CONFLICT DO NOTHING
      RETURNING subject_id, metric, observed_at, value, origin
    ),
    spans AS (
      INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at)
      SELECT subject_id, metric, min(observed_at), max(observed_at) FROM inserted GROUP BY subject_id, metric
      ON CONFLICT (subject_id, metric) DO UPDATE SET
        first_observed_at = least(series.first_observed_at, excluded.first_observed_at),
        last_observed_at = greatest(series.last_observed_at, excluded.last_observed_at)
      -- The weekly view needs the span to the week: most writes change nothing here.
      WHERE excluded.first_observed_at < series.first_observed_at
         OR date_trunc('week', excluded.last_observed_at AT TIME ZONE 'UTC') > date_trunc('week', series.last_observed_at AT TIME ZONE 'UTC')
    ),
    weeks AS (
      INSERT INTO weekly_samples (subject_id, metric, week_start, observed_at, value, origin)
      SELECT DISTINCT ON (subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC'))
        subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC')::date, observed_at, value, origin
      FROM inserted
      ORDER BY subject_id, metric, date_trunc('week', observed_at AT TIME ZONE 'UTC'), observed_at DESC
      ON CONFLICT (subject_id, metric, week_start) DO UPDATE SET
        observed_at = excluded.observed_at, value = excluded.value, origin = excluded.origin
        WHERE excluded.observed_at > weekly_samples.observed_at
    )
    SELECT count(*) AS n FROM inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

async function markNotFound(tx: Transaction, failures: BatchOutcome['failures'], now: Date): Promise<void> {
  const kinds = param(failures.map((failure) => failure.kind));
  const keys = param(failures.map((failure) => failure.key));
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

export const subjectKey = (kind: string, key: string): string => `${kind}\u0000${key}`;
