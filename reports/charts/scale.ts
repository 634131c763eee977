// Axis arithmetic for the report's SVG charts: "nice" tick values and short labels.

export interface Ticks {
  /** The axis range: the first tick at or below the data, the last at or above it. */
  lo: number;
  hi: number;
  step: number;
  values: number[];
}

/**
 * About `count` evenly spaced ticks on steps of 1, 2 or 5 × 10^n covering [min, max]
 * (the d3 `ticks` rule). Steps of that form let every label be exact with a fixed number
 * of decimals, which `formatTick` relies on.
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) throw new RangeError(`bad tick range ${min}..${max}`);
  if (min === max) {
    // A flat line still needs a range to sit in; keep it above zero for counts.
    const pad = Math.max(1, Math.abs(min) * 0.05);
    [min, max] = [min >= 0 ? Math.max(0, min - pad) : min - pad, max + pad];
  }
  const raw = (max - min) / count;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  // Thresholds at the geometric means of 1, 2, 5, 10: pick the closest nice step.
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  // Multiples of 10^-k are computed as integer / 10^k, so 3 × 0.1 gives 0.3, not 0.30000000000000004.
  const at = (k: number) => (power >= 0 ? k * factor * 10 ** power : (k * factor) / 10 ** -power);
  const inSteps = (value: number) => (power >= 0 ? value / (factor * 10 ** power) : (value * 10 ** -power) / factor);
  const first = Math.floor(inSteps(min) + 1e-9);
  const last = Math.ceil(inSteps(max) - 1e-9);
  const values = Array.from({ length: last - first + 1 }, (_, i) => at(first + i));
  return { lo: at(first), hi: at(last), step: at(1), values };
}

const UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Short axis labels: 6200 → "6.2k", 1_200_000 → "1.2M". One unit for the whole axis (the
 * largest tick's) and as many decimals as the step needs, so adjacent labels never read alike.
 */
export function tickFormatter(ticks: Ticks): (value: number) => string {
  const largest = Math.max(Math.abs(ticks.lo), Math.abs(ticks.hi));
  const [divisor, suffix] = UNITS.find(([size]) => largest >= size) ?? [1, ''];
  const decimals = Math.max(0, -Math.floor(Math.log10(ticks.step / divisor) + 1e-9));
  return (value) => (value === 0 ? '0' : `${(value / divisor).toFixed(decimals)}${suffix}`);
}
