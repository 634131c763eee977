import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../reports/format.ts';

describe('formatCompact', () => {
  it('keeps three significant digits with a unit letter', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(1_234_567)).toBe('1.23M');
    expect(formatCompact(123_456)).toBe('123k');
    expect(formatCompact(4_560_000_000)).toBe('4.56B');
    expect(formatCompact(7_100_000_000_000)).toBe('7.1T');
  });

  it('drops trailing zeros and carries rounding into the next unit', () => {
    expect(formatCompact(1_000)).toBe('1k');
    expect(formatCompact(1_200)).toBe('1.2k');
    expect(formatCompact(999.6)).toBe('1k');
    expect(formatCompact(999_999)).toBe('1M');
    expect(formatCompact(999_499)).toBe('999k');
  });

  it('handles zero, fractions and negatives', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(-0)).toBe('0');
    expect(formatCompact(12.345)).toBe('12.3');
    expect(formatCompact(0.05)).toBe('0.05');
    expect(formatCompact(-1_500)).toBe('-1.5k');
    expect(formatCompact(NaN)).toBe('NaN');
  });
});
