// Building blocks of the HTML report: escaping, the fixed-width figures of its tables, its stylesheet.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Every upstream or user string goes through this before it reaches the page. All five
 * characters are replaced, so the result is safe in text and in quoted attributes alike
 * (HTML and inline SVG), and a label can never open a tag or close an attribute.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Coordinates with one decimal: enough for screen pixels, and short, stable SVG text. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Self-contained on purpose: system fonts only, no url(), so the file renders offline. */
export const REPORT_CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2933; background: #fff; margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #d9dee4; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.meta { color: #52606d; margin: 0; }
.advice { background: #fff8e1; border-left: 4px solid #f0b400; padding: 8px 12px; margin: 12px 0 0; }
.movers { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 8px 24px; }
.movers h3 { margin: 8px 0 2px; font-size: 14px; }
.comparisons { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 8px 32px; }
.comparison { margin-bottom: 16px; }
.comparison p { margin: 2px 0; }
.comparison .chart svg { display: block; max-width: 100%; height: auto; margin-top: 8px; }
.chart { display: block; max-width: 100%; height: auto; margin-top: 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: middle; }
th { font-weight: 600; background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* The per-kind tables share column widths, so their figures line up down the page; a
   narrow screen scrolls a table sideways rather than squeezing its figures. */
.wide { overflow-x: auto; }
table.series { width: auto; line-height: 1.3; }
table.series th, table.series td { padding: 3px 8px; }
/* Headings wrap ("All-time / downloads") so that no heading widens its column past the others' tables. */
table.series th { white-space: normal; font-size: 13px; vertical-align: bottom; }
table.series td { overflow-wrap: anywhere; }
table.series col.name { width: 280px; } table.series col.value { width: 96px; } table.series col.change { width: 96px; }
table.series col.trend { width: 136px; } table.series col.pct { width: 64px; } table.series col.other { width: 136px; }
/* The week's change sits right against its line, which has no scale of its own to read. */
table.series td.change { padding-right: 4px; } table.series td.trend { padding-left: 4px; }
table.series small { color: #52606d; font-size: 12px; margin-left: 6px; }
nav.contents ul { list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 16px; }
nav.contents ul ul { margin: 0; gap: 2px 12px; font-size: 13px; }
nav.contents a { color: #1d4f9c; text-decoration: none; }
nav.contents a:hover { text-decoration: underline; }
.key { display: block; color: #7b8794; font-size: 12px; line-height: 1.3; }
.muted { color: #7b8794; }
.sparkline { display: block; }
.flag { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 5px; margin-left: 4px;
  border-radius: 3px; font-weight: 600; }
.flag.stale { background: #fde8c8; color: #8a4b00; }
.flag.reconstructed { background: #d8e6fd; color: #1d4f9c; }
.flag.spike { background: #fbd5d5; color: #9b1c1c; }
.legend { color: #52606d; font-size: 13px; }
.none { color: #7b8794; font-style: italic; }
`;
