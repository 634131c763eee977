// A subject's key in a URL path of the dashboard (its pages, and the links alerts
// carry to them): keys hold slashes (`owner/name`), so they are the path's tail, each
// segment percent-encoded (`@scope/pkg`, search text with spaces).

/** `/series/github_repo/ollama/ollama`, with each key segment encoded. */
export function seriesPath(prefix: string, kind: string, key: string): string {
  return `${prefix}/${encodeURIComponent(kind)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The key of a path's tail (Fastify has decoded it already), and whether it asked for CSV with `.csv`. */
export function keyFromPath(tail: string): { key: string; csv: boolean } {
  const csv = tail.endsWith('.csv');
  return { key: csv ? tail.slice(0, -4) : tail, csv };
}
