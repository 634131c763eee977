import { seriesKey } from '../schema/subject-key.ts';
import { SPIKE_FACTOR } from './build-report.ts';
import { renderLineChart } from './charts/line-chart.ts';
import { renderSparkline } from './charts/sparkline.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { escapeHtml as esc, REPORT_CSS } from './html-parts.ts';
import type { Comparison, MissingSubject, MoverGroup, Report, ReportRow, SeriesHistory } from './report.ts';
import { moverGroupTitle, moverRows } from './mover-rows.ts';
import { emptyWeekAdvice, reportTitle, weekSpan } from './report-intro.ts';

/**
 * The report as one self-contained HTML page: inline CSS and SVG only, no script and
 * nothing fetched, so it opens offline and in a mail client. Pure: the same report gives
 * the same bytes. Every string that came from an upstream or the config (labels, keys,
 * names, sentences, even metrics and weeks) passes through `escapeHtml`.
 */
export function renderHtml(report: Report): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Belt and braces: were a string ever to slip past escaping, it could still neither run nor fetch.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(reportTitle(report))}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    header(report),
    movers(report),
    comparisons(report.comparisons),
    tables(report),
    spikes(report),
    stale(report.stale),
    missing(report.missing),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const section = (id: string, title: string, body: string) => `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
const none = (text: string) => `<p class="none">${text}</p>`;
const list = (items: string[]) => `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
type Named = { kind: string; key: string; label: string };
/** A table cell's name: "ChatGLM-6B", its flags, and "GitHub repositories · THUDM/ChatGLM-6B" below. */
const cellName = (s: Named, withKind: boolean, flags = '') =>
  `${esc(s.label)}${flags}<span class="key">${withKind ? `${esc(kindTitle(s.kind))} · ` : ''}${esc(s.key)}</span>`;
/** A list item's name, on one line. */
const inlineName = (s: Named) => `<strong>${esc(s.label)}</strong> <span class="muted">${esc(kindTitle(s.kind))} · ${esc(s.key)}</span>`;

/** Why the week has no figures and what to run, its commands marked as code. */
function advice(report: Report): string[] {
  const text = emptyWeekAdvice(report);
  return text ? [`<p class="advice">${esc(text).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`] : [];
}

function header(report: Report): string {
  return [
    '<header>',
    `<h1>${esc(reportTitle(report))}</h1>`,
    `<p class="meta">${esc(weekSpan(report))} · ${report.rows.length} series · ` +
      `generated <time datetime="${esc(report.generatedAt)}">${esc(formatUtcMinute(report.generatedAt))}</time></p>`,
    ...advice(report),
    '</header>',
  ].join('\n');
}

/** A table per kind, by its main figure: the largest changes, then the fastest growers not among them. */
function movers(report: Report): string {
  if (report.movers.length === 0) return section('movers', 'Headline movers', none('No figure grew this week.'));
  const table = (group: MoverGroup) =>
    `<div>\n<h3>${esc(moverGroupTitle(group))}</h3>\n` +
    `<table>\n<thead><tr><th>Series</th><th class="num">${group.growth ? 'Growth' : 'Change'}</th><th class="num">%</th></tr></thead>\n<tbody>\n` +
    moverRows(group)
      .map((row) => `<tr><td>${cellName(row, false)}</td><td class="num">${formatSigned(row.delta)}</td><td class="num">${formatGrowth(row.growthPct)}</td></tr>`)
      .join('\n') +
    '\n</tbody>\n</table>\n</div>';
  return section('movers', 'Headline movers', `<div class="movers">\n${report.movers.map(table).join('\n')}\n</div>`);
}

function comparisons(all: Comparison[]): string {
  if (all.length === 0) return section('comparisons', 'Comparisons', none('No comparisons configured.'));
  const articles = all.map((comparison) => {
    const chart = renderLineChart({
      title: comparison.name,
      unit: comparison.unit,
      weeks: comparison.history.map((entry) => entry.week),
      series: comparison.members.map((member, i) => ({
        label: member.label,
        values: comparison.history.map((entry) => entry.values[i] ?? null),
      })),
    });
    return [
      '<article class="comparison">',
      `<h3>${esc(comparison.name)}</h3>`,
      `<p>${esc(comparison.sentence)}</p>`,
      `<p class="meta">${esc(comparison.growthSentence)}</p>`,
      chart,
      '</article>',
    ].join('\n');
  });
  return section('comparisons', 'Comparisons', articles.join('\n'));
}

const FLAG_LEGEND =
  '<p class="legend"><span class="flag stale">stale</span> no sample inside the week: the figure is the last one before. ' +
  '<span class="flag reconstructed">reconstructed</span> the figure was rebuilt from history (backfill), not observed. ' +
  `<span class="flag spike">spike</span> this week's delta is over ${SPIKE_FACTOR}× the median of the weeks before (the last 8 with figures, at least 3).</p>`;

