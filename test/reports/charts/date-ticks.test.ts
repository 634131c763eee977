import { describe, expect, it } from 'vitest';
import { AXIS_CHAR_WIDTH, dateTicks, dayCountTicks, dayNumber, labelsFit, labelWidth, thinLabels, type AxisTick } from '../../../reports/charts/date-ticks.ts';

/** An axis `width` px wide over the days lo..hi. */
const axis = (lo: number, hi: number, width: number) => (at: number) => ((at - lo) / (hi - lo)) * width;
const day = dayNumber;
const labels = (ticks: AxisTick[]) => ticks.map((t) => (t.sub ? `${t.label}/${t.sub}` : t.label));

describe('dayNumber', () => {
  it('counts UTC days since 1970-01-01', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(day('1970-01-05')).toBe(4);
    expect(day('2026-03-01') - day('2026-02-28')).toBe(1);
    expect(day('2024-03-01') - day('2024-02-28')).toBe(2);
  });

  it('refuses days that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '', 'yesterday']) expect(() => day(bad), bad).toThrow(RangeError);
  });
});

describe('dateTicks', () => {
  it('labels days on a short span, the year under the first', () => {
    const [lo, hi] = [day('2026-02-27'), day('2026-03-03')];
    expect(labels(dateTicks(lo, hi, axis(lo, hi, 600)))).toEqual(['Feb 27/2026', 'Feb 28', 'Mar 1', 'Mar 2', 'Mar 3']);
  });

  it('puts weekly ticks on Mondays and the year under the first tick of a new year', () => {
    const [lo, hi] = [day('2025-12-01'), day('2026-02-01')];
    const ticks = dateTicks(lo, hi, axis(lo, hi, 600));
    expect(ticks.every((t) => new Date(t.at * 86_400_000).getUTCDay() === 1)).toBe(true);
    expect(labels(ticks)).toEqual(['Dec 1/2025', 'Dec 8', 'Dec 15', 'Dec 22', 'Dec 29', 'Jan 5/2026', 'Jan 12', 'Jan 19', 'Jan 26']);
  });

  it('labels months by name, January by its year, and the first month with its year', () => {
    const [lo, hi] = [day('2025-06-10'), day('2026-05-20')];
    expect(labels(dateTicks(lo, hi, axis(lo, hi, 900)))).toEqual(['Jul/2025', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', '2026', 'Feb', 'Mar', 'Apr', 'May']);
    expect(labels(dateTicks(lo, hi, axis(lo, hi, 300)))).toEqual(['Jul/2025', 'Sep', 'Nov', '2026', 'Mar', 'May']);
  });

  it('labels years on a span of years, every few when room is short', () => {
    const [lo, hi] = [day('2015-03-01'), day('2026-03-01')];
    expect(labels(dateTicks(lo, hi, axis(lo, hi, 700)))).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    // 18 px a year: every second year would put 28 px labels 36 px apart, less than 28 + 14.
    expect(labels(dateTicks(lo, hi, axis(lo, hi, 200)))).toEqual(['2020', '2025']);
  });

  it('keeps every label apart on any width, thinning as a last resort', () => {
    for (const width of [40, 90, 200, 500, 1400]) {
      for (const span of [1, 6, 30, 200, 800, 5000, 40_000]) {
        const x = axis(0, span, width);
        expect(labelsFit(dateTicks(0, span, x), x), `${span} days at ${width} px`).toBe(true);
      }
    }
  });
});

describe('dayCountTicks', () => {
  it('steps by round day counts that fit', () => {
    expect(labels(dayCountTicks(700, axis(0, 700, 500)))).toEqual(['day 0', 'day 90', 'day 180', 'day 270', 'day 360', 'day 450', 'day 540', 'day 630']);
    expect(labels(dayCountTicks(20, axis(0, 20, 500)))).toEqual(['day 0', 'day 5', 'day 10', 'day 15', 'day 20']);
  });
});

describe('labelsFit and thinLabels', () => {
  const tick = (at: number, label: string): AxisTick => ({ at, label });
  const x = (at: number) => at;

  it('measure ~7 px a character, the wider of label and year line', () => {
    expect(labelWidth(tick(0, 'Mar'))).toBe(3 * AXIS_CHAR_WIDTH);
    expect(labelWidth({ at: 0, label: 'Mar', sub: '2026' })).toBe(4 * AXIS_CHAR_WIDTH);
  });

  it('require half of each label plus a gap between centres', () => {
    // Two 21 px labels need 21 + 14 px between centres.
    expect(labelsFit([tick(0, 'Mar'), tick(35, 'Apr')], x)).toBe(true);
    expect(labelsFit([tick(0, 'Mar'), tick(34, 'Apr')], x)).toBe(false);
  });

  it('drop the labels that would touch the last one kept', () => {
    const ticks = [tick(0, 'aaa'), tick(20, 'bbb'), tick(40, 'ccc'), tick(60, 'ddd'), tick(80, 'eee')];
    expect(thinLabels(ticks, x).map((t) => t.label)).toEqual(['aaa', 'ccc', 'eee']);
  });
});
