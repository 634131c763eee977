import { describe, expect, it } from 'vitest';
import { rollingWindows } from '../../../../jobs/sources/npm/backfill-npm.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const byDay = (windows: { day: Date; last7: number; last30: number }[]) =>
  Object.fromEntries(windows.map(({ day: d, last7, last30 }) => [d.toISOString().slice(0, 10), { last7, last30 }]));

describe('rollingWindows', () => {
  it('sums the 7 and 30 days ending on each day, counting days npm left out as 0', () => {
    const daily = new Map([
      ['2025-12-08', 10_000], // 30 days before 01-07: just outside its 30-day window
      ['2025-12-09', 1_000], // 01-07's 30-day window starts here
      ['2026-01-01', 100],
      ['2026-01-05', 10],
      ['2026-01-08', 1],
      ['2026-01-09', 5_000], // after the range: in no window
    ]);
    expect(byDay(rollingWindows(daily, day('2026-01-07'), day('2026-01-09')))).toEqual({
      '2026-01-07': { last7: 110, last30: 1_110 }, // 01-01..01-07; 12-09..01-07
      '2026-01-08': { last7: 11, last30: 111 }, // 01-02..01-08; 12-10..01-08
    });
  });

  it('counts calendar days across February 29th', () => {
    const daily = new Map([
      ['2028-01-31', 8], // 30 days before 03-01 (2028 is a leap year): out
      ['2028-02-01', 16],
      ['2028-02-23', 1], // 7 days before 03-01: out of the week
      ['2028-02-24', 2],
      ['2028-02-29', 4],
    ]);
    expect(byDay(rollingWindows(daily, day('2028-03-01'), day('2028-03-02')))).toEqual({
      '2028-03-01': { last7: 6, last30: 23 },
    });
  });

  it('gives a window of zeros to a range npm has no figures for, and no window to an empty range', () => {
    expect(byDay(rollingWindows(new Map(), day('2026-03-01'), day('2026-03-03')))).toEqual({
      '2026-03-01': { last7: 0, last30: 0 },
      '2026-03-02': { last7: 0, last30: 0 },
    });
    expect(rollingWindows(new Map([['2026-03-01', 3]]), day('2026-03-01'), day('2026-03-01'))).toEqual([]);
  });
});
