// `/`: every comparison over its whole history with the week's sentence, the week's
// movers and spikes, and every series with its latest figure, change and trend.
import { renderSparkline } from '../../reports/charts/sparkline.ts';
import { kindTitle, metricTitle } from '../../reports/format.ts';
import { escapeHtml as esc } from '../../reports/html-parts.ts';
import { moverGroupTitle, moverRows } from '../../reports/mover-rows.ts';
import type { Comparison, MoverGroup } from '../../reports/report.ts';
import { seriesKey, subjectKey } from '../../schema/subject-key.ts';
import { subjectTables } from '../../reports/subject-rows.ts';
import { spikeText, waitingWindowsNote } from '../../reports/week-story.ts';
import type { OverviewModel } from '../overview-model.ts';
import { seriesPath } from '../../reports/series-path.ts';
import { chartPicture, queryString, renderPage } from './layout.ts';
import { ago, change, flag, growth, number, seriesName } from './page-parts.ts';

/** Rows per kind on the overview; the kind's own page lists them all. */
export const OVERVIEW_ROWS = 40;

export function renderOverview(model: OverviewModel, now: Date, options: { current: boolean }): string {
  const { report } = model;
  const title = options.current ? `Week ${report.week} so far` : `Week ${report.week}`;
  const runs = model.lastRuns.map((run) => `${esc(run.source)} ${ago(run.finished_at ?? run.started_at, now)}`).join(' · ');
  const header = [
    `<h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(report.weekStart)} to ${esc(report.weekEnd)} (UTC) · ${report.rows.length} series` +
      (runs ? ` · last collected: ${runs}` : '') +
      ` · <a href="/?week=${esc(report.week)}">permalink</a></p>`,
  ];
  if (report.rows.length === 0) {
    return renderPage({ title, section: 'overview', body: [...header, emptyState(model.firstFigureAt, report.weekEnd)].join('\n') });
  }
  const body = [...header, comparisons(report.comparisons), movers(model), cachedSeriesTables(model)].join('\n');
  return renderPage({ title, section: 'overview', body });
}

function emptyState(firstFigureAt: string | null, weekEnd: string): string {
  if (firstFigureAt !== null && firstFigureAt.slice(0, 10) > weekEnd) {
    return `<div class="empty"><p><strong>No figures for this week:</strong> the first figures are from ${esc(firstFigureAt.slice(0, 10))}.
<a href="/">The current week</a>, or <code>npx oss-pulse backfill</code> to rebuild the history the upstreams keep.</p></div>`;
  }
  return `<div class="empty"><p><strong>No figures yet.</strong></p>
<p><code>npx oss-pulse collect</code> stores the first round; <code>npx oss-pulse serve --collect</code> collects on the config's schedules while it serves this page;
<code>npx oss-pulse backfill</code> rebuilds the history the upstreams keep.</p></div>`;
}

function comparisons(all: Comparison[]): string {
  if (all.length === 0) return '';
  const cards = all.map((comparison) => {
    const refs = comparison.members.map((member) => ['series', `${member.kind}:${member.key}@${member.metric}`] as [string, string]);
    const src = `/embed/chart.svg?${queryString([...refs, ['range', 'all']])}`;
    return `<section class="card"><h3><a href="/compare?${esc(queryString(refs))}">${esc(comparison.name)}</a></h3>
<p>${esc(comparison.sentence)}</p><p class="muted">${esc(comparison.growthSentence)}</p>
${chartPicture(src, `${comparison.name}: ${comparison.sentence}`)}</section>`;
  });
  return `<h2>Comparisons</h2><div class="cards">${cards.join('\n')}</div>`;
}

