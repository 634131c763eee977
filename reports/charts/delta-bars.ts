// Weekly changes as bars around a zero line: growth up, loss down, reconstructed weeks paler.
import { formatSigned } from '../format.ts';
import { escapeHtml, px } from '../html-parts.ts';
import { niceTicks, tickFormatter } from './scale.ts';

export interface DeltaBar {
  /** What the bar's tooltip names it by ("2026-W48"). */
  label: string;
  delta: number | null;
  backfill?: boolean;
}

const WIDTH = 720;
const HEIGHT = 150;
const MARGIN = { top: 10, right: 12, bottom: 22, left: 56 };

/**
 * Bars for `bars` (oldest first). Colours come from the page's stylesheet (classes
 * `up`, `down`, `axis`), so the chart follows a light or dark page.
 */
export function renderDeltaBars(title: string, bars: DeltaBar[]): string {
  const deltas = bars.map((bar) => bar.delta).filter((delta): delta is number => delta !== null);
  if (deltas.length === 0) return '';
  const ticks = niceTicks(Math.min(0, ...deltas), Math.max(0, ...deltas), 3);
  const label = tickFormatter(ticks);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number) => MARGIN.top + ((ticks.hi - v) / (ticks.hi - ticks.lo)) * plotHeight;
  const slot = plotWidth / bars.length;
  const barWidth = Math.max(1, Math.min(18, slot * 0.7));
  const out = [
    `<svg class="bars" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" font-size="11">`,
    `<title>${escapeHtml(title)}</title>`,
    ...ticks.values.map(
      (v) =>
        `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${px(y(v))}" y2="${px(y(v))}" stroke="#8884" stroke-width="${v === 0 ? 1.2 : 0.6}"/>` +
        `<text class="axis" x="${MARGIN.left - 6}" y="${px(y(v))}" dy="0.32em" text-anchor="end" fill="currentColor" opacity="0.7">${label(v)}</text>`,
    ),
  ];
  bars.forEach((bar, i) => {
    // No change draws nothing: a sliver at the zero line would read as a small loss or gain.
    if (bar.delta === null || bar.delta === 0) return;
    const x = MARGIN.left + i * slot + (slot - barWidth) / 2;
    const top = y(Math.max(0, bar.delta));
    const height = Math.max(1.5, Math.abs(y(bar.delta) - y(0)));
    const tone = bar.delta >= 0 ? 'up' : 'down';
    out.push(
      `<rect class="${tone}" x="${px(x)}" y="${px(top)}" width="${px(barWidth)}" height="${px(height)}" fill="currentColor"${bar.backfill ? ' opacity="0.45"' : ''}>` +
        `<title>${escapeHtml(`${bar.label}: ${formatSigned(bar.delta)}${bar.backfill ? ' (reconstructed)' : ''}`)}</title></rect>`,
    );
  });
  const first = bars[0]?.label ?? '';
  const last = bars[bars.length - 1]?.label ?? '';
  out.push(
    `<text class="axis" x="${MARGIN.left}" y="${HEIGHT - 6}" fill="currentColor" opacity="0.7">${escapeHtml(first)}</text>`,
    `<text class="axis" x="${WIDTH - MARGIN.right}" y="${HEIGHT - 6}" text-anchor="end" fill="currentColor" opacity="0.7">${escapeHtml(last)}</text>`,
    '</svg>',
  );
  return out.join('');
}
