// A series' figures week by week, from what the report reads of it: its newest sample
// (the figure of its latest week and of every week after) and the rollup's last sample
// of each earlier week. The same rules as the `weekly_metrics` view, in memory.

export interface SeriesReading {
  /** Monday (YYYY-MM-DD) of the week of the series' first sample, and of its newest. */
  firstWeek: string;
  latestWeek: string;
  newest: Sample;
  /**
   * The rollup's weeks up to the report's week and before the latest week, newest
   * first, back to the first history week (or the last one before it).
   */
  weeks: { weekStart: string; value: number }[];
  /** The newest of `weeks` as sampled: the report's week figure when it is a rollup week. */
  newestWeek: Sample | null;
}

export interface Sample {
  value: number;
  observedAt: Date;
  origin: string;
}

/** The last value before the week starting `start` (YYYY-MM-DD) ends, or null before the series' first sample. */
export function valueAt(series: SeriesReading, start: string): number | null {
  if (start < series.firstWeek) return null;
  if (start >= series.latestWeek) return series.newest.value;
  return series.weeks.find((point) => point.weekStart <= start)?.value ?? null;
}

export interface WeekFigure {
  value: number;
  previousValue: number | null;
  delta: number | null;
  growthPct: number | null;
  observedAt: Date;
  reconstructed: boolean;
}

/**
 * The figure of the report's week (the newest of `series.weeks` or later), as
 * `weekly_metrics` gives it; weeks by their Mondays (YYYY-MM-DD).
 */
export function figureOf(series: SeriesReading, start: string, previousStart: string): WeekFigure | null {
  if (start < series.firstWeek) return null;
  const current = start >= series.latestWeek ? series.newest : series.newestWeek;
  if (!current) return null;
  const previousValue = valueAt(series, previousStart);
  return {
    value: current.value,
    previousValue,
    delta: previousValue === null ? null : current.value - previousValue,
    growthPct: growthPct(current.value, previousValue),
    observedAt: current.observedAt,
    reconstructed: current.origin === 'backfill',
  };
}

/**
 * round(100 * (value - previous) / previous, 2) exactly as Postgres' numeric does it
 * (halves away from zero), in integers: floating point would round 1.005 down.
 */
export function growthPct(value: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  const numerator = BigInt(value - previous) * 10_000n;
  const denominator = BigInt(previous);
  let hundredths = numerator / denominator;
  const remainder = numerator % denominator;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (2n * abs(remainder) >= abs(denominator)) hundredths += numerator < 0n !== denominator < 0n ? -1n : 1n;
  return Number(hundredths) / 100;
}
