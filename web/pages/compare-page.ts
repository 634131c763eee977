// `/compare?series=REF&series=REF…`: any series side by side, linear or log, aligned by date or by first day.
import { metricTitle } from '../../reports/format.ts';
import { escapeHtml as esc } from '../../reports/html-parts.ts';
import type { ComparedSeries } from '../compared-series.ts';
import type { Align, Range, Scale } from '../request-params.ts';
import { chartPicture, queryString, renderPage } from './layout.ts';
import { number, seriesName } from './page-parts.ts';

export interface ComparePageModel {
  refs: string[];
  series: ComparedSeries[];
  scale: Scale;
  align: Align;
  range: Range;
  /** The config's comparisons, offered as starting points. */
  comparisons: { name: string; refs: string[] }[];
  /** A reference that could not be shown, and why (the form keeps it so it can be fixed). */
  problem?: string;
}

/** Empty inputs below the given series, for adding more without script. */
const SPARE_INPUTS = 2;

export function renderComparePage(model: ComparePageModel): string {
  const inputs = [...model.refs, ...Array.from({ length: SPARE_INPUTS }, () => '')].map(
    (ref, i) => `<input type="text" name="series" value="${esc(ref)}" placeholder="KIND:KEY[@METRIC], e.g. github_repo:ollama/ollama@stars" aria-label="series ${i + 1}">`,
  );
  const option = (name: string, value: string, current: string, text: string) =>
    `<label><input type="radio" name="${name}" value="${value}"${value === current ? ' checked' : ''}> ${text}</label>`;
  const form = `<form class="compare" method="get" action="/compare">${inputs.join('')}
<div class="row">${option('scale', 'linear', model.scale, 'linear')}${option('scale', 'log', model.scale, 'log')}
<span class="muted">|</span>${option('align', 'date', model.align, 'by date')}${option('align', 'first', model.align, 'by first day')}
<span class="muted">|</span>${option('range', '90d', model.range, '90 days')}${option('range', '1y', model.range, '1 year')}${option('range', 'all', model.range, 'all')}
<button type="submit">Compare</button></div></form>`;
  const problem = model.problem ? `<p class="empty">${esc(model.problem)}</p>` : '';
  const chart = model.series.length
    ? chartPicture(
        `/embed/chart.svg?${queryString([...model.series.map((s) => ['series', s.ref] as [string, string]), ['range', model.range], ['scale', model.scale], ['align', model.align]])}`,
        `${model.series.map((s) => s.label).join(' vs ')}`,
      ) + table(model.series)
    : '';
  const starters = model.comparisons.length
    ? `<h2>From the config</h2><ul>${model.comparisons.map((c) => `<li><a href="/compare?${esc(queryString(c.refs.map((ref) => ['series', ref])))}">${esc(c.name)}</a></li>`).join('')}</ul>`
    : '';
  const body = `<h1>Compare</h1>${form}${problem}${chart}${model.series.length ? '' : starters}`;
  return renderPage({ title: 'Compare', section: 'compare', body });
}

function table(series: ComparedSeries[]): string {
  const rows = series.map((entry) => {
    const first = entry.points[0];
    const last = entry.points[entry.points.length - 1];
    return `<tr><td>${seriesName(entry, { withKind: true })}</td><td>${esc(metricTitle(entry.kind, entry.metric))}</td><td>${esc(first?.t ?? '–')}</td><td class="num">${number(first?.value ?? null)}</td><td class="num">${number(last?.value ?? null)}</td></tr>`;
  });
  return `<table><thead><tr><th>Series</th><th>Metric</th><th>First day</th><th class="num">First</th><th class="num">Latest</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
