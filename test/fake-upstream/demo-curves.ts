// Growth curves for the demo world. Every figure comes from a cumulative count over
// time (stars held, repositories created, downloads so far), so a live figure, a
// 30-day window, a daily count and a star history read off one curve always agree.
// Curves are plain functions of epoch ms: the world moves when its clock does.

export const DAY_MS = 86_400_000;

/** A cumulative count at epoch ms `t`: non-decreasing, 0 up to the curve's start. */
export type Curve = (t: number) => number;

/** How a subject grows, by days `x` since it appeared; magnitudes only matter relative to each other. */
interface Shape {
  /** Launch interest: `burst` in total, decaying over `burstDays`. */
  burst: number;
  burstDays: number;
  /** A steady trickle per day. */
  perDay: number;
  /** Growth of the daily rate per day (the rate rises linearly). */
  acceleration: number;
  /** A second wave: `size` in total, its steepest `daysAfterReference` after the reference day. */
  wave?: { size: number; daysAfterReference: number; days: number };
}

/**
 * Cycled by watchlist position, so neighbours grow differently. Over the last year:
 * flat after a launch, accelerating, fading (a falling daily rate), steady, and a late
 * second wave, still gathering pace at the reference day.
 */
const SHAPES: readonly Shape[] = [
  { burst: 600, burstDays: 45, perDay: 0.3, acceleration: 0 },
  { burst: 100, burstDays: 30, perDay: 0.1, acceleration: 0.0004 },
  { burst: 900, burstDays: 400, perDay: 0.1, acceleration: 0 },
  { burst: 100, burstDays: 20, perDay: 0.65, acceleration: 0 },
  { burst: 50, burstDays: 30, perDay: 0.6, acceleration: 0, wave: { size: 700, daysAfterReference: 30, days: 60 } },
];

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** The shape for watchlist position `position`, starting at `start`, worth 1 at `reference`: scale it. */
export function shapedCurve(position: number, start: number, reference: number): Curve {
  const shape = SHAPES[position % SHAPES.length]!;
  const referenceDay = (reference - start) / DAY_MS;
  const wave = shape.wave;
  const waveAt = (x: number) => (wave ? wave.size * logistic((x - referenceDay - wave.daysAfterReference) / wave.days) : 0);
  const raw: Curve = (t) => {
    const x = (t - start) / DAY_MS;
    return shape.burst * (1 - Math.exp(-x / shape.burstDays)) + shape.perDay * x + shape.acceleration * x * x + waveAt(x);
  };
  return fromStart(start, scaled(raw, 1 / (raw(reference) - raw(start))));
}

/** Grows by the same amount every day from `start`; worth 1 at `reference`. */
export function steadyCurve(start: number, reference: number): Curve {
  return (t) => Math.max(0, (t - start) / (reference - start));
}

/** A sudden jump of `size`, over about a day around `centre`: a launch post, a trending day. */
export function spike(centre: number, size: number): Curve {
  return (t) => size * logistic((t - centre) / (DAY_MS / 4));
}

export function sum(...curves: Curve[]): Curve {
  return (t) => curves.reduce((total, curve) => total + curve(t), 0);
}

export function scaled(curve: Curve, factor: number): Curve {
  return (t) => factor * curve(t);
}

/** 0 up to `start`, and counted from there (a spike long before is not carried in). */
export function fromStart(start: number, curve: Curve): Curve {
  const offset = curve(start);
  return (t) => (t <= start ? 0 : curve(t) - offset);
}

/** Whole units gained in [from, until): whole counts of one curve always add up. */
export const gained = (curve: Curve, from: number, until: number): number => Math.floor(curve(until)) - Math.floor(curve(from));

/** What a curve gains in the `days` days before `t` (a rolling window: last 30 days' downloads). */
export const windowBefore = (curve: Curve, t: number, days: number): number => curve(t) - curve(t - days * DAY_MS);

/** A fixed number in [0, 1) for a position and a salt: the same watchlist gives the same world. */
export function jitter(position: number, salt: number): number {
  let h = Math.imul(position + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

/**
 * A plausible figure for a watchlist position: `top` for the first, `decay` times less
 * for each next one, ±8 %. With decay ≤ 0.85, earlier positions always get more.
 */
export const magnitude = (position: number, top: number, decay: number, salt: number): number =>
  top * decay ** position * (0.92 + 0.16 * jitter(position, salt));
