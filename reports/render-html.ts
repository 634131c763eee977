import { seriesKey } from '../schema/subject-key.ts';
import { SPIKE_FACTOR } from './build-report.ts';
import { renderComparisonChart } from './comparison-chart.ts';
import { renderSparkline } from './charts/sparkline.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { escapeHtml as esc, REPORT_CSS } from './html-parts.ts';
import type { Comparison, MissingSubject, MoverGroup, Report, ReportRow, SeriesHistory } from './report.ts';
import { moverGroupTitle, moverRows } from './mover-rows.ts';
import { emptyWeekAdvice, reportTitle, weekSpan } from './report-intro.ts';
import { everyFigureReconstructed, figureOf, subjectTables, tableColumns, type SubjectRow } from './subject-rows.ts';

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
    contents(report),
    movers(report),
    comparisons(report.comparisons, report.generatedAt),
    tables(report),
    spikes(report),
    stale(report.stale),
    missing(report.missing),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** One line of text high: a subject's row stays one line. */
const REPORT_SPARKLINE_HEIGHT = 18;
const section = (id: string, title: string, body: string) => `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
const none = (text: string) => `<p class="none">${text}</p>`;
const list = (items: string[]) => `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
type Named = { kind: string; key: string; label: string };
/** A table cell's name: "ChatGLM-6B", its flags, and "GitHub repositories · THUDM/ChatGLM-6B" below. */
/** A table cell's name; the key below only when it says more than the label (a repository's label is its key). */
const cellName = (s: Named, withKind: boolean, flags = '') => {
  const below = [withKind ? esc(kindTitle(s.kind)) : '', s.key !== s.label ? esc(s.key) : ''].filter(Boolean).join(' · ');
  return `${esc(s.label)}${flags}${below ? `<span class="key">${below}</span>` : ''}`;
};
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

