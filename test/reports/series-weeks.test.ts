import { describe, expect, it } from 'vitest';
import { growthPct } from '../../reports/series-weeks.ts';

describe('growthPct', () => {
  it("rounds halves away from zero, as Postgres' round(numeric, 2) does", () => {
    expect(growthPct(100_125, 100_000)).toBe(0.13); // 0.125
    expect(growthPct(99_875, 100_000)).toBe(-0.13); // -0.125
    expect(growthPct(100_124, 100_000)).toBe(0.12);
    expect(growthPct(6_200, 5_800)).toBe(6.9); // 6.8965…
    expect(growthPct(1_005, 1_000)).toBe(0.5);
  });

  it('has no growth from nothing or from zero', () => {
    expect(growthPct(10, null)).toBeNull();
    expect(growthPct(10, 0)).toBeNull();
  });
});
