import type { Database } from '../schema/db.ts';
import { type ConfiguredSeriesQuery, readConfiguredSeries } from './configured-series.ts';

export type LastValuesQuery = ConfiguredSeriesQuery;

/**
 * The newest stored figure of `metric` for each of `keys` that has one (keys as
 * configured). Two subjects under one old name: the one seen most recently holds it.
 */
export async function readLastValues(db: Database, query: LastValuesQuery): Promise<Map<string, number>> {
  const newest = new Map<string, { value: number; at: Date }>();
  for (const { key, lastValue, lastObservedAt } of await readConfiguredSeries(db, query)) {
    const seen = newest.get(key);
    if (!seen || lastObservedAt > seen.at) newest.set(key, { value: lastValue, at: lastObservedAt });
  }
  return new Map([...newest].map(([key, { value }]) => [key, value]));
}
