// A line chart on a time axis, as a standalone SVG: the dashboard draws it inline and
// READMEs embed it through <img>, where it inherits nothing, so it brings its own
// background, font and colours. Pure: the same input gives the same bytes.
import { formatNumber } from '../format.ts';
import { escapeHtml, px } from '../html-parts.ts';
import { CHART_THEMES, FONT_FAMILY, lineColor, type ChartTheme } from './chart-theme.ts';
import { AXIS_CHAR_WIDTH, dateTicks, dayCountTicks, dayNumber, labelWidth } from './date-ticks.ts';
import { truncateLabel } from './end-labels.ts';
import { endMarker, seriesLine } from './series-marks.ts';
import { endLabelsWidth, legendHeight, renderEndLabels, renderLegend, type LabelledSeries } from './time-chart-labels.ts';
import { extent, valueAxis } from './value-axis.ts';

export interface TimePoint {
  /** A UTC day, `YYYY-MM-DD`. */
  t: string;
  value: number;
  /** Reconstructed after the fact rather than observed: drawn dashed and lighter. */
  backfill?: boolean;
}

export interface TimeSeries {
  label: string;
  /** Oldest first; may be empty. */
  points: TimePoint[];
}

export interface TimeChartOptions {
  /** The chart's accessible name (`<title>`), also shown as its heading. */
  title: string;
  /** What the values count, shown above the y axis ("stars"). */
  unit: string;
  /** Log needs values > 0: points at or below zero are left out. @defaultValue 'linear' */
  scale?: 'linear' | 'log';
  /** @defaultValue 'light' */
  theme?: 'light' | 'dark';
  /** `first`: x counts days since each series' own first point, to compare launches. @defaultValue 'date' */
  align?: 'date' | 'first';
  /** @defaultValue 720 */
  width?: number;
  /** Height of the plot area alone. @defaultValue 260 */
  height?: number;
  /** @defaultValue 'no figures yet' */
  emptyText?: string;
  /** Draw the title as a heading in the image; false where the page around it already names the chart. @defaultValue true */
  headed?: boolean;
}

/** Past this many lines end labels crowd the right edge, and a legend below takes over. */
export const MAX_END_LABELS = 8;
/** Outer padding on every side. */
const PAD = 14;
/** Heading baseline, then the plot's top edge: room for the heading and the unit line under it. */
const TITLE_BASELINE = 24;
const PLOT_TOP = 62;
/** The plot's top edge without a heading: room for the unit line alone. */
const UNHEADED_PLOT_TOP = 38;
const plotTopOf = (options: TimeChartOptions) => (options.headed === false ? UNHEADED_PLOT_TOP : PLOT_TOP);
/** Heading at 15 px, semibold: ~8.6 px a character measured in DejaVu Sans, the widest usual fallback. */
const TITLE_CHAR_WIDTH = 9;
/** The x labels' first line sits this far below the axis; a year line goes one row further. */
const AXIS_LABEL_DROP = 18;
const AXIS_ROW = 15;
/** Below a label line's baseline: its descenders and some air. */
const LABEL_DESCENT = 9;
/** Narrower than this, even "0" and "day 0" start to crowd the y labels against the edge. */
const MIN_LEFT = 44;

interface Plotted extends LabelledSeries {
  points: { at: number; value: number; backfill: boolean }[];
}

