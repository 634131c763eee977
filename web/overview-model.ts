import type { Config } from '../config/config.ts';
import type { IsoWeek } from '../jobs/iso-week.ts';
import { loadReport } from '../reports/write-report.ts';
import type { Report } from '../reports/report.ts';
import type { Database } from '../schema/db.ts';
import { type LastRun, readDataVersion, readFirstFigureAt, readLastRuns } from './queries.ts';
import type { Reader } from './read-only.ts';

export interface OverviewModel {
  report: Report;
  lastRuns: LastRun[];
  /** When the oldest figure in the database was taken (ISO); null when there is none. */
  firstFigureAt: string | null;
}

/**
 * The overview's figures are the weekly report of the week shown: its comparisons,
 * movers, spikes and rows, so the dashboard and the files never disagree. Building
 * it reads every series, so it is kept until the data changes (a run starts or
 * ends, a sample is written) or the week does; a page view then costs one small
 * statement.
 */
export function overviewLoader(db: Database, read: Reader, config: Config): (week: IsoWeek, now: Date) => Promise<OverviewModel> {
  let cached: { key: string; model: Promise<OverviewModel> } | undefined;
  return async (week, now) => {
    // The week so far changes with the clock too (the views' current week ends at now()).
    const key = `${await read(readDataVersion)}|${week.label}|${now.getTime() >= week.end.getTime() ? 'complete' : 'current'}`;
    if (cached?.key !== key) {
      const model = (async () => ({
        report: await loadReport(db, config, week, now),
        ...(await read(async (tx) => ({ lastRuns: await readLastRuns(tx), firstFigureAt: await readFirstFigureAt(tx) }))),
      }))();
      cached = { key, model };
      // A failed build must not be served from the cache.
      model.catch(() => {
        if (cached?.model === model) cached = undefined;
      });
    }
    return cached.model;
  };
}
