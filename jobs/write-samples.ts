import { type SQL, sql } from 'drizzle-orm';
import { arrayParam } from '../schema/array-param.ts';
import { type Database, queryRows } from '../schema/db.ts';
import { subjectKey } from '../schema/subject-key.ts';
import type { BatchOutcome, Observation } from './observation.ts';
import { markNotFound, type Transaction, upsertSubjects } from './write-subjects.ts';

export type Origin = 'observed' | 'backfill';

/**
 * Stores one batch in one transaction: subjects (following renames), samples
 * (set-based; one observed sample per series per run, so a batch that runs again adds
 * nothing) and not-found statuses. Backfilled
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

/**
 * Inserts the samples of `observations` (subjects already stored, ids by `kind\0key`)
 * and keeps `series` and the weekly rollup in step. Returns the samples inserted.
 */
export async function insertSamples(
  tx: Transaction | Database,
  observations: Observation[],
  ids: Map<string, number>,
  runId: number | null,
  origin: Origin,
): Promise<number> {
  const rows = sampleRows(observations, ids, origin);
  if (rows.length === 0) return 0;
  const values = sql`unnest(${arrayParam(rows.map((row) => row.subjectId))}::bigint[], ${arrayParam(rows.map((row) => row.metric))}::text[],
    ${arrayParam(rows.map((row) => row.observedAt))}::timestamptz[], ${arrayParam(rows.map((row) => row.value))}::bigint[])
    AS v(subject_id, metric, observed_at, value)`;
  return origin === 'observed' ? insertObserved(tx, values, runId) : insertBackfilled(tx, values, runId);
}

/**
 * Backfilled samples fill only the time before a series' first observed sample; the
 * series they touch are then rebuilt from their samples (a backfill writes many days
 * per series, in any order).
 */
async function insertBackfilled(tx: Transaction | Database, values: SQL, runId: number | null): Promise<number> {
  const touched = await queryRows<{ subject_id: number | string; metric: string; n: number | string }>(
    tx,
    sql`WITH inserted AS (
          INSERT INTO samples (subject_id, metric, observed_at, value, origin, run_id)
          SELECT v.subject_id, v.metric, v.observed_at, v.value, 'backfill', ${runId}::bigint
          FROM ${values}
          WHERE v.observed_at < coalesce(
            (SELECT min(o.observed_at) FROM samples o WHERE o.subject_id = v.subject_id AND o.metric = v.metric AND o.origin = 'observed'),
            'infinity')
          ON CONFLICT DO NOTHING
          RETURNING subject_id, metric
        )
        SELECT subject_id, metric, count(*) AS n FROM inserted GROUP BY subject_id, metric`,
  );
  await rebuildSeries(tx, touched.map((row) => ({ subjectId: Number(row.subject_id), metric: row.metric })));
  return touched.reduce((sum, row) => sum + Number(row.n), 0);
}

interface SampleRow {
  subjectId: number;
  metric: string;
  observedAt: Date;
  value: number;
}

/**
 * One row per sample. An observed batch holds one sample per series: should a subject
 * come twice (two configured names of one repository), its newest observation counts.
 * A backfill holds many days per series; the same day twice is one sample (the key).
 */
function sampleRows(observations: Observation[], ids: Map<string, number>, origin: Origin): SampleRow[] {
  const kept = new Map<number, Observation[]>();
  for (const observation of observations) {
    const subjectId = ids.get(subjectKey(observation.kind, observation.key));
    if (subjectId === undefined) throw new Error(`no subject id for ${observation.kind} ${observation.key}`);
    const earlier = kept.get(subjectId);
    if (!earlier) kept.set(subjectId, [observation]);
    else if (origin === 'backfill') earlier.push(observation);
    else if ((earlier[0]?.observedAt ?? 0) < observation.observedAt) kept.set(subjectId, [observation]);
  }
  const rows: SampleRow[] = [];
  for (const [subjectId, own] of kept) {
    for (const { observedAt, metrics } of own) {
      for (const metric in metrics) rows.push({ subjectId, metric, observedAt, value: metrics[metric] ?? 0 });
    }
  }
  return rows;
}

const week = (at: SQL) => sql`date_trunc('week', ${at} AT TIME ZONE 'UTC')`;

/**
 * Observed samples, one statement. Each series is taken for the run first (its newest
 * sample and span move with it): a series already taken by this run, when a batch runs
 * again, gets no second sample. The rollup changes only when a sample leaves its
 * series' latest week: a later week closes that week, whose last sample is the series'
 * newest so far; an earlier week (a late answer) may get a new last sample.
 */
