// The value (y) axis of a time chart, linear or logarithmic, as ticks and a 0..1 position.
import { formatCompact } from '../format.ts';
import { logTicks } from './log-ticks.ts';
import { niceTicks, tickFormatter } from './scale.ts';

export interface ValueAxis {
  ticks: { value: number; label: string }[];
  /** 0 at the bottom of the axis, 1 at the top. */
  position: (value: number) => number;
}

/**
 * Linear: the range hugs the data (not forced to zero), since the gap between lines is what
 * the chart shows. Log: `values` must all be > 0 (the caller drops the rest).
 */
export function valueAxis(values: number[], scale: 'linear' | 'log'): ValueAxis {
  const [min, max] = extent(values);
  if (scale === 'log') {
    const ticks = logTicks(min, max);
    const [lo, hi] = [Math.log10(ticks.lo), Math.log10(ticks.hi)];
    return {
      ticks: ticks.values.map((value) => ({ value, label: formatCompact(value) })),
      position: (value) => (Math.log10(value) - lo) / (hi - lo),
    };
  }
  let ticks = niceTicks(min, max);
  // Counts move in whole units: 16.5 forks is no tick to read. Fewer, whole steps instead.
  if (ticks.step < 1 && values.every(Number.isInteger)) ticks = niceTicks(min, max, Math.max(1, Math.round(ticks.hi - ticks.lo)));
  const label = tickFormatter(ticks);
  return {
    ticks: ticks.values.map((value) => ({ value, label: label(value) })),
    position: (value) => (value - ticks.lo) / (ticks.hi - ticks.lo),
  };
}

/** [min, max] of a non-empty list, by a loop: `Math.min(...values)` overflows the stack past ~100k values. */
export function extent(values: number[]): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (const value of values) [min, max] = [Math.min(min, value), Math.max(max, value)];
  return [min, max];
}
