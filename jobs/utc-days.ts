// UTC day arithmetic of the backfills, and the day form the APIs take (`2026-06-01`).
/** A day in milliseconds: JavaScript time has no leap seconds, so every UTC day is this long. */
export const DAY_MS = 86_400_000;

export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** `2026-06-01` as its UTC midnight; undefined when the text is not such a day of the calendar (`2026-02-30`). */
export function parseUtcDay(text: string): Date | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) && isoDate(date) === text ? date : undefined;
}

export const startOfUtcDay = (date: Date): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** Backfilled figures stand for the end of their UTC day (23:59:59.999). */
export const endOfUtcDay = (day: Date): Date => new Date(startOfUtcDay(day).getTime() + DAY_MS - 1);

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** Every UTC day from `from` up to, not including, `until`. */
export function daysBetween(from: Date, until: Date): Date[] {
  const days: Date[] = [];
  for (let day = startOfUtcDay(from); day < until; day = addDays(day, 1)) days.push(day);
  return days;
}
