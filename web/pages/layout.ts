import { escapeHtml } from '../../reports/html-parts.ts';

export interface PageInput {
  title: string;
  /** Which item of the navigation is this page's. */
  section: 'overview' | 'compare' | 'reports' | 'series';
  /** Trusted HTML: every upstream string in it has been escaped by the page that built it. */
  body: string;
}

const NAV: readonly [PageInput['section'], string, string][] = [
  ['overview', '/', 'Overview'],
  ['series', '/series/', 'Series'],
  ['compare', '/compare', 'Compare'],
  ['reports', '/reports/', 'Reports'],
];

/** A whole page: its stylesheet and icon come from this server (the CSP allows nothing else). */
export function renderPage(input: PageInput): string {
  const nav = NAV.map(
    ([section, href, text]) => `<a href="${href}"${section === input.section ? ' aria-current="page"' : ''}>${text}</a>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(input.title)} · OSS Pulse</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
</head>
<body>
<header class="top"><a class="brand" href="/">OSS Pulse</a><nav>${nav}</nav></header>
<main>
${input.body}
</main>
<footer>OSS Pulse · figures from the database every command uses · <a href="/api/series">API</a></footer>
</body>
</html>
`;
}

/** A chart image that follows the reader's light or dark theme. */
export function chartPicture(src: string, alt: string): string {
  const dark = `${src}${src.includes('?') ? '&' : '?'}theme=dark`;
  return `<picture class="chart"><source media="(prefers-color-scheme: dark)" srcset="${escapeHtml(dark)}"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy"></picture>`;
}

/** A query string of repeated and single parameters, encoded. */
export function queryString(params: [string, string][]): string {
  return params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}
