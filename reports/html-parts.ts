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
  color: #1f2933; background: #fff; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #d9dee4; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
ul { margin: 4px 0; padding-left: 20px; }
.meta { color: #52606d; margin: 0; }
.advice { background: #fff8e1; border-left: 4px solid #f0b400; padding: 8px 12px; margin: 12px 0 0; }
/* Movers: four groups a row, a line per mover. */
.movers { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 4px 28px; }
.movers h3 { margin: 6px 0 2px; font-size: 13px; }
.movers table { margin: 0; }
.movers td { padding: 2px 4px; font-size: 13px; line-height: 1.35; }
.movers td:first-child { max-width: 130px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding-left: 0; }
/* Comparisons: three a row, each chart as wide as its column. */
.comparisons { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(340px, 100%), 1fr)); gap: 8px 28px; }
.comparison { display: flex; flex-direction: column; }
.comparison h3 { margin: 8px 0 2px; }
/* Charts side by side line up, however long the sentences above them. */
.comparison .chart { margin-top: auto; }
.comparison p { margin: 2px 0; }
.comparison p.meta { font-size: 12px; }
.chart svg { display: block; max-width: 100%; height: auto; margin-top: 6px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: middle; }
th { font-weight: 600; background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* The per-kind tables share column widths, so their figures line up down the page; a
   narrow screen scrolls a table sideways rather than squeezing its figures. */
.wide { overflow-x: auto; margin-bottom: 14px; }
table.series { width: 1px; table-layout: fixed; line-height: 1.3; margin: 0; }
table.series th, table.series td { padding: 3px 8px; }
/* Headings wrap ("All-time / downloads") so that no heading widens its column past the others' tables. */
table.series th { white-space: normal; font-size: 13px; vertical-align: bottom; }
table.series th.kind { font-size: 13px; }
/* Wide enough for "352,655,090" and, in the others, "11,244,046 +87,975"; four other figures fill the page's 1,200 px. */
table.series col.name { width: 212px; } table.series col.value { width: 100px; } table.series col.change { width: 92px; }
table.series col.trend { width: 132px; } table.series col.pct { width: 60px; } table.series col.other { width: 150px; }
/* A column whose figures and changes run to "35,819,606 +1,286,351". */
table.series col.other.wide { width: 180px; }
/* A subject stays on one line: a name too long for its column ends in "…", its flags stay in view. */
div.subject { display: flex; align-items: center; white-space: nowrap; }
div.subject > span:first-child { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.owner { color: #7b8794; }
/* The week's change sits right against its line, which has no scale of its own to read. */
table.series td.change { padding-right: 4px; } table.series td.trend { padding-left: 4px; }
table.series small { color: #52606d; font-size: 12px; margin-left: 6px; }
/* A figure and its change too wide for the column ("35,819,606 +1,286,351"): the change goes under it. */
table.series td.other { white-space: normal; } table.series td.other small { display: inline-block; white-space: nowrap; }
details > summary { cursor: pointer; color: #1d4f9c; font-size: 13px; padding: 4px 8px; }
details[open] > summary { margin-bottom: 2px; }
nav.contents ul { list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 16px; }
nav.contents ul.kinds { margin-top: 4px; gap: 2px 12px; font-size: 13px; }
nav.contents a { color: #1d4f9c; text-decoration: none; }
nav.contents a:hover { text-decoration: underline; }
.muted { color: #7b8794; }
.sparkline { display: block; }
.flag { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 5px; margin-left: 4px;
  border-radius: 3px; font-weight: 600; }
.flag.stale { background: #fde8c8; color: #8a4b00; }
.flag.reconstructed { background: #d8e6fd; color: #1d4f9c; }
.flag.spike { background: #fbd5d5; color: #9b1c1c; }
.legend { color: #52606d; font-size: 12px; margin: 4px 0 8px; }
.none { color: #7b8794; font-style: italic; margin: 4px 0; }
/* Stale and missing side by side: short lists, rarely both long. */
.attention { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 0 32px; }
.attention h3 { font-size: 14px; }
/* On paper every row shows: the folds open and their summaries go (where a browser can open them from CSS). */
@supports selector(details::details-content) {
  @media print { details::details-content { content-visibility: visible; display: block; } details > summary { display: none; } }
}
`;
