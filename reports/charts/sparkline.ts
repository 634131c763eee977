// A table row's trend: its weekly values as a small line, scaled to the series' own range.
import { formatNumber } from '../format.ts';
import { escapeHtml, px } from '../html-parts.ts';

const WIDTH = 120;
/** The dashboard's rows; the report's rows are one line of text, and their lines as low. */
const DEFAULT_HEIGHT = 28;
/** Keeps the stroke and the end dot inside the box. */
const PAD = 3;
export const SPARKLINE_COLOR = '#486581';

/**
 * `weeks` oldest first; nulls are gaps. The y range is the series' own min..max (a
 * sparkline shows shape, not magnitude); a flat series is drawn across the middle.
 */
export function renderSparkline(title: string, weeks: { week: string; value: number | null }[], height = DEFAULT_HEIGHT): string {
  const values = weeks.map((entry) => entry.value).filter((v): v is number => v !== null);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => (weeks.length <= 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (weeks.length - 1));
  const y = (v: number) => (max === min ? height / 2 : height - PAD - ((v - min) / (max - min)) * (height - 2 * PAD));
  let d = '';
  let penDown = false;
  let last = '';
  weeks.forEach(({ value }, i) => {
    if (value === null) {
      penDown = false;
      return;
    }
    d += `${penDown ? 'L' : 'M'}${px(x(i))},${px(y(value))}`;
    penDown = true;
    last = `<circle cx="${px(x(i))}" cy="${px(y(value))}" r="2" fill="${SPARKLINE_COLOR}"/>`;
  });
  const first = weeks.find((entry) => entry.value !== null);
  const final = [...weeks].reverse().find((entry) => entry.value !== null);
  const range = first && final ? `: ${first.week} ${formatNumber(first.value)} → ${final.week} ${formatNumber(final.value)}` : ': no figures';
  return [
    `<svg class="sparkline" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img">`,
    `<title>${escapeHtml(title + range)}</title>`,
    d ? `<path d="${d}" fill="none" stroke="${SPARKLINE_COLOR}" stroke-width="1.5" stroke-linejoin="round"/>` : '',
    last,
    '</svg>',
  ].join('');
}
