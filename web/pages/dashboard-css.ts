/** The dashboard's one stylesheet, served as /assets/dashboard.css (the CSP allows no inline style). */
export const DASHBOARD_CSS = `
:root { --fg: #1f2933; --muted: #616e7c; --faint: #9aa5b1; --bg: #ffffff; --panel: #f5f7fa; --line: #e4e7eb;
  --accent: #0072b2; --on-accent: #ffffff; --up: #1a7f37; --down: #b42318; --flag-stale: #fde8c8; --flag-stale-fg: #8a4b00;
  --flag-re: #d8e6fd; --flag-re-fg: #1d4f9c; --flag-bad: #fbd5d5; --flag-bad-fg: #9b1c1c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --faint: #6e7781; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --accent: #58a6ff; --on-accent: #0d1117; --up: #3fb950; --down: #f85149; --flag-stale: #4d3300; --flag-stale-fg: #f0c674;
    --flag-re: #0c2d6b; --flag-re-fg: #a5c8ff; --flag-bad: #5a1a1a; --flag-bad-fg: #ffb4ab; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; border-bottom: 1px solid var(--line); background: var(--panel); }
.brand { font-weight: 700; font-size: 16px; color: var(--fg); }
nav { display: flex; gap: 16px; } nav a { color: var(--muted); } nav a[aria-current="page"] { color: var(--fg); font-weight: 600; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
footer { max-width: 1180px; margin: 0 auto; padding: 16px 24px; color: var(--faint); font-size: 12px; border-top: 1px solid var(--line); }
h1 { font-size: 24px; margin: 4px 0; } h2 { font-size: 18px; margin: 32px 0 10px; } h3 { font-size: 15px; margin: 0 0 4px; }
.meta, .muted { color: var(--muted); } .meta { margin: 0 0 8px; }
.key { display: block; color: var(--faint); font-size: 12px; overflow-wrap: anywhere; }
.others { display: block; color: var(--muted); font-size: 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; background: var(--bg); min-width: 0; }
.card p { margin: 2px 0; }
.card > :first-child { margin-top: 0; }
/* Wide screens: a comparison's words beside its chart, which keeps its own size (shrunk into half a row, its labels fell to 8 px). */
@media (min-width: 1100px) {
  .cards { grid-template-columns: 1fr; }
  .cards > .card { display: grid; grid-template-columns: minmax(0, 1fr) auto;
    grid-template-rows: auto auto auto 1fr; column-gap: 24px; }
  .cards > .card > :not(picture) { grid-column: 1; }
  .cards > .card > picture { grid-column: 2; grid-row: 1 / span 4; }
}
picture.chart img { display: block; width: auto; max-width: 100%; height: auto; margin-top: 8px; border-radius: 6px; }
/* auto-fit: two tables share the row; with auto-fill an empty third track squeezed them until they overlapped. */
.movers { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; } .movers > div { min-width: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: middle; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: var(--up); } .down { color: var(--down); }
.sparkline { display: block; }
.sparkline path { stroke: var(--accent); } .sparkline circle { fill: var(--accent); }
.flag { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 6px; margin-left: 4px; border-radius: 3px; font-weight: 600; }
.flag.stale { background: var(--flag-stale); color: var(--flag-stale-fg); }
.flag.reconstructed { background: var(--flag-re); color: var(--flag-re-fg); }
.flag.missing, .flag.spike { background: var(--flag-bad); color: var(--flag-bad-fg); }
.empty { border: 1px dashed var(--line); border-radius: 8px; padding: 20px; color: var(--muted); }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); border-radius: 4px; }
code { padding: 1px 4px; } pre { padding: 8px 10px; overflow-x: auto; }
form.compare { display: grid; gap: 8px; max-width: 760px; }
form.compare input[type=text] { width: 100%; padding: 6px 8px; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
form.compare .row { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--on-accent); cursor: pointer; }
/* As wide as the line chart above it at most: stretched to the card, its labels grew to twice the page's. */
.bars { display: block; width: 100%; max-width: 720px; height: auto; }
.card > table { max-width: 720px; }
main > .card { margin-bottom: 16px; }
/* Wide screens: a series page's metric card puts its weekly table beside the charts rather than under them, half the card empty. */
@media (min-width: 1100px) {
  main > .card { display: grid; grid-template-columns: 720px minmax(0, 1fr); column-gap: 24px; align-items: start; }
  main > .card > * { grid-column: 1; }
  main > .card > h2, main > .card > .meta { grid-column: 1 / -1; }
  main > .card > table { grid-column: 2; grid-row: 3 / span 3; }
}
/* Fixed columns, so the tables of the kinds one above the other line up. */
table.series { margin-bottom: 24px; table-layout: fixed; }
table.series th:nth-child(1) { width: 34%; } table.series th:nth-child(2) { width: 16%; }
table.series th:nth-child(6) { width: 136px; }
.pager { display: flex; gap: 12px; margin: 12px 0; }
`;

/** The tab icon: a small rising line. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0072b2"/><path d="M3 11 L6.5 7.5 L9 9.5 L13 4.5" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
