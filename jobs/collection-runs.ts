import { eq, sql } from 'drizzle-orm';
import type { Database } from '../schema/db.ts';
import { collectionFailures, collectionRuns } from '../schema/tables.ts';
import type { SubjectFailure } from './observation.ts';

export type RunTrigger = 'collect' | 'schedule' | 'enqueue' | 'backfill';

export async function startRun(db: Database, source: string, trigger: RunTrigger, now: Date): Promise<number> {
  const [row] = await db.insert(collectionRuns).values({ source, trigger, startedAt: now }).returning({ id: collectionRuns.id });
  if (!row) throw new Error('could not record the collection run');
  return row.id;
}

export async function recordFailures(db: Database, runId: number, failures: SubjectFailure[], now: Date): Promise<void> {
  if (failures.length === 0) return;
  await db.insert(collectionFailures).values(
    failures.map((failure) => ({
      runId,
      kind: failure.kind,
      key: failure.key,
      errorKind: failure.error.kind,
      message: failure.error.message,
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
      requests: sql`${collectionRuns.requests} + ${totals.requests}`,
      error: totals.error ?? null,
    })
    .where(eq(collectionRuns.id, runId));
}
