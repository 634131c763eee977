import { escapeHtml as esc } from '../../reports/html-parts.ts';
import { renderPage } from './layout.ts';

export interface ReportFiles {
  week: string;
  files: string[];
}

const FORMAT_NAMES: Record<string, string> = { html: 'HTML', md: 'Markdown', csv: 'CSV', json: 'JSON' };

export function renderReportsPage(weeks: ReportFiles[], dir: string): string {
  const rows = weeks.map(({ week, files }) => {
    const links = files.map((file) => `<a href="/reports/${encodeURIComponent(file)}">${FORMAT_NAMES[file.split('.').pop() ?? ''] ?? esc(file)}</a>`);
    return `<tr><td>${esc(week)}</td><td>${links.join(' · ')}</td></tr>`;
  });
  const body = weeks.length
    ? `<h1>Weekly reports</h1><p class="meta">${weeks.length} weeks in <code>${esc(dir)}</code></p>
<table><thead><tr><th>Week</th><th>Files</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : `<h1>Weekly reports</h1><div class="empty">No reports in <code>${esc(dir)}</code> yet. <code>npx oss-pulse report</code> writes the last complete week's;
the <code>report</code> schedule writes one every week (with <code>worker --schedule</code> or <code>serve --collect</code>).</div>`;
  return renderPage({ title: 'Weekly reports', section: 'reports', body });
}