export function renderTimeChart(series: TimeSeries[], options: TimeChartOptions): string {
  const width = options.width ?? 720;
  const plotHeight = options.height ?? 260;
  const theme = CHART_THEMES[options.theme ?? 'light'];
  const scale = options.scale ?? 'linear';
  const plotted = plot(series, scale, options.align ?? 'date', theme);
  const drawn = plotted.filter((s) => s.points.length);
  const plotTop = plotTopOf(options);
  // As tall as a chart with one row of x labels, so a dashboard tile keeps its size when figures arrive.
  if (!drawn.length) return renderEmpty(options, theme, width, plotTop + plotHeight + AXIS_LABEL_DROP + LABEL_DESCENT + PAD);

  const y = valueAxis(drawn.flatMap((s) => s.points.map((p) => p.value)), scale);
  const legend = plotted.length > MAX_END_LABELS;
  const left = Math.max(PAD + Math.max(...y.ticks.map((t) => t.label.length)) * AXIS_CHAR_WIDTH + 8, MIN_LEFT);
  const right = legend ? PAD + 20 : endLabelsWidth(drawn) + PAD;
  const plotWidth = Math.max(width - left - right, 80);
  const plotBottom = plotTop + plotHeight;
  const yPx = (value: number) => plotBottom - y.position(value) * plotHeight;

  let [lo, hi] = extent(drawn.flatMap((s) => s.points.map((p) => p.at)));
  // Counting from each series' start, the axis starts at day 0 even where a log axis dropped it.
  if (options.align === 'first') lo = 0;
  // One day only: widen by a day each side, so the point sits mid-axis.
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const xPx = (at: number) => left + ((at - lo) / (hi - lo)) * plotWidth;
  const xTicks = (options.align === 'first' ? dayCountTicks(hi, xPx) : dateTicks(lo, hi, xPx)).filter(
    // A label hanging off the image's edge would be cut; its neighbours carry the axis.
    (tick) => xPx(tick.at) - labelWidth(tick) / 2 >= 0 && xPx(tick.at) + labelWidth(tick) / 2 <= width,
  );
  const belowAxis = plotBottom + AXIS_LABEL_DROP + (xTicks.some((tick) => tick.sub) ? AXIS_ROW : 0) + LABEL_DESCENT;
  const height = (legend ? belowAxis + legendHeight(plotted, width - left - PAD) : belowAxis) + PAD;

  const out = [
    open(options, theme, width, height),
    `<text class="unit" x="${PAD}" y="${plotTop - 14}" fill="${theme.muted}">${escapeHtml(options.unit)}</text>`,
    `<g class="y-axis" fill="${theme.muted}" stroke="${theme.grid}" text-anchor="end">`,
    ...y.ticks.map(
      ({ value, label }) =>
        `<line x1="${left}" x2="${px(left + plotWidth)}" y1="${px(yPx(value))}" y2="${px(yPx(value))}"/>` +
        `<text x="${left - 8}" y="${px(yPx(value))}" dy="0.32em" stroke="none">${escapeHtml(label)}</text>`,
    ),
    '</g>',
    `<g class="x-axis" fill="${theme.muted}" stroke="${theme.axis}" text-anchor="middle">`,
    `<line x1="${left}" x2="${px(left + plotWidth)}" y1="${plotBottom}" y2="${plotBottom}"/>`,
    ...xTicks.map(({ at, label, sub }) => {
      const x = px(xPx(at));
      const tick = `<line x1="${x}" x2="${x}" y1="${plotBottom}" y2="${plotBottom + 4}"/>`;
      const text = `<text x="${x}" y="${plotBottom + AXIS_LABEL_DROP}" stroke="none">${escapeHtml(label)}</text>`;
      const year = sub ? `<text class="sub" x="${x}" y="${plotBottom + AXIS_LABEL_DROP + AXIS_ROW}" stroke="none">${escapeHtml(sub)}</text>` : '';
      return tick + text + year;
    }),
    '</g>',
  ];
  const ends = drawn.map((s) => {
    const placed = s.points.map((p) => ({ x: xPx(p.at), y: yPx(p.value), backfill: p.backfill }));
    const end = placed.at(-1) ?? { x: left, y: plotBottom };
    // Past the palette's seven colours a series repeats a colour; its marker shape tells it apart.
    const marker = endMarker(Math.floor(s.index / theme.lines.length), end.x, end.y, s.color, theme.background);
    out.push(`<g class="series">${seriesLine(placed, s.color)}${marker}</g>`);
    return { ...s, x: end.x, y: end.y };
  });
  out.push(
    legend
      ? `<g class="legend">\n${renderLegend(plotted, theme, left, belowAxis, width - left - PAD)}\n</g>`
      : `<g class="end-labels">\n${renderEndLabels(ends, theme, left + plotWidth, { top: plotTop, bottom: plotBottom })}\n</g>`,
    '</svg>',
  );
  return out.join('\n');
}

/**
 * Each series as axis positions: day numbers, or days since its own first point. On a log
 * axis, values ≤ 0 have no place and are dropped, as are non-finite ones on any axis.
 */
function plot(series: TimeSeries[], scale: 'linear' | 'log', align: 'date' | 'first', theme: ChartTheme): Plotted[] {
  return series.map((s, index) => {
    const origin = align === 'first' && s.points[0] ? dayNumber(s.points[0].t) : 0;
    const points = s.points
      .filter((p) => Number.isFinite(p.value) && (scale === 'linear' || p.value > 0))
      .map((p) => ({ at: dayNumber(p.t) - origin, value: p.value, backfill: p.backfill === true }));
    const last = points.at(-1);
    return { label: s.label, index, color: lineColor(theme, index), points, last: last ? formatNumber(last.value) : '' };
  });
}

function open(options: TimeChartOptions, theme: ChartTheme, width: number, height: number): string {
  const heading = truncateLabel(options.title, Math.floor((width - 2 * PAD) / TITLE_CHAR_WIDTH));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_FAMILY}" font-size="12">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" rx="6" fill="${theme.background}"/>`,
    ...(options.headed === false ? [] : [`<text x="${PAD}" y="${TITLE_BASELINE}" font-size="15" font-weight="600" fill="${theme.text}">${escapeHtml(heading)}</text>`]),
  ].join('\n');
}

/** No axes: an empty frame with scales would suggest a range of values the data never had. */
function renderEmpty(options: TimeChartOptions, theme: ChartTheme, width: number, height: number): string {
  return [
    open(options, theme, width, height),
    `<text x="${px(width / 2)}" y="${px((plotTopOf(options) + height) / 2)}" text-anchor="middle" fill="${theme.faint}">${escapeHtml(options.emptyText ?? 'no figures yet')}</text>`,
    '</svg>',
  ].join('\n');
}
