// A series' value at the end of each week of a report's history, from the weekly
// rollup as the history query reads it. Only values: the week's figures (previous
// value, delta, growth) are `weekly_metrics`' own and are never derived here.

/** What the history query reads of one series; weeks by their Mondays (YYYY-MM-DD). */
export interface SeriesWeeks {
  /** The week of the series' first sample: no value before it. */
  firstWeek: string;
  /** The week of its newest sample, whose value stands for that week and every week after. */
  latestWeek: string;
  newestValue: number;
  /**
   * The rollup's rows by week start: the last sample of each week that has one,
   * before the latest week; those inside the history, and the last one before it.
   */
  points: Record<string, number>;
}

/**
 * The last value before the week starting `weekStart` ends, as `weekly_metrics` gives
 * it; null before the series' first sample. A week without a row of its own keeps the
 * value of the last week that has one.
 */
export function valueAtEndOf(series: SeriesWeeks, weekStart: string): number | null {
  if (weekStart < series.firstWeek) return null;
  if (weekStart >= series.latestWeek) return series.newestValue;
  let latest = '';
  for (const start in series.points) if (start <= weekStart && start > latest) latest = start;
  return series.points[latest] ?? null;
}
