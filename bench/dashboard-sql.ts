// The SQL each measured dashboard route sends, without HTTP: the routes' own query
// functions in the read-only transaction the routes open, timed one run after another.
import type { SeriesRef } from '../config/config-series.ts';
import { isoWeekOf } from '../jobs/iso-week.ts';
import { DAY_MS, isoDate } from '../jobs/utc-days.ts';
import type { Database } from '../schema/db.ts';
import { readComparedSeries } from '../web/compared-series.ts';
import { readDataVersion, readDayPoints, readWeekPoints } from '../web/queries.ts';
import { readOnly } from '../web/read-only.ts';
import { resolveSeries } from '../web/resolve-series.ts';
import { medianMs } from './http-load.ts';

export type RouteSql = 'day' | 'week' | 'embed' | 'badge' | 'overview';

/** Median ms of `runs` sequential runs of a route's statements; `keyAt(n)` is the repository the n-th run reads. */
export async function timeRouteSql(db: Database, route: RouteSql, now: Date, keyAt: (n: number) => string, runs: number): Promise<number> {
  const stars = (n: number): SeriesRef => ({ kind: 'github_repo', key: keyAt(n + 1), metric: 'stars' });
  const yearFrom = isoDate(new Date(now.getTime() - 364 * DAY_MS));
  const weekStart = isoDate(isoWeekOf(now).start);
  const statements: Record<RouteSql, (tx: Database, n: number) => Promise<unknown>> = {
    day: async (tx, n) => {
      const { subject, metric } = await resolveSeries(tx, stars(n));
      return readDayPoints(tx, subject.id, metric, {});
    },
    week: async (tx, n) => {
      const { subject, metric } = await resolveSeries(tx, stars(n));
      return readWeekPoints(tx, subject, metric, {});
    },
    embed: (tx, n) => readComparedSeries(tx, [stars(n), stars(n + 1)], 'day', { from: yearFrom }, 'date'),
    badge: async (tx, n) => {
      const { subject, metric } = await resolveSeries(tx, stars(n));
      return readWeekPoints(tx, subject, metric, { from: weekStart });
    },
    // What a page view costs once the model is built: the data version it is keyed on.
    overview: (tx) => readDataVersion(tx),
  };
  return medianMs(runs, (n) => readOnly(db, (tx) => statements[route](tx, n)));
}
