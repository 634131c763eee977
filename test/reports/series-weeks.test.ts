import { describe, expect, it } from 'vitest';
import { type SeriesWeeks, valueAtEndOf } from '../../reports/series-weeks.ts';

// First sampled in the week of 2026-10-05, newest sample in the week of 2026-11-23;
// the rollup has rows for the weeks of 10-05 (before the history), 10-26 and 11-09.
const series: SeriesWeeks = {
  firstWeek: '2026-10-05',
  latestWeek: '2026-11-23',
  newestValue: 900,
  points: { '2026-10-05': 100, '2026-10-26': 300, '2026-11-09': 500 },
};

describe('valueAtEndOf', () => {
  it('has no value before the week of the first sample', () => {
    expect(valueAtEndOf(series, '2026-09-28')).toBeNull();
  });

  it("is the week's own rollup row when it has one", () => {
    expect(valueAtEndOf(series, '2026-10-26')).toBe(300);
    expect(valueAtEndOf(series, '2026-11-09')).toBe(500);
  });

  it('keeps the last earlier row through weeks without a sample, the row before the history included', () => {
    expect(valueAtEndOf(series, '2026-10-12')).toBe(100);
    expect(valueAtEndOf(series, '2026-11-02')).toBe(300);
    expect(valueAtEndOf(series, '2026-11-16')).toBe(500);
  });

  it('is the newest sample from its week on, whatever the rollup holds', () => {
    expect(valueAtEndOf(series, '2026-11-23')).toBe(900);
    expect(valueAtEndOf(series, '2026-12-07')).toBe(900);
    expect(valueAtEndOf({ ...series, points: { ...series.points, '2026-11-23': 1 } }, '2026-11-23')).toBe(900);
  });
});
