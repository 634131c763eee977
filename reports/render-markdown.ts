import { seriesKey } from '../schema/subject-key.ts';
import { SPIKE_FACTOR } from './build-report.ts';
import { formatGrowth, formatNumber, formatSigned, kindTitle } from './format.ts';
import type { Report, ReportRow } from './report.ts';

/**
 * The report for people: headline movers, one sentence per comparison, one table per
 * kind, then what needs attention (spikes, stale series, missing subjects). Upstream
 * strings are escaped so they can neither break a table nor inject HTML.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [
    `# OSS Pulse weekly report: ${report.week} (${report.weekStart} – ${report.weekEnd})`,
    '',
    `_${report.rows.length} series; generated_at ${report.generatedAt}._`,
    '',
    ...movers(report),
    ...comparisons(report),
    ...tables(report),
    ...attention(report),
  ];
  return `${out.join('\n').trimEnd()}\n`;
}

function movers(report: Report): string[] {
  const list = (rows: ReportRow[], figure: (row: ReportRow) => string) =>
    rows.length ? rows.map((row) => `${name(row)} ${figure(row)}`).join(' · ') : 'none this week';
  return [
    '## Headline movers',
    '',
    `- **Largest growth:** ${list(report.movers.byDelta, (row) => `${formatSigned(row.delta)} ${row.metric}`)}`,
    `- **Largest % growth:** ${list(report.movers.byGrowthPct, (row) => `${formatGrowth(row.growthPct)} ${row.metric}`)}`,
    '',
  ];
}

function comparisons(report: Report): string[] {
  if (report.comparisons.length === 0) return [];
  return [
    '## Comparisons',
    '',
    ...report.comparisons.flatMap((comparison) => [
      `### ${escape(comparison.name)}`,
      '',
      escape(comparison.sentence),
      '',
      `${escape(comparison.growthSentence)}`,
      '',
    ]),
  ];
}

function tables(report: Report): string[] {
  const spiking = new Set(report.spikes.map(seriesKey));
  const kinds = [...new Set(report.rows.map((row) => row.kind))];
  return kinds.flatMap((kind) => [
    `## ${kindTitle(kind)}`,
    '',
    '| Name | Metric | Value | Previous | Change | Growth | Notes |',
    '|---|---|--:|--:|--:|--:|---|',
    ...report.rows
      .filter((row) => row.kind === kind)
      .map((row) => {
        const notes = [
          row.stale ? `stale (last sample ${row.observedAt.slice(0, 10)})` : '',
          row.reconstructed ? 'reconstructed' : '',
          spiking.has(seriesKey(row)) ? 'spike' : '',
        ].filter(Boolean);
        return `| ${escape(row.label)} | ${row.metric} | ${formatNumber(row.value)} | ${formatNumber(row.previousValue)} | ${formatSigned(row.delta)} | ${formatGrowth(row.growthPct)} | ${notes.join(', ')} |`;
      }),
    '',
  ]);
}

function attention(report: Report): string[] {
  const out: string[] = [];
  if (report.spikes.length) {
    out.push('## Spikes', '', ...report.spikes.map((s) => `- ${escape(s.label)} ${s.metric}: ${formatSigned(s.delta)} this week, over ${SPIKE_FACTOR}× the median weekly change of ${formatNumber(s.medianDelta)} over the ${s.baselineWeeks} weeks before`), '');
  }
  if (report.stale.length) {
    out.push('## Stale series', '', '_No sample inside the week: the figure shown is the last one before._', '');
    out.push(...report.stale.map((row) => `- ${name(row)} ${row.metric}: last sample ${row.observedAt}`), '');
  }
  if (report.missing.length) {
    out.push('## Missing', '');
    out.push(...report.missing.map((m) => `- ${kindTitle(m.kind)}: ${escape(m.key)}: ${m.reason === 'not_found' ? 'not found upstream' : 'never collected'}`), '');
  }
  return out;
}

const name = (row: ReportRow) => `**${escape(row.label)}**`;

/** Markdown and HTML metacharacters of upstream strings made literal. */
export function escape(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}