/** Links to every section and to each kind's table, with how many entries each holds. */
function contents(report: Report): string {
  const link = (id: string, text: string, count?: number) =>
    `<li><a href="#${id}">${text}</a>${count === undefined ? '' : ` <span class="muted">${formatNumber(count)}</span>`}</li>`;
  const kinds = subjectTables(report.rows).map(({ kind, subjects }) => link(kindId(kind), esc(kindTitle(kind)), subjects.length));
  return [
    '<nav class="contents">',
    '<ul>',
    link('movers', 'Headline movers'),
    link('comparisons', 'Comparisons', report.comparisons.length),
    link('series', 'All subjects'),
    ...(kinds.length ? [`<li><ul>\n${kinds.join('\n')}\n</ul></li>`] : []),
    link('spikes', 'Spikes', report.spikes.length),
    link('stale', 'Stale series', report.stale.length),
    link('missing', 'Missing', report.missing.length),
    '</ul>',
    '</nav>',
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

function comparisons(all: Comparison[], generatedAt: string): string {
  if (all.length === 0) return section('comparisons', 'Comparisons', none('No comparisons configured.'));
  const articles = all.map((comparison) => {
    const chart = renderComparisonChart(comparison, generatedAt);
    return [
      '<article class="comparison">',
      `<h3>${esc(comparison.name)}</h3>`,
      `<p>${esc(comparison.sentence)}</p>`,
      `<p class="meta">${esc(comparison.growthSentence)}</p>`,
      chart,
      '</article>',
    ].join('\n');
  });
  return section('comparisons', 'Comparisons', `<div class="comparisons">\n${articles.join('\n')}\n</div>`);
}

const FLAG_LEGEND =
  '<p class="legend"><span class="flag stale">stale</span> no sample inside the week: the figure is the last one before. ' +
  '<span class="flag reconstructed">reconstructed</span> the figure was rebuilt from history (backfill), not observed. ' +
  `<span class="flag spike">spike</span> this week's delta is over ${SPIKE_FACTOR}× the median of the weeks before (the last 8 with figures, at least 3). ` +
  'Each line is drawn on its own scale, so only the change beside it tells its size. Smaller figures are the change this week.</p>';

/** The anchor of a kind's table, for the contents; a kind is a name of ours, escaped all the same. */
const kindId = (kind: string) => esc(`kind-${kind}`);
/** "open issues" as a column heading: "Open issues". */
const heading = (kind: string, metric: string) => esc(metricTitle(kind, metric).replace(/^./, (first) => first.toUpperCase()));

/**
 * A table per kind, a row per subject, fastest-growing first: its main figure with the
 * week's change, 12 weeks' line and %, then a column per other figure its kind has.
 */
function tables(report: Report): string {
  const histories = new Map(report.history.map((series) => [seriesKey(series), series]));
  const spiking = new Set(report.spikes.map(seriesKey));
  const body = subjectTables(report.rows).map(({ kind, subjects }) => {
    const [main = '', ...others] = tableColumns(kind, subjects);
    const allReconstructed = everyFigureReconstructed(subjects);
    return [
      `<h3 id="${kindId(kind)}">${esc(kindTitle(kind))}</h3>`,
      ...(allReconstructed ? [WHOLE_TABLE_RECONSTRUCTED] : []),
      '<div class="wide">',
      '<table class="series">',
      `<colgroup><col class="name"><col class="value"><col class="change"><col class="trend"><col class="pct">${'<col class="other">'.repeat(others.length)}</colgroup>`,
      `<thead><tr><th>Subject</th><th class="num">${heading(kind, main)}</th><th class="num">This week</th><th>12 weeks</th><th class="num">%</th>` +
        `${others.map((metric) => `<th class="num">${heading(kind, metric)}</th>`).join('')}</tr></thead>`,
      '<tbody>',
      ...subjects.map((subject) => tableRow(subject, main, others, histories, spiking, !allReconstructed)),
      '</tbody>',
      '</table>',
      '</div>',
    ].join('\n');
  });
  return section('series', 'All subjects', report.rows.length ? `${FLAG_LEGEND}\n${body.join('\n')}` : none('No figures this week.'));
}

const WHOLE_TABLE_RECONSTRUCTED =
  '<p class="legend">Every figure in this table is <span class="flag reconstructed">reconstructed</span> from history (backfill), not observed.</p>';

/**
 * One subject: flags of its main figure (stale, reconstructed) and of any figure (spike),
 * then its figures by column, "–" where it has none. `flagReconstructed`: false when the
 * table says it once for every row.
 */
function tableRow(
  subject: SubjectRow,
  main: string,
  others: string[],
  histories: Map<string, SeriesHistory>,
  spiking: Set<string>,
  flagReconstructed: boolean,
): string {
  const figures = [subject.main, ...subject.others];
  const figure = (metric: string) => figureOf(subject, metric);
  const first = subject.main;
  const spikes = figures.filter((row) => spiking.has(seriesKey(row))).map((row) => metricTitle(row.kind, row.metric));
  const flags = [
    first.stale ? `<span class="flag stale" title="last sample ${esc(formatUtcMinute(first.observedAt))}">stale</span>` : '',
    first.reconstructed && flagReconstructed ? '<span class="flag reconstructed">reconstructed</span>' : '',
    spikes.length ? `<span class="flag spike" title="spike in ${esc(spikes.join(', '))}">spike</span>` : '',
  ].join('');
  const row = figure(main);
  const history = row && histories.get(seriesKey(row));
  // The line has its own scale: its title says so and gives the change, which also stands in the cell beside it.
  const trend =
    row && history
      ? renderSparkline(`${row.label} ${metricTitle(row.kind, row.metric)}, this week ${formatSigned(row.delta)}; 12 weeks on their own scale`, history.weeks, REPORT_SPARKLINE_HEIGHT)
      : '–';
  const other = (metric: string) => {
    const cell = figure(metric);
    return `<td class="num">${cell ? `${formatNumber(cell.value)}<small>${formatSigned(cell.delta)}</small>` : '–'}</td>`;
  };
  return (
    `<tr><td>${cellName(first, false, flags)}</td><td class="num">${formatNumber(row?.value ?? null)}</td>` +
    `<td class="num change">${formatSigned(row?.delta ?? null)}</td><td class="trend">${trend}</td>` +
    `<td class="num">${formatGrowth(row?.growthPct ?? null)}</td>${others.map(other).join('')}</tr>`
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
