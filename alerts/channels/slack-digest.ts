import { breakMentions, clip, escapeSlack, SECTION_MAX } from './slack-text.ts';

// The weekly Markdown report (reports/render-markdown.ts) in Slack's mrkdwn, which has
// no headings, no tables and single-star bold: headings and `**bold**` become `*bold*`,
// list items bullets, tables aligned columns in a code block. Markdown's backslash
// escapes are undone and the text escaped again by Slack's rules, so a label stays text.

/** Sections a digest may fill: Slack allows 50 blocks a message, and the header and link take some. */
const MAX_SECTIONS = 45;

/** Widest table cell shown; a long label would push the figures off a phone screen. */
const CELL_MAX = 40;

const TRUNCATED = '_… the rest is in the full report._';

/** The report as mrkdwn section texts, each within Slack's limit. */
export function digestSections(markdown: string): string[] {
  const units: string[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.trimStart().startsWith('|')) {
      units.push(clip(convertLine(lines[i] ?? ''), SECTION_MAX));
      continue;
    }
    const table: string[] = [];
    for (; i < lines.length && lines[i]?.trimStart().startsWith('|'); i++) table.push(lines[i] ?? '');
    i--;
    units.push(...tableBlocks(table));
  }
  const sections = pack(units);
  return sections.length > MAX_SECTIONS ? [...sections.slice(0, MAX_SECTIONS - 1), TRUNCATED] : sections;
}

function convertLine(line: string): string {
  const heading = /^#{1,6}\s+(.*)$/.exec(line);
  if (heading) return `*${inline(heading[1] ?? '')}*`;
  const item = /^\s*[-*]\s+(.*)$/.exec(line);
  if (item) return `• ${inline(item[1] ?? '')}`;
  return inline(line);
}

/** Markdown inline text as mrkdwn: `**` to `*`, backslash escapes undone, &, <, > escaped for Slack. */
function inline(text: string): string {
  const converted = text.replace(/\\([\\`*_[\]|~#])|\*\*|&(?:lt|gt);|[&<>]/g, (match, escaped: string | undefined) => {
    if (escaped !== undefined) return escaped;
    if (match === '**') return '*';
    if (match.length > 1) return match; // &lt; and &gt; already are Slack's escapes
    return escapeSlack(match);
  });
  return breakMentions(converted);
}

/** A Markdown table as aligned columns in code blocks, each within a section; the header row repeats in each. */
function tableBlocks(lines: string[]): string[] {
  const rows = lines.map(cellsOf);
  const separator = rows.findIndex((cells) => cells.length > 0 && cells.every((cell) => /^:?-+:?$/.test(cell)));
  const right = separator === -1 ? [] : (rows[separator] ?? []).map((cell) => cell.endsWith(':'));
  const body = rows.filter((_, i) => i !== separator).map((cells) => cells.map((cell) => cut(unescapeCell(cell))));
  const widths: number[] = [];
  for (const cells of body) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const text = body.map((cells) => {
    const padded = cells.map((cell, i) => (right[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)));
    // Backticks would close the code block early: a label could then format and link again.
    return escapeSlack(padded.join('  ').trimEnd()).replace(/`/g, "'");
  });
  const [head = '', ...rest] = text;
  const blocks: string[] = [];
  let current: string[] = [head];
  for (const row of rest) {
    if (fence([...current, row]).length > SECTION_MAX && current.length > 1) {
      blocks.push(fence(current));
      current = [head];
    }
    current.push(row);
  }
  blocks.push(clip(fence(current), SECTION_MAX));
  return blocks;
}

const fence = (rows: string[]) => `\`\`\`\n${rows.join('\n')}\n\`\`\``;

/** The cells of `| a | b |`, split at pipes Markdown did not escape. */
function cellsOf(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
}

function unescapeCell(cell: string): string {
  return cell.replace(/\\([\\`*_[\]|~#])/g, '$1').replace(/\*\*/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function cut(cell: string): string {
  const chars = [...cell];
  return chars.length > CELL_MAX ? `${chars.slice(0, CELL_MAX - 1).join('')}…` : cell;
}

/** Units joined by newlines into as few sections as Slack's limit allows. */
function pack(units: string[]): string[] {
  const sections: string[] = [];
  let current = '';
  for (const unit of units) {
    const joined = current === '' ? unit : `${current}\n${unit}`;
    if (joined.length <= SECTION_MAX) {
      current = joined;
      continue;
    }
    if (current.trim() !== '') sections.push(current);
    current = unit;
  }
  if (current.trim() !== '') sections.push(current);
  return sections.map((section) => section.replace(/^\n+|\n+$/g, '')).filter((section) => section !== '');
}
