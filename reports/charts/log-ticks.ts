// Ticks of a logarithmic value axis: powers of ten, with 2 and 5 between them on short ranges.

export interface LogTicks {
  /** The axis range, both ends on a tick value. */
  lo: number;
  hi: number;
  values: number[];
}

/** 10^k, computed as 1 / 10^-k below one so 10^-2 is 0.01 and not 0.010000000000000002. */
const power = (k: number) => (k >= 0 ? 10 ** k : 1 / 10 ** -k);

/**
 * Ticks covering [min, max], both > 0. The range hugs the data on 1–2–5 steps (20 to
 * 200k, not 10 to 1M: a decade of empty plot would squeeze the lines). Three decades or
 * more get the powers of ten inside it (every second or third past `maxTicks`, so labels
 * stay apart on a short axis); fewer get the 1–2–5 steps too (2k, 5k, 10k), since two
 * decades with two ticks would say little.
 */
export function logTicks(min: number, max: number, maxTicks = 8): LogTicks {
  if (!(min > 0) || !Number.isFinite(max) || max < min) throw new RangeError(`bad log tick range ${min}..${max}`);
  let low = Math.floor(Math.log10(min));
  // Math.log10 may land a hair off for exact powers (log10(1e-3) is -2.9999999999999996).
  while (power(low) > min) low--;
  while (power(low + 1) <= min) low++;
  let high = Math.ceil(Math.log10(max));
  while (power(high) < max) high++;
  while (power(high - 1) >= max) high--;
  if (high === low) high++;

  const steps: number[] = [];
  // m / 10^-k rather than m × 10^k below one: 5 × 0.01 is 0.05000000000000001.
  for (let k = low; k <= high; k++) steps.push(...[1, 2, 5].map((m) => (k >= 0 ? m * power(k) : m / 10 ** -k)));
  const lo = steps.filter((v) => v <= min).at(-1) ?? power(low);
  let hi = steps.find((v) => v >= max) ?? power(high);
  // A flat series (min === max on a step) still needs a range to sit in.
  if (hi === lo) hi = steps.find((v) => v > lo) ?? power(high);
  // Measured on the hugged range: 30..4000 spans 20..5k, under three decades.
  if (Math.log10(hi / lo) < 3 - 1e-9) {
    const values = steps.filter((v) => v >= lo && v <= hi);
    // 1–2–5 within a decade can leave two ticks (20k, 50k): every multiple of the power instead.
    return values.length >= 3 ? { lo, hi, values } : withinDecade(min, max, low, high);
  }

  const powers: number[] = [];
  for (let k = low; k <= high; k++) if (power(k) >= lo && power(k) <= hi) powers.push(power(k));
  const stride = Math.ceil(powers.length / maxTicks);
  return { lo, hi, values: powers.filter((_, i) => i % stride === 0) };
}

/** Ticks 1×, 2×, … 9× each power of ten in [low, high], hugging [min, max]. */
function withinDecade(min: number, max: number, low: number, high: number): LogTicks {
  const steps: number[] = [];
  for (let k = low; k <= high; k++) for (let m = 1; m <= 9; m++) steps.push(k >= 0 ? m * power(k) : m / 10 ** -k);
  steps.push(power(high + 1));
  const lo = steps.filter((v) => v <= min).at(-1) ?? power(low);
  let hi = steps.find((v) => v >= max) ?? power(high + 1);
  if (hi === lo) hi = steps.find((v) => v > lo) ?? power(high + 1);
  return { lo, hi, values: steps.filter((v) => v >= lo && v <= hi) };
}
