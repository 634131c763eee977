import { and, eq, isNotNull, isNull, max, ne } from 'drizzle-orm';
import type { Database } from '../schema/db.ts';
import { parseIdentity, processState } from '../schema/process-identity.ts';
import { collectionFailures, collectionRuns } from '../schema/tables.ts';
import type { SubjectFailure } from './observation.ts';

/** What started a run: the command-line `collect` or `backfill`, or a queued round (a scheduler tick, or `enqueue`). */
export type RunTrigger = 'collect' | 'schedule' | 'enqueue' | 'backfill';

/** Who runs a round: a queue job (another worker may finish it) or a command-line process. */
export interface RunOwner {
  /** The queue job of a round: a round job processed a second time gets the run it already has. */
  jobKey?: string;
  /** `formatIdentity(currentProcess())` of a command-line round: when that process is gone, the run was interrupted. */
  process?: string;
}

/** Records the start of a run; idempotent for a queue job (see `RunOwner.jobKey`). */
export async function startRun(db: Database, source: string, trigger: RunTrigger, now: Date, owner: RunOwner = {}): Promise<number> {
  const { jobKey, process } = owner;
  const [row] = await db
    .insert(collectionRuns)
    .values({ source, trigger, startedAt: now, jobKey, process })
    .onConflictDoNothing({ target: collectionRuns.jobKey })
    .returning({ id: collectionRuns.id });
  if (row) return row.id;
  const [existing] = jobKey ? await db.select({ id: collectionRuns.id }).from(collectionRuns).where(eq(collectionRuns.jobKey, jobKey)) : [];
  if (!existing) throw new Error('could not record the collection run');
  return existing.id;
}

/** When the newest collection round of `source` started (backfills are not rounds); null when it never ran. */
export async function lastRoundStartedAt(db: Database, source: string): Promise<Date | null> {
  const [row] = await db
    .select({ startedAt: max(collectionRuns.startedAt) })
    .from(collectionRuns)
    .where(and(eq(collectionRuns.source, source), ne(collectionRuns.trigger, 'backfill')));
  return row?.startedAt ? new Date(row.startedAt) : null;
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

/**
 * Closes the runs a command-line process left open (Ctrl-C, SIGTERM) as `interrupted`:
 * what they stored stays, and `status` no longer shows a source running with no process.
 */
export async function interruptRuns(db: Database, process: string, now: Date): Promise<void> {
  await db
    .update(collectionRuns)
    .set({ status: 'interrupted', finishedAt: now, error: 'interrupted before the round finished' })
    .where(and(eq(collectionRuns.process, process), isNull(collectionRuns.finishedAt)));
}

/** Runs still `running` whose command-line process is gone (killed, crashed, the machine restarted) become `interrupted`. */
export async function closeAbandonedRuns(db: Database, now: Date): Promise<void> {
  const open = await db
    .select({ process: collectionRuns.process })
    .from(collectionRuns)
    .where(and(isNull(collectionRuns.finishedAt), isNotNull(collectionRuns.process)));
  const gone = new Set(open.map((run) => run.process ?? '').filter((text) => {
    const identity = parseIdentity(text);
    return identity !== undefined && processState(identity) === 'gone';
  }));
  for (const process of gone) await interruptRuns(db, process, now);
}
