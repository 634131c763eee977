import { describe, expect, it } from 'vitest';
import { CHART_THEMES } from '../../../reports/charts/chart-theme.ts';
import { AXIS_CHAR_WIDTH, AXIS_LABEL_GAP } from '../../../reports/charts/date-ticks.ts';
import { END_LABEL_LINE, estimateWidth } from '../../../reports/charts/end-labels.ts';
import { MAX_END_LABELS, renderTimeChart, type TimeChartOptions, type TimeSeries } from '../../../reports/charts/time-chart.ts';
import { elementsOf, group, groups, texts } from '../../helpers/svg-reading.ts';
import { ramp } from '../../helpers/time-series-fixture.ts';

const STARS: TimeChartOptions = { title: 'GitHub stars', unit: 'stars' };
const twoRepos = () => [
  ramp('LLaMA', '2025-01-06', 400, 2_000, 9_000, { backfillDays: 200 }),
  ramp('mistral-inference', '2025-01-06', 400, 2_500, 7_400, { backfillDays: 200 }),
];
const SVG_ELEMENTS = new Set(['svg', 'title', 'rect', 'text', 'tspan', 'g', 'line', 'path', 'circle']);

/** The x-axis labels with the width the chart must keep free for each (its sub line included). */
function xLabels(svg: string): { x: number; text: string; width: number }[] {
  const all = texts(group(svg, 'x-axis') ?? '');
  return all.filter((t) => !t.attributes.includes('class="sub"')).map((t) => {
    const sub = all.find((s) => s.attributes.includes('class="sub"') && s.x === t.x)?.text ?? '';
    return { x: t.x, text: t.text, width: Math.max(t.text.length, sub.length) * AXIS_CHAR_WIDTH };
  });
}

const yLabels = (svg: string) => texts(group(svg, 'y-axis') ?? '').map((t) => t.text);
const endLabels = (svg: string) => texts(group(svg, 'end-labels') ?? '');
/** Top and bottom of the plot: the y axis's outermost gridlines. */
function plotBounds(svg: string): { top: number; bottom: number; right: number } {
  const lines = [...(group(svg, 'y-axis') ?? '').matchAll(/<line x1="[\d.]+" x2="([\d.]+)" y1="([\d.]+)"/g)];
  const ys = lines.map((m) => Number(m[2]));
  return { top: Math.min(...ys), bottom: Math.max(...ys), right: Number(lines[0]?.[1]) };
}

