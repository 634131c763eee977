import type { Database } from '../schema/db.ts';
import { type ConfiguredSeriesQuery, readConfiguredSeries } from './configured-series.ts';

export interface SampledSinceQuery extends ConfiguredSeriesQuery {
  since: Date;
}

/**
 * Which of `keys` have a sample of `metric` observed at or after `since` (keys as
 * configured: current names or old ones kept as aliases), from each series' newest sample.
 */
export async function keysSampledSince(db: Database, query: SampledSinceQuery): Promise<Set<string>> {
  const series = await readConfiguredSeries(db, query);
  return new Set(series.filter((one) => one.lastObservedAt >= query.since).map((one) => one.key));
}
