import { describe, expect, it } from 'vitest';
import { CHART_THEMES, LINE_COLORS, lineColor } from '../../../reports/charts/chart-theme.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};

describe('chart themes', () => {
  it('draw light lines in the report palette, Okabe–Ito', () => {
    expect(CHART_THEMES.light.lines).toBe(LINE_COLORS);
  });

  it('give every dark line and text at least 4.5:1 contrast on the dark background', () => {
    const dark = CHART_THEMES.dark;
    expect(dark.lines).toHaveLength(LINE_COLORS.length);
    for (const color of [...dark.lines, dark.text, dark.muted]) expect(contrast(color, dark.background), color).toBeGreaterThanOrEqual(4.5);
  });

  it('repeat the palette past its end', () => {
    expect(lineColor(CHART_THEMES.light, 7)).toBe(LINE_COLORS[0]);
  });
});
