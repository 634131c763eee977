// The comparison chart: one line per member over the report's weeks, as inline SVG.
// Drawn here rather than by a charting library: Vega-Lite → vega `View#toSVG()` works in
// Node 20 and is deterministic, but adds 79 packages (25 MB), renders only asynchronously
// (renderers are `(report) => string`) and takes ~40 ms a chart; a dozen weekly points on
// a fixed canvas need nothing of its layout engine, and owning the markup keeps escaping in one place.
import { formatNumber } from '../format.ts';
import { escapeHtml, px } from '../html-parts.ts';
import { niceTicks, tickFormatter } from './scale.ts';

/**
 * Okabe–Ito colours: distinct on white and under the common colour-vision deficiencies
 * (no red/green pair). Past seven lines the colours repeat, dashed.
 */
export const LINE_COLORS: readonly string[] = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

export interface LineChartInput {
  /** The chart's accessible name (`<title>`). */
  title: string;
  /** What the values count, shown above the y axis. */
  unit: string;
  weeks: string[];
  /** In legend and drawing order; `values[i]` belongs to `weeks[i]`, null where there is no figure (a gap). */
  series: { label: string; values: (number | null)[] }[];
}

const WIDTH = 720;
const PLOT_HEIGHT = 220;
const MARGIN = { top: 30, right: 24, bottom: 34, left: 64 };
/** Keeps the first and last points (and their week labels) off the plot's edges. */
const INSET = 20;
/** Room between label centres for a short label ("W41", ~24 px) beside a full one ("2026-W40", ~56 px). */
const LABEL_SPACING = 44;
const LEGEND_ROW = 20;

export function renderLineChart(input: LineChartInput): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotBottom = MARGIN.top + PLOT_HEIGHT;
  const height = plotBottom + MARGIN.bottom + input.series.length * LEGEND_ROW + 8;
  const present = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  // The range hugs the data instead of starting at zero: the gap between members is what the chart is for.
  const ticks = present.length ? niceTicks(Math.min(...present), Math.max(...present)) : niceTicks(0, 1);
  const label = tickFormatter(ticks);
  const n = input.weeks.length;
  const x = (i: number) => MARGIN.left + (n <= 1 ? plotWidth / 2 : INSET + (i * (plotWidth - 2 * INSET)) / (n - 1));
  const y = (v: number) => plotBottom - ((v - ticks.lo) / (ticks.hi - ticks.lo)) * PLOT_HEIGHT;

  const out = [
    `<svg class="chart" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-size="12" fill="#1f2933">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<text x="${MARGIN.left}" y="${MARGIN.top - 14}" fill="#52606d">${escapeHtml(input.unit)}</text>`,
    ...ticks.values.map((v) =>
      [
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="#e4e7eb"/>`,
        `<text x="${MARGIN.left - 8}" y="${px(y(v))}" dy="0.32em" text-anchor="end" fill="#52606d">${label(v)}</text>`,
      ].join(''),
    ),
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${plotBottom}" y2="${plotBottom}" stroke="#9aa5b1"/>`,
    ...weekLabels(input.weeks, plotWidth).map(
      ({ i, text }) =>
        `<line x1="${px(x(i))}" x2="${px(x(i))}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#9aa5b1"/>` +
        `<text x="${px(x(i))}" y="${plotBottom + 18}" text-anchor="middle" fill="#52606d">${escapeHtml(text)}</text>`,
    ),
    ...input.series.map((s, index) => line(s, index, input.weeks, x, y)),
    ...input.series.map((s, index) => legendEntry(s.label, index, plotBottom + MARGIN.bottom + index * LEGEND_ROW)),
  ];
  if (!present.length) {
    out.push(`<text x="${px(MARGIN.left + plotWidth / 2)}" y="${px(MARGIN.top + PLOT_HEIGHT / 2)}" text-anchor="middle" fill="#7b8794">no figures yet</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

const colorOf = (index: number) => LINE_COLORS[index % LINE_COLORS.length] ?? '#000000';
const dashOf = (index: number) => (index >= LINE_COLORS.length ? ' stroke-dasharray="6 4"' : '');

/** A path that lifts the pen at nulls, so a week without a figure is a gap, not an invented value. */
function line(
  series: LineChartInput['series'][number],
  index: number,
  weeks: string[],
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let penDown = false;
  const points: string[] = [];
  series.values.forEach((v, i) => {
    if (v === null) {
      penDown = false;
      return;
    }
    d += `${penDown ? 'L' : 'M'}${px(x(i))},${px(y(v))}`;
    penDown = true;
    // Every point gets a marker: a figure between two gaps would otherwise be invisible.
    const tip = `${series.label}, ${weeks[i] ?? ''}: ${formatNumber(v)}`;
    points.push(`<circle cx="${px(x(i))}" cy="${px(y(v))}" r="3.5"><title>${escapeHtml(tip)}</title></circle>`);
  });
  const color = colorOf(index);
  const path = d ? `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"${dashOf(index)}/>` : '';
  return `<g class="series">${path}<g fill="${color}">${points.join('')}</g></g>`;
}

/** Legend entries one per row: no text measuring needed, and long labels keep the full width. */
function legendEntry(label: string, index: number, top: number): string {
  const middle = top + LEGEND_ROW / 2;
  return (
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + 24}" y1="${middle}" y2="${middle}" stroke="${colorOf(index)}" stroke-width="3"${dashOf(index)}/>` +
    `<text x="${MARGIN.left + 32}" y="${middle}" dy="0.32em">${escapeHtml(label)}</text>`
  );
}

/**
 * Which weeks get a label ("W41"), ending on the report's week; the first label and any
 * label in a new year carry the year ("2027-W01").
 */
export function weekLabels(weeks: string[], plotWidth: number): { i: number; text: string }[] {
  const spacing = weeks.length > 1 ? (plotWidth - 2 * INSET) / (weeks.length - 1) : plotWidth;
  const stride = Math.max(1, Math.ceil(LABEL_SPACING / spacing));
  const labels: { i: number; text: string }[] = [];
  let year = '';
  weeks.forEach((week, i) => {
    if ((weeks.length - 1 - i) % stride !== 0) return;
    const [, weekYear, short] = /^(\d{4})-(W\d{2})$/.exec(week) ?? [];
    labels.push({ i, text: weekYear !== undefined && weekYear === year && short ? short : week });
    year = weekYear ?? '';
  });
  return labels;
}
