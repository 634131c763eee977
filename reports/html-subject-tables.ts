// The HTML report's "All subjects": a table per kind, a row per subject, fastest-growing
// first. Its first rows show; the slower tail folds under a <details>, which opens without
// a script, so the page stays short and every figure is still on it.
import { seriesKey } from '../schema/subject-key.ts';
import type { SubjectKind } from '../jobs/sources/registry.ts';
import { SPIKE_FACTOR } from './build-report.ts';
import { estimateWidth } from './charts/end-labels.ts';
import { renderSparkline } from './charts/sparkline.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { escapeHtml as esc } from './html-parts.ts';
import type { Report, SeriesHistory } from './report.ts';
import { everyFigureReconstructed, figureOf, subjectTables, tableColumns, type SubjectRow } from './subject-rows.ts';

/** Rows a kind's table shows before the rest fold; a tail of only one or two more rows shows too. */
export const ROWS_SHOWN = 8;
const SMALLEST_FOLD = 3;
/** One line of text high: a subject's row stays one line. */
const REPORT_SPARKLINE_HEIGHT = 18;

export const FLAG_LEGEND =
  "<p class=\"legend\">Small figures are this week's change; each line shows 12 weeks on its own scale. " +
  '<span class="flag stale">stale</span> no sample inside the week, the figure is the last one before. ' +
  '<span class="flag reconstructed">reconstructed</span> rebuilt from history (backfill), not observed. ' +
  `<span class="flag spike">spike</span> this week's change is over ${SPIKE_FACTOR}× the median of the weeks before (the last 8 with figures, at least 3).</p>`;

/** The anchor of a kind's table, for the contents; a kind is a name of ours, escaped all the same. */
export const kindId = (kind: string) => esc(`kind-${kind}`);

/** Every kind's table, in registry order. */
export function subjectTablesHtml(report: Report): string {
  const histories = new Map(report.history.map((series) => [seriesKey(series), series]));
  const spiking = new Set(report.spikes.map(seriesKey));
  return subjectTables(report.rows)
    .map(({ kind, subjects }) => kindTable(kind, subjects, { histories, spiking, flagReconstructed: !everyFigureReconstructed(subjects) }))
    .join('\n');
}

interface RowContext {
  histories: Map<string, SeriesHistory>;
  spiking: Set<string>;
  /** False when the table's heading says it once for every row. */
  flagReconstructed: boolean;
}

/**
 * A kind's table: its title heads the name column, then its main figure with the week's
 * change, 12 weeks' line and %, then a column per other figure its kind has. The folded
 * tail is a second table with the same columns, so its figures line up under the first's.
 */
function kindTable(kind: SubjectKind, subjects: SubjectRow[], context: RowContext): string {
  const [main = '', ...others] = tableColumns(kind, subjects);
  const otherColumn = (metric: string) => `<col class="${needsWideColumn(subjects, metric) ? 'other wide' : 'other'}">`;
  const columns = `<colgroup><col class="name"><col class="value"><col class="change"><col class="trend"><col class="pct">${others.map(otherColumn).join('')}</colgroup>`;
  const allReconstructed = context.flagReconstructed
    ? ''
    : '<span class="flag reconstructed" title="every figure in this table was rebuilt from history (backfill), not observed">all reconstructed</span>';
  const head =
    `<thead><tr><th class="kind">${esc(kindTitle(kind))} <span class="muted">${formatNumber(subjects.length)}</span>${allReconstructed}</th>` +
    `<th class="num">${heading(kind, main)}</th><th class="num">This week</th><th>12 weeks</th><th class="num">%</th>` +
    `${others.map((metric) => `<th class="num">${heading(kind, metric)}</th>`).join('')}</tr></thead>`;
  const body = (rows: SubjectRow[]) => `<tbody>\n${rows.map((subject) => tableRow(subject, main, others, context)).join('\n')}\n</tbody>`;
  const fold = subjects.length - ROWS_SHOWN >= SMALLEST_FOLD;
  const shown = fold ? subjects.slice(0, ROWS_SHOWN) : subjects;
  const rest = fold ? subjects.slice(ROWS_SHOWN) : [];
  return [
    '<div class="wide">',
    `<table class="series" id="${kindId(kind)}">`,
    columns,
    head,
    body(shown),
    '</table>',
    ...(rest.length
      ? [
          `<details><summary>${formatNumber(rest.length)} more ${esc(kindTitle(kind))}</summary>`,
          '<table class="series">',
          columns,
          body(rest),
          '</table>',
          '</details>',
        ]
      : []),
    '</div>',
  ].join('\n');
}

