// A year of daily collections of `github_repo` series, loaded through the write path
// (so whatever it maintains beside `samples` — series spans, weekly rollups — holds
// what production would hold). The report and dashboard parts read the same year.
import { startRun } from '../jobs/collection-runs.ts';
import { insertSamples, writeBatch } from '../jobs/write-samples.ts';
import { DAY_MS } from '../jobs/utc-days.ts';
import type { Database } from '../schema/db.ts';
import { subjectKey } from '../schema/subject-key.ts';
import { progress, seconds, sqlRows } from './support.ts';
import { repoObservations } from './watchlist.ts';

/** stars, forks, watchers, open_issues: what `repoObservations` gives each repository. */
export const YEAR_METRICS = 4;
export const YEAR_DAYS = 365;
/** One loader per core: the write path is mostly server work, and this machine has two. */
export const LOAD_STREAMS = 2;
/**
 * Series loaded a year at a time, day by day. A group's indexes stay in memory, so
 * the load runs at the write path's small-table speed instead of slowing down as
 * a year of 10,000 series outgrows the server's cache.
 */
export const LOAD_GROUP = 1_000;
/** Collections happen at this hour (UTC) every day. */
const COLLECTED_AT_HOUR = 6;

export interface LoadedYear {
  /** Samples stored per second of the load. */
  loadRate: number;
  /** When the last day's collection ran: the newest sample of every series. */
  lastObservedAt: Date;
}

/**
 * Repositories 0 to `seriesCount - 1`, one collection per day at 06:00 UTC for the
 * `YEAR_DAYS` days up to the day before `today` (default: the current UTC day), one
 * collection run per day; `label` prefixes the progress lines.
 */
export async function loadYearOfSamples(db: Database, url: string, seriesCount: number, label: string, today = Math.floor(Date.now() / DAY_MS) * DAY_MS): Promise<LoadedYear> {
  const at = (day: number) => new Date(today - (YEAR_DAYS - day) * DAY_MS + COLLECTED_AT_HOUR * 3_600_000);
  const started = performance.now();
  const runIds: number[] = [];
  for (let day = 0; day < YEAR_DAYS; day++) runIds.push(await startRun(db, 'github-repos', 'schedule', at(day)));
  // The first day creates the subjects, as the first collection does.
  await writeBatch(db, { observations: repoObservations(0, seriesCount, 0, at(0)), failures: [], runId: runIds[0] ?? null, now: at(0) });
  const subjects = await sqlRows<{ id: string; key: string }>(url, `SELECT id, key FROM subjects WHERE kind = 'github_repo'`);
  const ids = new Map(subjects.map((row) => [subjectKey('github_repo', row.key), Number(row.id)]));
  const groups = Array.from({ length: Math.ceil(seriesCount / LOAD_GROUP) }, (_, i) => i * LOAD_GROUP);
  const groupsTotal = groups.length;
  let finished = 0;
  const stream = async () => {
    for (let first = groups.shift(); first !== undefined; first = groups.shift()) {
      const count = Math.min(LOAD_GROUP, seriesCount - first);
      for (let day = 1; day < YEAR_DAYS; day++) {
        await insertSamples(db, repoObservations(first, count, day, at(day)), ids, runIds[day] ?? null, 'observed');
      }
      const elapsed = seconds(started);
      finished++;
      progress(`${label}: loaded ${finished}/${groupsTotal} groups in ${Math.round(elapsed)} s, about ${Math.round((elapsed / finished) * (groupsTotal - finished))} s left`);
    }
  };
  await Promise.all(Array.from({ length: LOAD_STREAMS }, stream));
  const elapsed = seconds(started);
  const [count] = await sqlRows<{ n: string }>(url, 'SELECT count(*) AS n FROM samples');
  const expected = seriesCount * YEAR_METRICS * YEAR_DAYS;
  if (Number(count?.n) !== expected) throw new Error(`${label}: loaded ${count?.n} samples, expected ${expected}`);
  return { loadRate: expected / elapsed, lastObservedAt: at(YEAR_DAYS - 1) };
}

/**
 * A year of daily rounds updates each `series` row 365 times in minutes; a server's
 * autovacuum, running all along, keeps that table at its live size. This machine runs
 * Postgres with autovacuum off, so the bench compacts it once to the same end (and
 * gathers the statistics and visibility map autovacuum would have).
 */
export async function settleAfterLoad(url: string, label: string): Promise<void> {
  progress(`${label}: VACUUM FULL series, VACUUM ANALYZE`);
  await sqlRows(url, 'VACUUM FULL series');
  await sqlRows(url, 'VACUUM ANALYZE');
}