async function insertObserved(tx: Transaction | Database, values: SQL, runId: number | null): Promise<number> {
  const run = sql`${runId}::bigint`;
  const rows = await queryRows<{ n: number | string }>(
    tx,
    sql`
    WITH v AS (SELECT * FROM ${values}),
    -- Each series as it stood before this write.
    before AS (
      SELECT v.*, se.first_observed_at, se.last_observed_at, se.last_value, se.last_origin
      FROM v LEFT JOIN series se ON se.subject_id = v.subject_id AND se.metric = v.metric
    ),
    taken AS (
      UPDATE series se SET
        first_observed_at = least(se.first_observed_at, v.observed_at),
        last_observed_at = greatest(se.last_observed_at, v.observed_at),
        last_value = CASE WHEN v.observed_at >= se.last_observed_at THEN v.value ELSE se.last_value END,
        last_origin = CASE WHEN v.observed_at >= se.last_observed_at THEN 'observed' ELSE se.last_origin END,
        last_run_id = ${run}
      FROM v
      WHERE se.subject_id = v.subject_id AND se.metric = v.metric AND (${run} IS NULL OR se.last_run_id IS DISTINCT FROM ${run})
      RETURNING v.*
    ),
    created AS (
      INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at, last_value, last_origin, last_run_id)
      SELECT subject_id, metric, observed_at, observed_at, value, 'observed', ${run} FROM before WHERE first_observed_at IS NULL
      -- Another write created the series meanwhile: take it as above.
      ON CONFLICT (subject_id, metric) DO UPDATE SET
        first_observed_at = least(series.first_observed_at, excluded.first_observed_at),
        last_observed_at = greatest(series.last_observed_at, excluded.last_observed_at),
        last_value = CASE WHEN excluded.last_observed_at >= series.last_observed_at THEN excluded.last_value ELSE series.last_value END,
        last_origin = CASE WHEN excluded.last_observed_at >= series.last_observed_at THEN 'observed' ELSE series.last_origin END,
        last_run_id = excluded.last_run_id
        WHERE excluded.last_run_id IS NULL OR series.last_run_id IS DISTINCT FROM excluded.last_run_id
      RETURNING subject_id, metric
    ),
    inserted AS (
      INSERT INTO samples (subject_id, metric, observed_at, value, origin, run_id)
      SELECT v.subject_id, v.metric, v.observed_at, v.value, 'observed', ${run}
      FROM (SELECT * FROM taken UNION ALL SELECT v.* FROM created c JOIN v ON v.subject_id = c.subject_id AND v.metric = c.metric) v
      ON CONFLICT DO NOTHING
      RETURNING subject_id, metric
    ),
    closed AS (
      SELECT subject_id, metric, last_observed_at AS observed_at, last_value AS value, last_origin AS origin FROM before
      WHERE ${week(sql`observed_at`)} > ${week(sql`last_observed_at`)}
      UNION ALL
      SELECT subject_id, metric, observed_at, value, 'observed' FROM before
      WHERE ${week(sql`observed_at`)} < ${week(sql`last_observed_at`)}
    ),
    weeks AS (
      INSERT INTO weekly_samples (subject_id, metric, week_start, observed_at, value, origin)
      SELECT c.subject_id, c.metric, ${week(sql`c.observed_at`)}::date, c.observed_at, c.value, c.origin
      FROM closed c
      WHERE EXISTS (SELECT 1 FROM inserted i WHERE i.subject_id = c.subject_id AND i.metric = c.metric)
      ON CONFLICT (subject_id, metric, week_start) DO UPDATE SET
        observed_at = excluded.observed_at, value = excluded.value, origin = excluded.origin
        WHERE excluded.observed_at > weekly_samples.observed_at
    )
    SELECT count(*) AS n FROM inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Recomputes the span, newest sample and weekly rollup of some series from their samples. */
async function rebuildSeries(tx: Transaction | Database, targets: { subjectId: number; metric: string }[]): Promise<void> {
  if (targets.length === 0) return;
  await tx.execute(sql`
    WITH t AS (
      SELECT * FROM unnest(${arrayParam(targets.map((target) => target.subjectId))}::bigint[], ${arrayParam(targets.map((target) => target.metric))}::text[])
        AS t(subject_id, metric)
    ),
    spans AS (
      SELECT t.subject_id, t.metric, f.observed_at AS first_observed_at, l.observed_at AS last_observed_at, l.value, l.origin
      FROM t
      CROSS JOIN LATERAL (SELECT x.observed_at FROM samples x WHERE x.subject_id = t.subject_id AND x.metric = t.metric ORDER BY x.observed_at LIMIT 1) f
      CROSS JOIN LATERAL (
        SELECT x.observed_at, x.value, x.origin FROM samples x WHERE x.subject_id = t.subject_id AND x.metric = t.metric ORDER BY x.observed_at DESC LIMIT 1
      ) l
    ),
    upserted AS (
      INSERT INTO series (subject_id, metric, first_observed_at, last_observed_at, last_value, last_origin)
      SELECT subject_id, metric, first_observed_at, last_observed_at, value, origin FROM spans
      ON CONFLICT (subject_id, metric) DO UPDATE SET
        first_observed_at = excluded.first_observed_at, last_observed_at = excluded.last_observed_at,
        last_value = excluded.last_value, last_origin = excluded.last_origin
    )
    INSERT INTO weekly_samples (subject_id, metric, week_start, observed_at, value, origin)
    SELECT DISTINCT ON (x.subject_id, x.metric, ${week(sql`x.observed_at`)})
      x.subject_id, x.metric, ${week(sql`x.observed_at`)}::date, x.observed_at, x.value, x.origin
    FROM spans sp
    JOIN samples x ON x.subject_id = sp.subject_id AND x.metric = sp.metric
    WHERE ${week(sql`x.observed_at`)} < ${week(sql`sp.last_observed_at`)}
    ORDER BY x.subject_id, x.metric, ${week(sql`x.observed_at`)}, x.observed_at DESC
    ON CONFLICT (subject_id, metric, week_start) DO UPDATE SET
      observed_at = excluded.observed_at, value = excluded.value, origin = excluded.origin`);
}