function movers(model: OverviewModel): string {
  const groups = model.report.movers;
  // The week so far: windows of 1 or 30 days wait for Sunday's figures to be judged (as in the report).
  const waiting = waitingWindowsNote(model.report);
  if (groups.length === 0 && model.report.spikes.length === 0 && !waiting) return '';
  // A table per kind, by its main figure: the largest changes, then the fastest growers not among them.
  const table = (group: MoverGroup) =>
    `<div><h3>${esc(moverGroupTitle(group))}</h3><table><tbody>${moverRows(group)
      .map((row) => `<tr><td>${seriesName(row)}</td><td class="num">${change(row.delta)}</td><td class="num">${growth(row.growthPct)}</td></tr>`)
      .join('')}</tbody></table></div>`;
  const spikes = model.report.spikes.map(
    // In the report's words: "stars +3,700 this week, 26× the median weekly change (+140) of the 5 weeks before".
    (spike) => `<li>${seriesName(spike, { withKind: true })} ${esc(spikeText(spike))}</li>`,
  );
  return [
    '<h2>Movers</h2><div class="movers">',
    ...groups.map(table),
    '</div>',
    spikes.length || waiting ? `<h3>Spikes</h3>${spikes.length ? `<ul>${spikes.join('')}</ul>` : ''}${waiting ? `<p class="muted">${esc(waiting)}</p>` : ''}` : '',
  ].join('\n');
}

/**
 * The tables depend on the model alone, and building them ranks every subject (10,000
 * of them take ~150 ms): once per model, which the loader keeps until the data changes.
 */
const tablesOf = new WeakMap<OverviewModel, string>();
function cachedSeriesTables(model: OverviewModel): string {
  let tables = tablesOf.get(model);
  if (tables === undefined) tablesOf.set(model, (tables = seriesTables(model)));
  return tables;
}

function seriesTables(model: OverviewModel): string {
  const { report } = model;
  const histories = new Map(report.history.map((history) => [seriesKey(history), history]));
  const spikes = new Set(report.spikes.map((spike) => seriesKey(spike)));
  const notFound = new Set(report.missing.filter((subject) => subject.reason === 'not_found').map((subject) => subjectKey(subject.kind, subject.key)));
  const sections = subjectTables(report.rows).map(({ kind, subjects }) => {
    const shown = subjects.slice(0, OVERVIEW_ROWS);
    const body = shown.map(({ main, others }) => {
      const flags = [
        notFound.has(subjectKey(main.kind, main.key)) ? flag('missing', 'not found', 'the upstream no longer has it') : '',
        main.stale ? flag('stale', 'stale', `no sample this week; last one ${main.observedAt}`) : '',
        main.reconstructed ? flag('reconstructed', 'reconstructed', 'rebuilt from history (backfill), not observed') : '',
        spikes.has(seriesKey(main)) ? flag('spike', 'spike') : '',
      ].join('');
      const history = histories.get(seriesKey(main));
      const trend = history ? renderSparkline(`${main.label} ${metricTitle(main.kind, main.metric)}`, history.weeks) : '';
      const rest = others.map((row) => `${esc(metricTitle(row.kind, row.metric))} ${number(row.value)} ${change(row.delta)}`).join(' · ');
      return (
        `<tr><td>${seriesName(main, { flags })}${rest ? `<span class="others">${rest}</span>` : ''}</td><td>${esc(metricTitle(main.kind, main.metric))}</td>` +
        `<td class="num">${number(main.value)}</td><td class="num">${change(main.delta)}</td><td class="num">${growth(main.growthPct)}</td><td>${trend}</td></tr>`
      );
    });
    const more = subjects.length > shown.length ? `<p><a href="${esc(seriesPath('/series', kind, ''))}">All ${number(subjects.length)} ${esc(kindTitle(kind))} →</a></p>` : '';
    return `<h3>${esc(kindTitle(kind))}</h3><table class="series"><thead><tr><th>Subject</th><th>Metric</th><th class="num">Latest</th><th class="num">This week</th><th class="num">%</th><th>12 weeks</th></tr></thead><tbody>${body.join('')}</tbody></table>${more}`;
  });
  return `<h2>Every series</h2>${sections.join('\n')}`;
}
