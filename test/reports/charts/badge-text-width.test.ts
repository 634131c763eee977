import { describe, expect, it } from 'vitest';
import { badgeTextWidth } from '../../../reports/charts/badge-text-width.ts';

describe('badgeTextWidth', () => {
  it('measures wide letters wider than narrow ones, as Verdana draws them', () => {
    for (const [wide, narrow] of [
      ['m', 'n'],
      ['w', 'v'],
      ['W', 'V'],
      ['M', 'N'],
      ['n', 'i'],
      ['n', 'l'],
      ['0', '.'],
      ['0', ','],
    ] as const) {
      expect(badgeTextWidth(wide), `${wide} > ${narrow}`).toBeGreaterThan(badgeTextWidth(narrow));
    }
  });

  it('adds up characters, at 11 px Verdana', () => {
    expect(badgeTextWidth('')).toBe(0);
    // 1302/2048 em × 11 px per digit; the figures of a badge are all digits.
    expect(badgeTextWidth('7422')).toBe(28);
    expect(badgeTextWidth('stars')).toBe(5.7 + 4.3 + 6.6 + 4.7 + 5.7);
  });

  it('estimates characters outside its table generously', () => {
    expect(badgeTextWidth('é')).toBe(badgeTextWidth('e'));
    expect(badgeTextWidth('星')).toBe(11);
    expect(badgeTextWidth('ŧ')).toBeGreaterThanOrEqual(7);
  });
});
