import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../schema/db.ts';
import { collectionFailures, collectionRuns } from '../schema/tables.ts';
import type { SubjectFailure } from './observation.ts';

export type RunTrigger = 'collect' | 'schedule' | 'enqueue' | 'backfill';

/**
 * Records the start of a run. With a `jobKey` (the queue job of a round) it is
 * idempotent: a round job processed a second time gets the run it already has.
 */
export async function startRun(db: Database, source: string, trigger: RunTrigger, now: Date, jobKey?: string): Promise<number> {
  const [row] = await db
    .insert(collectionRuns)
    .values({ source, trigger, startedAt: now, jobKey })
    .onConflictDoNothing({ target: collectionRuns.jobKey })
    .returning({ id: collectionRuns.id });
  if (row) return row.id;
  const [existing] = jobKey ? await db.select({ id: collectionRuns.id }).from(collectionRuns).where(eq(collectionRuns.jobKey, jobKey)) : [];
  if (!existing) throw new Error('could not record the collection run');
  return existing.id;
}

/** `redact` removes secrets from the upstream's words before they are stored. */
export async function recordFailures(
  db: Database,
  runId: number,
  failures: SubjectFailure[],
  now: Date,
  redact: (text: string) => string,
): Promise<void> {
  if (failures.length === 0) return;
  await db.insert(collectionFailures).values(
    failures.map((failure) => ({
      runId,
      kind: failure.kind,
      key: failure.key,
      metric: failure.metric ?? null,
      errorKind: failure.error.kind,
      message: redact(failure.error.message),
      failedAt: now,
    })),
  );
}

export interface RunTotals {
  subjectsOk: number;
  subjectsFailed: number;
  requests: number;
  /** Why the whole round failed, if it did. */
  error?: string;
}

export async function finishRun(db: Database, runId: number, totals: RunTotals, now: Date): Promise<void> {
  const status = totals.error || (totals.subjectsOk === 0 && totals.subjectsFailed > 0) ? 'failed' : totals.subjectsFailed > 0 ? 'partial' : 'ok';
  await db
    .update(collectionRuns)
    .set({
      finishedAt: now,
      status,
      subjectsOk: totals.subjectsOk,
      subjectsFailed: totals.subjectsFailed,
      requests: totals.requests,
      error: totals.error ?? null,
    })
    // A run is closed once: a round finished twice does not count twice.
    .where(and(eq(collectionRuns.id, runId), isNull(collectionRuns.finishedAt)));
}
