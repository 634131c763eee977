import { escapeHtml as esc } from '../../reports/html-parts.ts';
import { renderPage } from './layout.ts';

const TITLES: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 414: 'URL too long', 500: 'Something went wrong' };

/** A page's error as a page: the status, what was wrong, and the way back. */
export function renderErrorPage(status: number, message: string): string {
  const title = TITLES[status] ?? `Error ${status}`;
  return renderPage({
    title,
    section: 'overview',
    body: `<h1>${esc(title)}</h1><p class="empty">${esc(message)}</p><p><a href="/">Back to the overview</a> · <a href="/series/">every series</a></p>`,
  });
}
