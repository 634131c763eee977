import { describe, expect, it } from 'vitest';
import { weekEnds } from '../../../../jobs/sources/github/backfill-searches.ts';

const at = (iso: string) => new Date(iso);
const days = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('weekEnds', () => {
  // 2026-11-22 and 2026-11-29 are Sundays; 2026-11-30 a Monday.
  it('lists the Sundays from the first on or after `since` to the end of the last complete ISO week', () => {
    expect(days(weekEnds(at('2026-11-10T00:00:00Z'), at('2026-11-30T12:00:00Z')))).toEqual([
      '2026-11-15T00:00:00.000Z',
      '2026-11-22T00:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
    ]);
    // A Sunday `since` is its own first week end.
    expect(days(weekEnds(at('2026-11-22T00:00:00Z'), at('2026-11-30T12:00:00Z')))).toEqual([
      '2026-11-22T00:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
    ]);
  });

  it('leaves out the week still running: a Sunday is a week end only once its Monday has begun', () => {
    expect(days(weekEnds(at('2026-11-10T00:00:00Z'), at('2026-11-29T23:59:59.999Z')))).toEqual([
      '2026-11-15T00:00:00.000Z',
      '2026-11-22T00:00:00.000Z',
    ]);
    expect(days(weekEnds(at('2026-11-10T00:00:00Z'), at('2026-11-30T00:00:00Z')))).toEqual([
      '2026-11-15T00:00:00.000Z',
      '2026-11-22T00:00:00.000Z',
      '2026-11-29T00:00:00.000Z',
    ]);
  });

  it('runs across a new year and is empty when `since` is after the last complete week', () => {
    expect(days(weekEnds(at('2026-12-20T00:00:00Z'), at('2027-01-05T09:00:00Z')))).toEqual([
      '2026-12-20T00:00:00.000Z',
      '2026-12-27T00:00:00.000Z',
      '2027-01-03T00:00:00.000Z',
    ]);
    expect(weekEnds(at('2026-11-30T00:00:00Z'), at('2026-12-02T00:00:00Z'))).toEqual([]);
  });
});
