// Ticks of a time axis counted in UTC days: the step is picked by the span and the room,
// finest first (days → weeks → months → years), and labels are thinned so none overlap.

export interface AxisTick {
  /** Position on the axis: a day number (days since 1970-01-01) or a count of days. */
  at: number;
  label: string;
  /** A second line under the label: the year, where it is not otherwise shown. */
  sub?: string;
}

/** The label width estimate at 12 px: ~7 px a character covers digits and capitals. */
export const AXIS_CHAR_WIDTH = 7;
/** Air between two neighbouring labels, so a row of them reads as separate words. */
export const AXIS_LABEL_GAP = 14;

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 of a `YYYY-MM-DD` UTC day; throws on anything else, as a caller's bug. */
export function dayNumber(t: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const ms = Date.UTC(year, month - 1, day);
  if (!match || new Date(ms).getUTCMonth() !== month - 1 || new Date(ms).getUTCDate() !== day) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(t)}`);
  return ms / DAY_MS;
}

export function labelWidth(tick: AxisTick): number {
  return Math.max(tick.label.length, tick.sub?.length ?? 0) * AXIS_CHAR_WIDTH;
}

/**
 * Whether every label keeps its distance from the next. `x` maps `at` to pixels; labels
 * are centred on their tick.
 */
export function labelsFit(ticks: AxisTick[], x: (at: number) => number): boolean {
  return ticks.every((tick, i) => {
    const next = ticks[i + 1];
    return !next || x(next.at) - x(tick.at) >= (labelWidth(tick) + labelWidth(next)) / 2 + AXIS_LABEL_GAP;
  });
}

/** Left to right, drops any label that would touch the last one kept: the last resort of a very narrow axis. */
export function thinLabels(ticks: AxisTick[], x: (at: number) => number): AxisTick[] {
  const kept: AxisTick[] = [];
  for (const tick of ticks) {
    const last = kept.at(-1);
    if (!last || labelsFit([last, tick], x)) kept.push(tick);
  }
  return kept;
}

interface Candidate {
  /** About how many days one step is, to skip steps that cannot fit before building them. */
  days: number;
  build: (lo: number, hi: number) => AxisTick[];
}

/** The first candidate whose labels fit, else the coarsest one thinned. */
function choose(candidates: Candidate[], lo: number, hi: number, x: (at: number) => number): AxisTick[] {
  const room = Math.abs(x(hi) - x(lo));
  let ticks: AxisTick[] = [];
  for (const candidate of candidates) {
    // Every label is at least three characters wide.
    if (((hi - lo) / candidate.days) * (3 * AXIS_CHAR_WIDTH + AXIS_LABEL_GAP) > room + 3 * AXIS_CHAR_WIDTH) continue;
    ticks = candidate.build(lo, hi);
    if (labelsFit(ticks, x)) return ticks;
  }
  return thinLabels(ticks.length ? ticks : (candidates.at(-1)?.build(lo, hi) ?? []), x);
}

const utc = (day: number) => new Date(day * DAY_MS);

/** Every `step` days, on days aligned to `phase`, so the ticks do not move as the data grows. */
function everyDays(step: number, phase: number): Candidate {
  return {
    days: step,
    build: (lo, hi) => {
      const ticks: AxisTick[] = [];
      let previousYear: number | undefined;
      for (let day = Math.ceil((lo - phase) / step) * step + phase; day <= hi; day += step) {
        const date = utc(day);
        const year = date.getUTCFullYear();
        ticks.push({ at: day, label: `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`, ...(year !== previousYear && { sub: String(year) }) });
        previousYear = year;
      }
      return ticks;
    },
  };
}

/** The first of every `step`-th month; January reads as its year ("2026"), and the first tick carries one too. */
function everyMonths(step: number): Candidate {
  return {
    days: step * 30.4,
    build: (lo, hi) => {
      const start = utc(lo);
      const ticks: AxisTick[] = [];
      for (let m = start.getUTCFullYear() * 12 + start.getUTCMonth(); ; m++) {
        const day = Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY_MS;
        if (day > hi) break;
        if (day < lo || (m % 12) % step !== 0) continue;
        const year = String(Math.floor(m / 12));
        const january = m % 12 === 0;
        ticks.push({ at: day, label: january ? year : (MONTHS[m % 12] ?? ''), ...(!january && !ticks.length && { sub: year }) });
      }
      return ticks;
    },
  };
}

function everyYears(step: number): Candidate {
  return {
    days: step * 365.25,
    build: (lo, hi) => {
      const ticks: AxisTick[] = [];
      for (let year = Math.ceil(utc(lo).getUTCFullYear() / step) * step; ; year += step) {
        const day = Date.UTC(year, 0, 1) / DAY_MS;
        if (day > hi) break;
        if (day >= lo) ticks.push({ at: day, label: String(year) });
      }
      return ticks;
    },
  };
}

/** 1970-01-05 was a Monday: weeks start on Mondays, as ISO weeks (the report's) do. */
const MONDAY = 4;
const DATE_CANDIDATES: Candidate[] = [
  everyDays(1, 0),
  everyDays(2, 0),
  everyDays(7, MONDAY),
  everyDays(14, MONDAY),
  ...[1, 2, 3, 6].map(everyMonths),
  ...[1, 2, 5, 10, 20, 50, 100].map(everyYears),
];

/** Ticks for the day numbers lo..hi drawn by `x`. */
export function dateTicks(lo: number, hi: number, x: (day: number) => number): AxisTick[] {
  return choose(DATE_CANDIDATES, lo, hi, x);
}

/** Steps of a "days since start" axis: round counts a reader can add up (a week, a month, a quarter, a year). */
const COUNT_STEPS = [1, 2, 5, 7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650];

/** Ticks "day 0", "day 30", … for the day counts 0..hi. */
export function dayCountTicks(hi: number, x: (days: number) => number): AxisTick[] {
  const candidates = COUNT_STEPS.map(
    (step): Candidate => ({
      days: step,
      build: (from, to) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => ({ at: from + i * step, label: `day ${from + i * step}` })),
    }),
  );
  return choose(candidates, 0, hi, x);
}
