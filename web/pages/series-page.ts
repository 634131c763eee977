// `/series/{kind}/{key}`: one subject, every metric's whole history, its weekly changes, renames and failures.
import { renderDeltaBars } from '../../reports/charts/delta-bars.ts';
import { formatCompact, kindTitle, metricTitle } from '../../reports/format.ts';
import { escapeHtml as esc } from '../../reports/html-parts.ts';
import type { DayPoint, LastRun, RecentFailure, SeriesSpan, SubjectRecord, WeekPoint } from '../queries.ts';
import { seriesPath } from '../../reports/series-path.ts';
import { chartPicture, queryString, renderPage } from './layout.ts';
import { ago, change, flag, growth, number } from './page-parts.ts';

export interface SeriesPageModel {
  subject: SubjectRecord;
  metrics: { span: SeriesSpan; days: DayPoint[]; weeks: WeekPoint[] }[];
  failures: RecentFailure[];
  lastRun: LastRun | undefined;
  /** Where the server is reached, for the embed snippets. */
  origin: string;
}

/** Weeks of changes drawn as bars and listed in the table. */
const RECENT_WEEKS = 26;

export function renderSeriesPage(model: SeriesPageModel, now: Date): string {
  const { subject } = model;
  const status = subject.status === 'not_found' ? flag('missing', 'not found', 'the upstream no longer has it') : '';
  const aliases = subject.aliases.length ? ` · formerly ${subject.aliases.map((alias) => `<code>${esc(alias)}</code>`).join(', ')}` : '';
  const run = model.lastRun ? ` · last ${esc(model.lastRun.source)} round ${ago(model.lastRun.finished_at ?? model.lastRun.started_at, now)} (${esc(model.lastRun.status)})` : '';
  const header = `<h1>${esc(subject.label)}${status}</h1>
<p class="meta">${esc(kindTitle(subject.kind))} · <code>${esc(subject.key)}</code>${aliases} · first seen ${esc(subject.first_seen_at.slice(0, 10))}${run}</p>`;
  const sections = model.metrics.map((metric) => metricSection(model, metric));
  const body = [header, ...sections, failures(model.failures), embeds(model)].join('\n');
  return renderPage({ title: subject.label, section: 'series', body });
}

function metricSection(model: SeriesPageModel, metric: SeriesPageModel['metrics'][number]): string {
  const { subject } = model;
  const ref = `${subject.kind}:${subject.key}@${metric.span.metric}`;
  const backfilled = metric.days.some((day) => day.origin === 'backfill');
  const originOf = new Map(metric.days.map((day) => [day.t, day.origin]));
  const recent = metric.weeks.slice(-RECENT_WEEKS);
  const bars = renderDeltaBars(
    `${subject.label}: ${metricTitle(subject.kind, metric.span.metric)}, change per week`,
    recent.map((week) => ({ label: week.week, delta: week.delta, backfill: originOf.get(week.observed_at.slice(0, 10)) === 'backfill' })),
  );
  const rows = [...recent].reverse().slice(0, 12).map(
    (week) => `<tr><td>${esc(week.week)}</td><td class="num">${number(week.value)}</td><td class="num">${change(week.delta)}</td><td class="num">${growth(week.growth_pct)}</td></tr>`,
  );
  const name = metricTitle(subject.kind, metric.span.metric);
  return `<section class="card">
<h2>${esc(name)}: ${number(metric.span.last_value)}</h2>
<p class="meta">${number(metric.days.length)} ${metric.days.length === 1 ? "day" : "days"} of figures since ${esc(metric.days[0]?.t ?? metric.span.first_observed_at.slice(0, 10))}${backfilled ? ' · the dashed stretch is reconstructed from history (backfill)' : ''} · <a href="/compare?${esc(queryString([['series', ref]]))}">compare…</a></p>
${chartPicture(`/embed/chart.svg?${queryString([['series', ref], ['range', 'all']])}`, `${subject.label}: ${name} over time`)}
${bars ? `<h3>Change per week</h3>${bars}` : ''}
<table><thead><tr><th>Week</th><th class="num">Value</th><th class="num">Change</th><th class="num">%</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function failures(list: RecentFailure[]): string {
  if (list.length === 0) return '';
  const rows = list.map(
    (failure) => `<tr><td>${esc(failure.failed_at.replace('T', ' ').slice(0, 16))}</td><td>run ${failure.run_id}</td><td>${esc(failure.metric ?? 'all')}</td><td>${esc(failure.error_kind)}</td><td>${esc(failure.message)}</td></tr>`,
  );
  return `<h2>Recent failures</h2><table><thead><tr><th>When (UTC)</th><th>Run</th><th>Metric</th><th>Kind</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Copy-paste snippets for a README: the badge and the chart, as Markdown. */
function embeds(model: SeriesPageModel): string {
  const { subject } = model;
  const metric = model.metrics[0]?.span.metric;
  if (!metric) return '';
  const badge = `${model.origin}${seriesPath('/badge', subject.kind, subject.key)}.svg?metric=${encodeURIComponent(metric)}`;
  const chart = `${model.origin}/embed/chart.svg?${queryString([['series', `${subject.kind}:${subject.key}@${metric}`]])}`;
  const api = `${seriesPath('/api/series', subject.kind, subject.key)}?metric=${encodeURIComponent(metric)}`;
  return `<h2>Embed and export</h2>
<p><img src="${esc(badge)}" alt="${esc(`${metricTitle(subject.kind, metric)} badge`)}"> <span class="muted">${esc(formatCompact(model.metrics[0]?.span.last_value ?? 0))} ${esc(metricTitle(subject.kind, metric))}</span></p>
<pre>![${esc(metricTitle(subject.kind, metric))}](${esc(badge)})
![${esc(markdownText(subject.label))}](${esc(chart)})</pre>
<p>Data: <a href="${esc(api)}">JSON</a> · <a href="${esc(`${api}&interval=week`)}">weekly JSON</a> · <a href="${esc(api.replace('?', '.csv?'))}">CSV</a></p>`;
}

/** A label as Markdown image text: brackets and backslashes escaped, so a label cannot end the text or start a link. */
function markdownText(text: string): string {
  return text.replace(/[\\[\]()]/g, (char) => `\\${char}`).replace(/\s+/g, ' ');
}
