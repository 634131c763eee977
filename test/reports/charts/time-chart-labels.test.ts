import { describe, expect, it } from 'vitest';
import { CHART_THEMES } from '../../../reports/charts/chart-theme.ts';
import { endLabelsWidth, legendHeight, renderEndLabels, renderLegend } from '../../../reports/charts/time-chart-labels.ts';
import { texts } from '../../helpers/svg-reading.ts';

const entry = (label: string, index = 0, last = '1,234') => ({ label, index, color: '#0072b2', last });

describe('endLabelsWidth', () => {
  it('grows with the longest name and figure, and stops growing past 28 characters', () => {
    expect(endLabelsWidth([entry('ab')])).toBeLessThan(endLabelsWidth([entry('ab'), entry('abcdef')]));
    expect(endLabelsWidth([entry('x'.repeat(29))])).toBe(endLabelsWidth([entry('x'.repeat(60))]));
    expect(endLabelsWidth([entry('ab', 0, '9')])).toBeLessThan(endLabelsWidth([entry('ab', 0, '9,999,999')]));
  });
});

describe('renderEndLabels', () => {
  it('connects a label to its line only when it had to move or the line ends early', () => {
    const light = CHART_THEMES.light;
    const alone = renderEndLabels([{ ...entry('a'), x: 100, y: 50 }], light, 100, { top: 0, bottom: 200 });
    expect(alone).not.toContain('<path');
    expect(texts(alone)).toMatchObject([{ x: 112, y: 50, text: 'a 1,234' }]);
    const early = renderEndLabels([{ ...entry('a'), x: 60, y: 50 }], light, 100, { top: 0, bottom: 200 });
    expect(early).toContain('<path d="M65,50L103,50L109,50"');
    const clash = renderEndLabels([{ ...entry('a'), x: 100, y: 50 }, { ...entry('b'), x: 100, y: 50 }], light, 100, { top: 0, bottom: 200 });
    expect(texts(clash).map((t) => t.y)).toEqual([42.5, 57.5]);
    expect(clash.match(/<path/g)).toHaveLength(2);
  });
});

describe('the legend', () => {
  it('flows entries into as many columns as fit', () => {
    const series = Array.from({ length: 12 }, (_, i) => entry(`repo-${i + 1}`, i));
    expect(legendHeight(series, 620)).toBe(3 * 20);
    expect(legendHeight(series, 120)).toBe(12 * 20);
    const svg = renderLegend(series, CHART_THEMES.light, 50, 300, 620);
    const rows = new Set(texts(svg).map((t) => t.y));
    expect(rows.size).toBe(3);
    expect(texts(svg)[0]?.text).toBe('repo-1 1,234');
  });
});
