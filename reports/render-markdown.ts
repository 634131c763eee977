import { seriesKey } from '../schema/subject-key.ts';
import { SPIKE_FACTOR } from './build-report.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { moverGroupTitle, moverRows } from './mover-rows.ts';
import type { MissingSubject, MoverGroup, Report, ReportRow } from './report.ts';
import { emptyWeekAdvice, reportTitle, weekSpan } from './report-intro.ts';

/**
 * The report for people: headline movers, one sentence per comparison, one table per
 * kind, then what needs attention (spikes, stale series, missing subjects). Upstream
 * strings are escaped so they can neither break a table nor inject HTML.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [
    `# ${reportTitle(report)} (${weekSpan(report)})`,
    '',
    ...(emptyWeekAdvice(report) ? [emptyWeekAdvice(report) ?? '', ''] : []),
    `_${report.rows.length} series; generated ${formatUtcMinute(report.generatedAt)}._`,
    '',
    ...movers(report),
    ...comparisons(report),
    ...tables(report),
    ...attention(report),
  ];
  return `${out.join('\n').trimEnd()}\n`;
}

/** A line per kind, by its main figure: the largest changes, then the fastest growers not among them. */
function movers(report: Report): string[] {
  if (report.movers.length === 0) return ['## Headline movers', '', '_No figure grew this week._', ''];
  const line = (group: MoverGroup) => {
    const rows = moverRows(group).map((row) => `${name(row)} ${formatSigned(row.delta)} (${formatGrowth(row.growthPct)})`);
    return `- **${moverGroupTitle(group)}:** ${rows.join(' · ')}`;
  };
  return ['## Headline movers', '', ...report.movers.map(line), ''];
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
  return kinds.flatMap((kind) => {
    const rows = report.rows.filter((row) => row.kind === kind);
    // A backfill that covers the whole table is said once, under its heading, not on every row.
    const allReconstructed = rows.every((row) => row.reconstructed);
    return [
      `## ${kindTitle(kind)}`,
      '',
      ...(allReconstructed ? ['_Every figure in this table is reconstructed from history (backfill), not observed._', ''] : []),
      '| Name | Metric | Value | Previous | Change | Growth | Notes |',
      '|---|---|--:|--:|--:|--:|---|',
      ...rows.map((row) => {
        const notes = [
          row.stale ? `stale (last sample ${row.observedAt.slice(0, 10)})` : '',
          row.reconstructed && !allReconstructed ? 'reconstructed' : '',
          spiking.has(seriesKey(row)) ? 'spike' : '',
        ].filter(Boolean);
        return `| ${escape(row.label)} | ${metricTitle(row.kind, row.metric)} | ${formatNumber(row.value)} | ${formatNumber(row.previousValue)} | ${formatSigned(row.delta)} | ${formatGrowth(row.growthPct)} | ${notes.join(', ')} |`;
      }),
      '',
    ];
  });
}

function attention(report: Report): string[] {
  const out: string[] = [];
  if (report.spikes.length) {
    out.push('## Spikes', '', ...report.spikes.map((s) => `- ${escape(s.label)} ${metricTitle(s.kind, s.metric)}: ${formatSigned(s.delta)} this week, over ${SPIKE_FACTOR}× the median weekly change of ${formatNumber(s.medianDelta)} over the ${s.baselineWeeks} weeks before`), '');
  }
  if (report.stale.length) {
    out.push('## Stale series', '', '_No sample inside the week: the figure shown is the last one before._', '');
    out.push(...report.stale.map((row) => `- ${name(row)} ${metricTitle(row.kind, row.metric)}: last sample ${formatUtcMinute(row.observedAt)}`), '');
  }
  if (report.missing.length) {
    out.push('## Missing', '');
    out.push(...report.missing.map((m) => `- ${kindTitle(m.kind)}: ${escape(m.key)}: ${missingWords(m)}`), '');
  }
  return out;
}

const name = (row: ReportRow) => `**${escape(row.label)}**`;

function missingWords(subject: MissingSubject): string {
  if (subject.reason === 'not_found') return 'not found upstream';
  return subject.reason === 'later' ? `first figures on ${subject.firstFigureAt?.slice(0, 10)}` : 'never collected';
}

/** Markdown and HTML metacharacters of upstream strings made literal. */
export function escape(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}
