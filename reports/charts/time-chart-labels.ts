// What names the lines of a time chart: labels at their right ends, or, past a handful of
// lines, a legend under the axis.
import { escapeHtml, px } from '../html-parts.ts';
import type { ChartTheme } from './chart-theme.ts';
import { END_LABEL_LINE, estimateWidth, spreadLabels, truncateLabel } from './end-labels.ts';
import { endMarker } from './series-marks.ts';

export interface LabelledSeries {
  label: string;
  /** Position in the input: picks the colour and, past the palette, the marker. */
  index: number;
  color: string;
  /** The last value, formatted ("7,422"); empty for a series with no point. */
  last: string;
}

/** Between the plot's right edge and the labels: room for the end marker and the connector. */
const LABEL_OFFSET = 12;
/** Between a name and its figure. */
const VALUE_GAP = 5;

const labelWidth = (s: LabelledSeries) => estimateWidth(truncateLabel(s.label)) + VALUE_GAP + estimateWidth(s.last);

/** The right margin the end labels need. */
export function endLabelsWidth(series: LabelledSeries[]): number {
  return LABEL_OFFSET + Math.max(0, ...series.map(labelWidth));
}

/**
 * "LLaMA 7,422" beside each line's end, pushed apart so none overlap. A label that had to
 * move, or whose line ends before the others, gets a faint connector back to its line.
 */
export function renderEndLabels(
  series: (LabelledSeries & { x: number; y: number })[],
  theme: ChartTheme,
  plotRight: number,
  bounds: { top: number; bottom: number },
): string {
  const placed = spreadLabels(
    series.map((s) => s.y),
    END_LABEL_LINE,
    bounds.top,
    bounds.bottom,
  );
  return series
    .map((s, i) => {
      const y = placed[i] ?? s.y;
      const x = plotRight + LABEL_OFFSET;
      const connector =
        Math.abs(y - s.y) > 2 || s.x < plotRight - 4
          ? `<path d="M${px(s.x + 5)},${px(s.y)}L${px(plotRight + 3)},${px(s.y)}L${px(x - 3)},${px(y)}" fill="none" stroke="${s.color}" stroke-opacity="0.5" stroke-dasharray="1 3"/>`
          : '';
      return (
        connector +
        `<text x="${px(x)}" y="${px(y)}" dy="0.32em"><tspan fill="${s.color}">${escapeHtml(truncateLabel(s.label))}</tspan>` +
        `<tspan dx="${VALUE_GAP}" fill="${theme.muted}">${escapeHtml(s.last)}</tspan></text>`
      );
    })
    .join('\n');
}

const LEGEND_ROW = 20;
/** A swatch: a short line with the series' end marker on it. */
const SWATCH = 26;

function legendLayout(series: LabelledSeries[], room: number): { column: number; columns: number } {
  const column = SWATCH + 8 + Math.max(0, ...series.map(labelWidth)) + 20;
  return { column, columns: Math.max(1, Math.floor(room / column)) };
}

export function legendHeight(series: LabelledSeries[], room: number): number {
  return Math.ceil(series.length / legendLayout(series, room).columns) * LEGEND_ROW;
}

/** In input order, row by row, in columns as wide as the longest entry (no text measuring beyond the estimate). */
export function renderLegend(series: LabelledSeries[], theme: ChartTheme, left: number, top: number, room: number): string {
  const { column, columns } = legendLayout(series, room);
  return series
    .map((s, i) => {
      const x = left + (i % columns) * column;
      const y = top + Math.floor(i / columns) * LEGEND_ROW + LEGEND_ROW / 2;
      const marker = endMarker(Math.floor(s.index / theme.lines.length), x + SWATCH - 6, y, s.color, theme.background);
      return (
        `<line x1="${px(x)}" x2="${px(x + SWATCH - 6)}" y1="${px(y)}" y2="${px(y)}" stroke="${s.color}" stroke-width="2"/>${marker}` +
        `<text x="${px(x + SWATCH + 4)}" y="${px(y)}" dy="0.32em"><tspan fill="${theme.text}">${escapeHtml(truncateLabel(s.label))}</tspan>` +
        `<tspan dx="${VALUE_GAP}" fill="${theme.muted}">${escapeHtml(s.last)}</tspan></text>`
      );
    })
    .join('\n');
}
