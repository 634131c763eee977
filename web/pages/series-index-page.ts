// `/series/` (every kind and how many subjects it has) and `/series/{kind}/` (that kind's subjects, a page at a time).
import { kindTitle, metricTitle } from '../../reports/format.ts';
import { escapeHtml as esc } from '../../reports/html-parts.ts';
import type { SeriesListing } from '../queries.ts';
import { seriesPath } from '../../reports/series-path.ts';
import { renderPage } from './layout.ts';
import { ago, flag, number, seriesName } from './page-parts.ts';

export const INDEX_PAGE_SIZE = 200;

export function renderKindsPage(counts: { kind: string; subjects: number; series: number }[]): string {
  const rows = counts.map(
    (entry) => `<tr><td><a href="${esc(seriesPath('/series', entry.kind, ''))}">${esc(kindTitle(entry.kind))}</a><span class="key">${esc(entry.kind)}</span></td><td class="num">${number(entry.subjects)}</td><td class="num">${number(entry.series)}</td></tr>`,
  );
  const body = rows.length
    ? `<h1>Series</h1><table><thead><tr><th>Kind</th><th class="num">Subjects</th><th class="num">Series</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<h1>Series</h1><div class="empty">No figures yet: <code>npx oss-pulse collect</code> stores the first ones.</div>';
  return renderPage({ title: 'Series', section: 'series', body });
}

/** One page of a kind's series (`listing` is that page's rows; `total` counts them all). */
export function renderKindPage(kind: string, listing: (SeriesListing & { status?: string })[], page: number, total: number, now: Date): string {
  const pages = Math.max(1, Math.ceil(total / INDEX_PAGE_SIZE));
  const rows = listing.map(
    (row) => `<tr><td>${seriesName(row, { flags: row.status === 'not_found' ? flag('missing', 'not found', 'the upstream no longer has it') : '' })}</td><td>${esc(metricTitle(kind, row.metric))}</td><td class="num">${number(row.value)}</td><td class="num">${ago(row.observed_at, now)}</td></tr>`,
  );
  const link = (n: number, text: string) => `<a href="${esc(seriesPath('/series', kind, ''))}?page=${n}">${text}</a>`;
  const pager =
    pages > 1
      ? `<p class="pager">${page > 1 ? link(page - 1, '← previous') : ''}<span class="muted">page ${page} of ${pages}</span>${page < pages ? link(page + 1, 'next →') : ''}</p>`
      : '';
  const body = `<h1>${esc(kindTitle(kind))}</h1><p class="meta">${number(total)} series</p>${pager}
<table><thead><tr><th>Series</th><th>Metric</th><th class="num">Latest</th><th class="num">Observed</th></tr></thead><tbody>${rows.join('')}</tbody></table>${pager}`;
  return renderPage({ title: kindTitle(kind), section: 'series', body });
}