function tables(report: Report): string {
  const histories = new Map(report.history.map((series) => [seriesKey(series), series]));
  const spiking = new Set(report.spikes.map(seriesKey));
  const kinds = [...new Set(report.rows.map((row) => row.kind))];
  const body = kinds.map((kind) => {
    const rows = report.rows.filter((row) => row.kind === kind);
    // A backfill that covers the whole table is said once, under its heading, not on every row.
    const allReconstructed = rows.every((row) => row.reconstructed);
    return [
      `<h3>${esc(kindTitle(kind))}</h3>`,
      ...(allReconstructed ? [WHOLE_TABLE_RECONSTRUCTED] : []),
      '<table class="series">',
      '<colgroup><col class="name"><col class="metric"><col><col><col><col><col class="trend"></colgroup>',
      '<thead><tr><th>Label</th><th>Metric</th><th class="num">Value</th><th class="num">Previous</th>' +
        '<th class="num">Delta</th><th class="num">Growth %</th><th>Last 12 weeks</th></tr></thead>',
      '<tbody>',
      ...rows.map((row) => tableRow(row, histories.get(seriesKey(row)), spiking.has(seriesKey(row)), !allReconstructed)),
      '</tbody>',
      '</table>',
    ].join('\n');
  });
  return section('series', 'All series', report.rows.length ? `${FLAG_LEGEND}\n${body.join('\n')}` : none('No figures this week.'));
}

const WHOLE_TABLE_RECONSTRUCTED =
  '<p class="legend">Every figure in this table is <span class="flag reconstructed">reconstructed</span> from history (backfill), not observed.</p>';

/** `flagReconstructed`: false when the table says it once for every row. */
function tableRow(row: ReportRow, history: SeriesHistory | undefined, spike: boolean, flagReconstructed: boolean): string {
  const flags = [
    row.stale ? `<span class="flag stale" title="last sample ${esc(formatUtcMinute(row.observedAt))}">stale</span>` : '',
    row.reconstructed && flagReconstructed ? '<span class="flag reconstructed">reconstructed</span>' : '',
    spike ? '<span class="flag spike">spike</span>' : '',
  ].join('');
  const metric = metricTitle(row.kind, row.metric);
  const trend = history ? renderSparkline(`${row.label} ${metric}`, history.weeks) : '–';
  return (
    `<tr><td>${cellName(row, false, flags)}</td><td>${esc(metric)}</td>` +
    `<td class="num">${formatNumber(row.value)}</td><td class="num">${formatNumber(row.previousValue)}</td>` +
    `<td class="num">${formatSigned(row.delta)}</td><td class="num">${formatGrowth(row.growthPct)}</td><td>${trend}</td></tr>`
  );
}

function spikes(report: Report): string {
  const items = report.spikes.map(
    (spike) =>
      `${inlineName(spike)} ${esc(metricTitle(spike.kind, spike.metric))}: ${formatSigned(spike.delta)} this week, ` +
      `over ${SPIKE_FACTOR}× the median weekly change of ${formatNumber(spike.medianDelta)} over the ${spike.baselineWeeks} weeks before`,
  );
  return section('spikes', 'Spikes', items.length ? list(items) : none('None this week.'));
}

function stale(rows: ReportRow[]): string {
  const items = rows.map((row) => `${inlineName(row)} ${esc(metricTitle(row.kind, row.metric))}: last sample ${esc(formatUtcMinute(row.observedAt))}`);
  return section(
    'stale',
    'Stale series',
    items.length ? `<p class="legend">No sample inside the week: the figure shown is the last one before.</p>\n${list(items)}` : none('None this week.'),
  );
}

function missing(subjects: MissingSubject[]): string {
  const group = (reason: MissingSubject['reason'], title: string) => {
    const items = subjects.filter((s) => s.reason === reason).map((s) => `${esc(kindTitle(s.kind))}: <code>${esc(s.key)}</code>`);
    return `<h3>${title}</h3>\n${items.length ? list(items) : none('None.')}`;
  };
  const later = subjects
    .filter((s) => s.reason === 'later')
    .map((s) => `${esc(kindTitle(s.kind))}: <code>${esc(s.key)}</code>, first figures on ${esc(s.firstFigureAt?.slice(0, 10) ?? '')}`);
  return section(
    'missing',
    'Missing',
    `${group('not_found', 'Not found upstream')}\n${later.length ? `<h3>Collected after this week</h3>\n${list(later)}\n` : ''}${group('no_data', 'Never collected')}`,
  );
}
