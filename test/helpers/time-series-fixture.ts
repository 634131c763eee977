// Series for the time chart tests: straight climbs, so every figure on the chart is predictable.
import type { TimeSeries } from '../../reports/charts/time-chart.ts';

const DAY_MS = 86_400_000;

export const dayAfter = (start: string, days: number) => new Date(Date.parse(start) + days * DAY_MS).toISOString().slice(0, 10);

/** A straight climb from `from` to `to` over `days`, a point every `every` days; the first `backfillDays` backfilled. */
export function ramp(label: string, start: string, days: number, from: number, to: number, { every = 1, backfillDays = 0 } = {}): TimeSeries {
  const points = [];
  for (let i = 0; i <= days; i += every) points.push({ t: dayAfter(start, i), value: from + ((to - from) * i) / Math.max(days, 1), backfill: i < backfillDays });
  return { label, points };
}