/** Room for a figure (14 px) and its change (12 px, 6 px apart) in an "other" column: its 150 px less padding. */
const OTHER_COLUMN_ROOM = 134;

/** Whether a figure and its change would not fit an "other" column on one line ("35,819,606 +1,286,351"): the column is made wider. */
function needsWideColumn(subjects: readonly SubjectRow[], metric: string): boolean {
  return subjects.some((subject) => {
    const cell = figureOf(subject, metric);
    return cell !== undefined && (estimateWidth(formatNumber(cell.value)) * 14) / 12 + 6 + estimateWidth(formatSigned(cell.delta)) > OTHER_COLUMN_ROOM;
  });
}

/** "open issues" as a column heading: "Open issues". */
const heading = (kind: string, metric: string) => esc(metricTitle(kind, metric).replace(/^./, (first) => first.toUpperCase()));

/**
 * A subject on one line: "BlinkDL/RWKV-LM" with its owner muted when the key is the owner
 * and the label, else the label and its key muted. Too long for the column, it ends in
 * "…" and its title holds it whole.
 */
function subjectName(subject: { key: string; label: string }): string {
  const owner = subject.key.endsWith(`/${subject.label}`) ? subject.key.slice(0, -subject.label.length) : '';
  if (owner) return `<span class="owner">${esc(owner)}</span>${esc(subject.label)}`;
  return subject.key === subject.label ? esc(subject.label) : `${esc(subject.label)} <span class="owner">${esc(subject.key)}</span>`;
}

/**
 * One subject: flags of its main figure (stale, reconstructed) and of any figure (spike),
 * then its figures by column, "–" where it has none.
 */
function tableRow(subject: SubjectRow, main: string, others: string[], { histories, spiking, flagReconstructed }: RowContext): string {
  const first = subject.main;
  const spikes = [first, ...subject.others].filter((row) => spiking.has(seriesKey(row))).map((row) => metricTitle(row.kind, row.metric));
  const flags = [
    first.stale ? `<span class="flag stale" title="last sample ${esc(formatUtcMinute(first.observedAt))}">stale</span>` : '',
    first.reconstructed && flagReconstructed ? '<span class="flag reconstructed">reconstructed</span>' : '',
    spikes.length ? `<span class="flag spike" title="spike in ${esc(spikes.join(', '))}">spike</span>` : '',
  ].join('');
  const row = figureOf(subject, main);
  const history = row && histories.get(seriesKey(row));
  // The line has its own scale: its title says so and gives the change, which also stands in the cell beside it.
  const trend =
    row && history
      ? renderSparkline(`${row.label} ${metricTitle(row.kind, row.metric)}, this week ${formatSigned(row.delta)}; 12 weeks on their own scale`, history.weeks, REPORT_SPARKLINE_HEIGHT)
      : '–';
  const other = (metric: string) => {
    const cell = figureOf(subject, metric);
    return `<td class="num other">${cell ? `${formatNumber(cell.value)}<small>${formatSigned(cell.delta)}</small>` : '–'}</td>`;
  };
  return (
    `<tr><td><div class="subject"><span title="${esc(first.key)}">${subjectName(first)}</span>${flags}</div></td>` +
    `<td class="num">${formatNumber(row?.value ?? null)}</td>` +
    `<td class="num change">${formatSigned(row?.delta ?? null)}</td><td class="trend">${trend}</td>` +
    `<td class="num">${formatGrowth(row?.growthPct ?? null)}</td>${others.map(other).join('')}</tr>`
  );
}
