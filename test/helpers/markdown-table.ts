/**
 * The rows of the first table under a `## heading` of a Markdown text, as trimmed cells
 * (the header and the `|---|` line left out). Cells holding `|` are not supported: the
 * README's tables have none.
 */
export function markdownTableRows(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) throw new Error(`no "## ${heading}" section`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(line.trim().replace(/^\|/, '').replace(/\|$/, '').split(' | ').map((cell) => cell.trim()));
  }
  return rows.slice(2);
}
