import { DAY_MS } from './utc-days.ts';

export interface IsoWeek {
  /** "2026-W48" */
  label: string;
  /** Monday 00:00 UTC. */
  start: Date;
  /** The next Monday 00:00 UTC (exclusive end). */
  end: Date;
}

/** The ISO week containing `date` (weeks start Monday 00:00 UTC; week 1 holds January 4th). */
export function isoWeekOf(date: Date): IsoWeek {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const start = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  const thursday = new Date(start.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday = isoWeekOneMonday(year).getTime() + 3 * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS));
  return { label: `${year}-W${String(week).padStart(2, '0')}`, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** Parses "YYYY-Www"; undefined when malformed or when the year has no such week (W53 of a 52-week year). */
export function parseIsoWeek(text: string): IsoWeek | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return undefined;
  const start = new Date(isoWeekOneMonday(year).getTime() + (week - 1) * 7 * DAY_MS);
  const parsed = isoWeekOf(start);
  return parsed.label === text ? parsed : undefined;
}

/** The last ISO week that has ended by `now`. */
export function lastCompleteWeek(now: Date): IsoWeek {
  return isoWeekOf(new Date(isoWeekOf(now).start.getTime() - DAY_MS));
}

/** The week `offset` weeks from `week` (negative: earlier). */
export function shiftWeek(week: IsoWeek, offset: number): IsoWeek {
  return isoWeekOf(new Date(week.start.getTime() + offset * 7 * DAY_MS));
}

function isoWeekOneMonday(year: number): Date {
  const january4 = new Date(Date.UTC(year, 0, 4));
  return new Date(january4.getTime() - ((january4.getUTCDay() + 6) % 7) * DAY_MS);
}
