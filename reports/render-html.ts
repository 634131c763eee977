import { SPIKE_FACTOR } from './build-report.ts';
import { renderComparisonChart } from './comparison-chart.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { escapeHtml as esc, REPORT_CSS } from './html-parts.ts';
import { FLAG_LEGEND, kindId, subjectTablesHtml } from './html-subject-tables.ts';
import type { Comparison, MissingSubject, MoverGroup, Report, ReportRow } from './report.ts';
import { moverGroupTitle, moverRows } from './mover-rows.ts';
import { emptyWeekAdvice, missingGroups, missingWords, reportTitle, weekSpan } from './report-intro.ts';
import { subjectTables } from './subject-rows.ts';
import { leaderChanges, overtakeText, spikeText, waitingWindowsNote } from './week-story.ts';

/**
 * The report as one self-contained HTML page: inline CSS and SVG only, no script and
 * nothing fetched, so it opens offline and in a mail client. Pure: the same report gives
 * the same bytes. Every string that came from an upstream or the config (labels, keys,
 * names, sentences, even metrics and weeks) passes through `escapeHtml`.
 *
 * The week's story comes first (movers, spikes, changes of leader), then the comparisons,
 * then every subject's figures, then what needs looking after (stale and missing).
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
    story(report),
    comparisons(report.comparisons, report.generatedAt),
    section('series', 'All subjects', report.rows.length ? `${FLAG_LEGEND}\n${subjectTablesHtml(report)}` : none('No figures this week.')),
    `<div class="attention">\n${stale(report.stale)}\n${missing(report.missing)}\n</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const section = (id: string, title: string, body: string) => `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
const none = (text: string) => `<p class="none">${text}</p>`;
const optional = (text: string | undefined, markup: (text: string) => string) => (text ? [markup(text)] : []);
const list = (items: string[]) => `<ul>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</ul>`;
type Named = { kind: string; key: string; label: string };
/** A name in a list: the label, its kind and (when it says more) its key beside it. */
const inlineName = (s: Named) =>
  `<strong>${esc(s.label)}</strong> <span class="muted">${esc(kindTitle(s.kind))}${s.key === s.label ? '' : ` · ${esc(s.key)}`}</span>`;

/** Why the week has no figures and what to run, its commands marked as code. */
const advice = (report: Report) => optional(emptyWeekAdvice(report), (text) => `<p class="advice">${esc(text).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`);

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
    link('spikes', 'Spikes', report.spikes.length),
    link('overtakes', 'Overtakes', leaderChanges(report.comparisons).length),
    link('comparisons', 'Comparisons', report.comparisons.length),
    link('series', 'All subjects'),
    link('stale', 'Stale series', report.stale.length),
    link('missing', 'Missing', report.missing.length),
    '</ul>',
    ...(kinds.length ? [`<ul class="kinds">\n${kinds.join('\n')}\n</ul>`] : []),
    '</nav>',
  ].join('\n');
}

/** The week at a glance: the largest movers of each kind, then the spikes and the changes of leader. */
function story(report: Report): string {
  const changes = leaderChanges(report.comparisons);
  const spikes = report.spikes.map((spike) => `${inlineName(spike)} ${esc(spikeText(spike))}`);
  return section(
    'movers',
    'Headline movers',
    [
      report.movers.length ? `<div class="movers">\n${report.movers.map(moverGroup).join('\n')}\n</div>` : none('No figure grew this week.'),
      `<h3 id="spikes">Spikes</h3>`,
      spikes.length ? list(spikes) : none(`None: no figure changed by over ${SPIKE_FACTOR}× its usual weekly change.`),
      ...optional(waitingWindowsNote(report), (note) => `<p class="legend">${esc(note)}</p>`),
      `<h3 id="overtakes">Overtakes</h3>`,
      changes.length
        ? list(changes.map((change) => esc(overtakeText(change))))
        : none(report.comparisons.length ? 'None: every comparison kept its leader.' : 'No comparisons configured.'),
    ].join('\n'),
  );
}

/** A kind's movers by its main figure: the largest changes, then the fastest growers not among them. */
function moverGroup(group: MoverGroup): string {
  const row = (mover: ReportRow) =>
    `<tr><td title="${esc(`${kindTitle(mover.kind)} · ${mover.key}`)}">${esc(mover.label)}</td>` +
    `<td class="num">${formatSigned(mover.delta)}</td><td class="num">${formatGrowth(mover.growthPct)}</td></tr>`;
  return `<div>\n<h3>${esc(moverGroupTitle(group))}</h3>\n<table>\n<tbody>\n${moverRows(group).map(row).join('\n')}\n</tbody>\n</table>\n</div>`;
}

function comparisons(all: Comparison[], generatedAt: string): string {
  if (all.length === 0) return section('comparisons', 'Comparisons', none('No comparisons configured.'));
  const articles = all.map((comparison) =>
    [
      '<article class="comparison">',
      `<h3>${esc(comparison.name)}</h3>`,
      `<p>${esc(comparison.sentence)}</p>`,
      `<p class="meta">${esc(comparison.growthSentence)}</p>`,
      renderComparisonChart(comparison, generatedAt),
      '</article>',
    ].join('\n'),
  );
  return section('comparisons', 'Comparisons', `<div class="comparisons">\n${articles.join('\n')}\n</div>`);
}

function stale(rows: ReportRow[]): string {
  const items = rows.map((row) => `${inlineName(row)} ${esc(metricTitle(row.kind, row.metric))}: last sample ${esc(formatUtcMinute(row.observedAt))}`);
  return section(
    'stale',
    'Stale series',
    items.length ? `<p class="legend">No sample inside the week: the figure shown is the last one before.</p>\n${list(items)}` : none('None this week.'),
  );
}

/** Configured subjects without figures, a line per kind and reason. */
function missing(subjects: MissingSubject[]): string {
  const items = missingGroups(subjects).map(
    (group) => `${esc(kindTitle(group.kind))}, ${esc(missingWords(group))}: ${group.keys.map((key) => `<code>${esc(key)}</code>`).join(', ')}`,
  );
  return section('missing', 'Missing', items.length ? list(items) : none('None: every configured subject has figures this week.'));
}
