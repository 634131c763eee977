import { describe, expect, it } from 'vitest';
import { logTicks } from '../../../reports/charts/log-ticks.ts';

describe('logTicks', () => {
  it('gives the powers of ten inside a range of three decades or more, hugging the data on 1–2–5', () => {
    expect(logTicks(10, 100_000)).toEqual({ lo: 10, hi: 100_000, values: [10, 100, 1_000, 10_000, 100_000] });
    expect(logTicks(40, 136_000)).toEqual({ lo: 20, hi: 200_000, values: [100, 1_000, 10_000, 100_000] });
  });

  it('adds 2 and 5 between the powers on fewer than three decades', () => {
    expect(logTicks(2_000, 9_000)).toEqual({ lo: 2_000, hi: 10_000, values: [2_000, 5_000, 10_000] });
    expect(logTicks(30, 4_000)).toEqual({ lo: 20, hi: 5_000, values: [20, 50, 100, 200, 500, 1_000, 2_000, 5_000] });
  });

  it('uses every multiple of the power where 1–2–5 would leave two ticks', () => {
    expect(logTicks(22_000, 38_000)).toEqual({ lo: 20_000, hi: 40_000, values: [20_000, 30_000, 40_000] });
    expect(logTicks(150, 450).values).toEqual([100, 200, 500]);
  });

  it('gives exact decimals below one', () => {
    expect(logTicks(0.003, 0.04).values).toEqual([0.002, 0.005, 0.01, 0.02, 0.05]);
    expect(logTicks(0.001, 1).values).toEqual([0.001, 0.01, 0.1, 1]);
  });

  it('gives a flat series a range to sit in', () => {
    expect(logTicks(100, 100)).toEqual({ lo: 100, hi: 200, values: [100, 200] });
    expect(logTicks(1, 1)).toEqual({ lo: 1, hi: 2, values: [1, 2] });
  });

  it('labels every second or third power past maxTicks', () => {
    expect(logTicks(1, 1e12).values).toEqual([1, 100, 1e4, 1e6, 1e8, 1e10, 1e12]);
    expect(logTicks(1, 1e6, 4).values).toEqual([1, 100, 1e4, 1e6]);
  });

  it('refuses values at or below zero', () => {
    expect(() => logTicks(0, 10)).toThrow(RangeError);
    expect(() => logTicks(-1, 10)).toThrow(RangeError);
    expect(() => logTicks(10, 1)).toThrow(RangeError);
    expect(() => logTicks(1, Infinity)).toThrow(RangeError);
  });
});
