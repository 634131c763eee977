import { describe, expect, it } from 'vitest';
import { valueAxis } from '../../../reports/charts/value-axis.ts';

describe('valueAxis', () => {
  it('hugs the data on a linear axis, labelled in thousands', () => {
    const axis = valueAxis([2_150, 9_000, 4_000], 'linear');
    expect(axis.ticks.map((t) => t.label)).toEqual(['2k', '3k', '4k', '5k', '6k', '7k', '8k', '9k']);
    expect(axis.position(2_000)).toBe(0);
    expect(axis.position(9_000)).toBe(1);
    expect(axis.position(5_500)).toBeCloseTo(0.5, 9);
  });

  it('keeps whole steps for counts: no 16.5 forks', () => {
    expect(valueAxis([16, 17, 18], 'linear').ticks.map((tick) => tick.label)).toEqual(['16', '17', '18']);
    expect(valueAxis([17, 17], 'linear').ticks.map((tick) => tick.label)).toEqual(['16', '17', '18']);
    // Fractions stay possible where the values have them.
    expect(valueAxis([0.25, 0.75], 'linear').ticks.map((tick) => tick.label)).toContain('0.5');
  });

  it('places values by their logarithm on a log axis, labelled 1k, 10k', () => {
    const axis = valueAxis([10, 100_000], 'log');
    expect(axis.ticks.map((t) => t.label)).toEqual(['10', '100', '1k', '10k', '100k']);
    expect(axis.position(10)).toBe(0);
    expect(axis.position(1_000)).toBeCloseTo(0.5, 9);
    expect(axis.position(100_000)).toBe(1);
  });
});