describe('renderTimeChart', () => {
  it('is a standalone SVG image with its own background, font and accessible name', () => {
    const svg = renderTimeChart(twoRepos(), STARS);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="720" height="\d+" viewBox="0 0 720 \d+" role="img" font-family="system-ui,[^"]*"/);
    expect(svg).toContain('<title>GitHub stars</title>');
    expect(svg).toMatch(/<rect width="720" height="\d+" rx="6" fill="#ffffff"\/>/);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(elementsOf(svg, SVG_ELEMENTS).length).toBeGreaterThan(20);
    // Deterministic, and without ids that could clash when several charts sit inline on one page.
    expect(renderTimeChart(twoRepos(), STARS)).toBe(svg);
    expect(svg).not.toMatch(/\sid=/);
  });

  it('hugs the data on a linear axis, in thousands as "k"', () => {
    expect(yLabels(renderTimeChart(twoRepos(), STARS))).toEqual(['2k', '3k', '4k', '5k', '6k', '7k', '8k', '9k']);
  });

  it('labels a year of data by month, January as its year and the first month with one', () => {
    const labels = xLabels(renderTimeChart(twoRepos(), STARS));
    expect(labels.map((l) => l.text)).toEqual(['Mar', 'May', 'Jul', 'Sep', 'Nov', '2026']);
    expect(texts(group(renderTimeChart(twoRepos(), STARS), 'x-axis') ?? '').find((t) => t.attributes.includes('class="sub"'))?.text).toBe('2025');
  });

  it('never lets two x labels touch, nor leave the image, whatever the span and width', () => {
    for (const width of [280, 420, 720, 1200]) {
      for (const days of [0, 3, 10, 45, 120, 400, 900, 3_000, 12_000]) {
        for (const align of ['date', 'first'] as const) {
          const series = [ramp('a', '2024-12-20', days, 10, 1_000, { every: Math.max(1, Math.floor(days / 150)) })];
          const svg = renderTimeChart(series, { ...STARS, width, align });
          const labels = xLabels(svg);
          const where = `${days} days at ${width} px (${align})`;
          expect(labels.length, where).toBeGreaterThanOrEqual(2);
          labels.forEach((label, i) => {
            expect(label.x - label.width / 2, where).toBeGreaterThanOrEqual(0);
            expect(label.x + label.width / 2, where).toBeLessThanOrEqual(width);
            const next = labels[i + 1];
            if (next) expect(next.x - label.x, `${where}: ${label.text} | ${next.text}`).toBeGreaterThanOrEqual((label.width + next.width) / 2 + AXIS_LABEL_GAP - 0.1);
          });
        }
      }
    }
  });

  it('counts days since each series began with align: first', () => {
    const svg = renderTimeChart([ramp('old', '2023-01-01', 700, 0, 90_000, { every: 7 }), ramp('new', '2024-06-01', 300, 0, 20_000, { every: 7 })], { ...STARS, align: 'first' });
    const labels = xLabels(svg).map((l) => l.text);
    expect(labels[0]).toBe('day 0');
    expect(labels.every((label) => /^day \d+$/.test(label))).toBe(true);
    // Both lines start at the left edge, though a year and a half apart.
    const starts = groups(svg, 'series').map((g) => /<path d="M([\d.]+),/.exec(g)?.[1]);
    expect(starts[0]).toBe(starts[1]);
  });

  it('draws backfilled stretches dashed and lighter, joined to the solid observed line', () => {
    const [series] = groups(renderTimeChart([ramp('LLaMA', '2025-01-06', 400, 2_000, 9_000, { every: 10, backfillDays: 200 })], STARS), 'series');
    const paths = [...(series ?? '').matchAll(/<path d="([^"]+)"([^>]*)\/>/g)].map(([, d = '', rest = '']) => ({ d, dashed: rest.includes('stroke-dasharray') }));
    expect(paths.map((p) => p.dashed)).toEqual([true, false]);
    expect(series).toContain('stroke-opacity="0.6"');
    const lastOfDashed = paths[0]?.d.split(/[ML]/).at(-1);
    expect(paths[1]?.d.startsWith(`M${lastOfDashed}L`)).toBe(true);
    const observed = groups(renderTimeChart([ramp('x', '2025-01-06', 40, 1, 9)], STARS), 'series')[0];
    expect(observed).not.toContain('stroke-dasharray');
  });

  it('draws a series of one point as a dot', () => {
    const svg = renderTimeChart([{ label: 'new', points: [{ t: '2026-03-01', value: 12 }] }], STARS);
    const [series] = groups(svg, 'series');
    expect(series).toMatch(/^<circle /);
    expect(series).not.toContain('<path');
    expect(xLabels(svg).map((l) => l.text)).toContain('Mar 1');
  });

  it('puts "name value" at each line end, pushed apart where lines end close together', () => {
    const series = [ramp('a', '2026-01-01', 30, 100, 5_000), ramp('b', '2026-01-01', 30, 200, 5_010), ramp('c', '2026-01-01', 30, 300, 5_020), ramp('d', '2026-01-01', 30, 400, 9_000)];
    const svg = renderTimeChart(series, STARS);
    const labels = endLabels(svg);
    expect(labels.map((l) => l.text)).toEqual(['a 5,000', 'b 5,010', 'c 5,020', 'd 9,000']);
    const ys = labels.map((l) => l.y).sort((p, q) => p - q);
    ys.slice(1).forEach((y, i) => expect(y - (ys[i] ?? 0)).toBeGreaterThanOrEqual(END_LABEL_LINE - 0.1));
    // The lone top label stays level with its line's end.
    const markerY = Number(/cy="([\d.]+)"/.exec(groups(svg, 'series')[3] ?? '')?.[1]);
    expect(labels[3]?.y).toBe(markerY);
    const { top, bottom } = plotBounds(svg);
    for (const label of labels) {
      expect(label.y).toBeGreaterThanOrEqual(top);
      expect(label.y).toBeLessThanOrEqual(bottom);
    }
  });

  it('sizes the right margin to the longest end label, cutting names past 28 characters', () => {
    const long = 'a-very-long-repository-name-that-goes-on-and-on';
    const svg = renderTimeChart([ramp(long, '2026-01-01', 30, 1, 1_234_567), ramp('x', '2026-01-01', 30, 1, 5)], STARS);
    const [first] = endLabels(svg);
    expect(first?.text).toBe(`${long.slice(0, 27)}… 1,234,567`);
    const right = plotBounds(svg).right;
    expect(first?.x).toBeGreaterThan(right);
    expect((first?.x ?? 0) + estimateWidth(first?.text ?? '')).toBeLessThanOrEqual(720);
    // A short label leaves the plot most of the width.
    expect(plotBounds(renderTimeChart([ramp('x', '2026-01-01', 30, 1, 5)], STARS)).right).toBeGreaterThan(right + 100);
  });

  it(`draws a legend below instead of end labels past ${MAX_END_LABELS} series`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ramp(`repo-${i + 1}`, '2025-09-01', 60, 100 * i, 1_000 + 100 * i));
    const crowded = renderTimeChart(many(12), STARS);
    expect(group(crowded, 'end-labels')).toBeUndefined();
    expect(texts(group(crowded, 'legend') ?? '').map((t) => t.text.split(' ')[0])).toEqual(many(12).map((s) => s.label));
    // Series past the palette's seven colours repeat one, with a square marker instead of a dot.
    expect(groups(crowded, 'series')[7]).toMatch(/<rect /);
    const fits = renderTimeChart(many(MAX_END_LABELS), STARS);
    expect(group(fits, 'legend')).toBeUndefined();
    expect(endLabels(fits)).toHaveLength(MAX_END_LABELS);
  });

  it('uses powers of ten on a log axis and leaves out values at or below zero', () => {
    const series = [ramp('big', '2025-01-01', 100, 10_000, 100_000), ramp('mid', '2025-01-01', 100, 100, 1_000), ramp('small', '2025-01-01', 100, 0, 100)];
    const svg = renderTimeChart(series, { ...STARS, scale: 'log' });
    expect(yLabels(svg)).toEqual(['1', '10', '100', '1k', '10k', '100k']);
    expect(svg).not.toMatch(/NaN|Infinity/);
    // The zero is gone; the line starts at the next point.
    expect(groups(svg, 'series')[2]).toMatch(/^<path d="M[\d.]+,[\d.]+L/);
    expect(yLabels(renderTimeChart(twoRepos(), { ...STARS, scale: 'log' }))).toEqual(['2k', '5k', '10k']);
  });

  it('escapes every upstream string', () => {
    const hostile = ['<script>alert(1)</script>', '" onload="x'];
    const series = hostile.map((label) => ramp(label, '2026-01-01', 10, 1, 10));
    for (const svg of [
      renderTimeChart(series, { title: hostile[0] ?? '', unit: hostile[1] ?? '' }),
      renderTimeChart(Array.from({ length: 10 }, (_, i) => ramp(hostile[i % 2] ?? '', '2026-01-01', 10, 1, 10)), { title: '', unit: '' }),
      renderTimeChart([], { title: hostile[1] ?? '', unit: '', emptyText: hostile[0] }),
    ]) {
      expect(svg).not.toContain('<script');
      expect(svg).not.toMatch(/onload="/);
      expect(() => elementsOf(svg, SVG_ELEMENTS)).not.toThrow();
    }
    const svg = renderTimeChart(series, { title: 'Stars', unit: hostile[1] ?? '' });
    expect(endLabels(svg).map((l) => l.text)).toEqual(['<script>alert(1)</script> 10', '" onload="x 10']);
    expect(texts(svg).find((t) => t.attributes.includes('class="unit"'))?.text).toBe('" onload="x');
  });

  it('shows only the title and a sentence when there is nothing to draw: no axes', () => {
    const cases: [TimeSeries[], 'linear' | 'log'][] = [
      [[], 'linear'],
      [[{ label: 'a', points: [] }], 'linear'],
      [[{ label: 'a', points: [{ t: '2026-01-01', value: 0 }] }], 'log'],
    ];
    for (const [series, scale] of cases) {
      const svg = renderTimeChart(series, { ...STARS, scale });
      expect(svg).toContain('<title>GitHub stars</title>');
      expect(texts(svg).map((t) => t.text)).toEqual(['GitHub stars', 'no figures yet']);
      expect(svg).not.toMatch(/<line|<path|<circle|class="(x|y)-axis"/);
    }
    expect(renderTimeChart([], { ...STARS, emptyText: 'collecting…' })).toContain('>collecting…</text>');
  });

  it('draws the dark theme on a dark background with light text and no black line', () => {
    const svg = renderTimeChart(Array.from({ length: 7 }, (_, i) => ramp(`s${i}`, '2026-01-01', 10, i, 10 + i)), { ...STARS, theme: 'dark' });
    expect(svg).toMatch(/<rect width="720" height="\d+" rx="6" fill="#0d1117"\/>/);
    expect(svg).toContain(`fill="${CHART_THEMES.dark.text}">GitHub stars</text>`);
    expect(svg).not.toMatch(/#000000|#1f2933/);
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => renderTimeChart([{ label: 'a', points: [{ t: '2026-02-30', value: 1 }] }], STARS)).toThrow(RangeError);
  });
});
