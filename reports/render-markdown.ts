import { seriesKey } from '../schema/subject-key.ts';
import { formatGrowth, formatNumber, formatSigned, formatUtcMinute, kindTitle, metricTitle } from './format.ts';
import { moverGroupTitle, moverRows } from './mover-rows.ts';
import type { MoverGroup, Report } from './report.ts';
import { everyFigureReconstructed, figureOf, type SubjectRow, subjectTables, tableColumns } from './subject-rows.ts';
import { leaderChanges, overtakeText, spikeText, waitingWindowsNote } from './week-story.ts';
import { emptyWeekAdvice, missingGroups, missingWords, reportTitle, weekSpan } from './report-intro.ts';

/**
 * The report for people: contents, the week's story (headline movers, spikes, changes of
 * leader), one sentence per comparison, a table per kind with a row per subject, then what
 * needs looking after (stale series, missing subjects). Upstream strings are escaped so
 * they can neither break a table nor inject HTML.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [
    `# ${reportTitle(report)} (${weekSpan(report)})`,
    '',
    ...optionalParagraph(emptyWeekAdvice(report)),
    `_${report.rows.length} series; generated ${formatUtcMinute(report.generatedAt)}._`,
    '',
    ...(report.rows.length ? contents(report) : []),
    ...movers(report),
    ...story(report),
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

/**
 * A table per kind, a row per subject, fastest-growing first: its main figure with this
 * week's change and %, its other figures beside it with theirs in brackets.
 */
function tables(report: Report): string[] {
  const spiking = new Set(report.spikes.map(seriesKey));
  return subjectTables(report.rows).flatMap(({ kind, subjects }) => {
    const [main = '', ...others] = tableColumns(kind, subjects);
    const allReconstructed = everyFigureReconstructed(subjects);
    const row = (subject: SubjectRow) => {
      const figures = [subject.main, ...subject.others];
      const notes = [
        subject.main.stale ? `stale (last sample ${subject.main.observedAt.slice(0, 10)})` : '',
        !allReconstructed && figures.some((figure) => figure.reconstructed) ? 'reconstructed' : '',
        ...figures.filter((figure) => spiking.has(seriesKey(figure))).map((figure) => (figure.metric === main ? 'spike' : `spike in ${metricTitle(kind, figure.metric)}`)),
      ].filter(Boolean);
      const first = figureOf(subject, main);
      const cells = others.map((metric) => {
        const figure = figureOf(subject, metric);
        return figure ? `${formatNumber(figure.value)} (${formatSigned(figure.delta)})` : '–';
      });
      const lead = [formatNumber(first?.value ?? null), formatSigned(first?.delta ?? null), formatGrowth(first?.growthPct ?? null)];
      return `| ${[escape(subject.main.label), ...lead, ...cells, notes.join(', ')].join(' | ')} |`;
    };
    return [
      `## ${kindTitle(kind)}`,
      '',
      ...(allReconstructed ? ['_Every figure in this table is reconstructed from history (backfill), not observed._', ''] : []),
      `| Name | ${capitalised(metricTitle(kind, main))} | This week | % | ${[...others.map((metric) => capitalised(metricTitle(kind, metric))), 'Notes'].join(' | ')} |`,
      `|---|--:|--:|--:|${others.map(() => '--:|').join('')}---|`,
      ...subjects.map(row),
      '',
    ];
  });
}

/** Links to the sections, with each kind's count of subjects. */
function contents(report: Report): string[] {
  const kinds = subjectTables(report.rows).map(({ kind, subjects }) => link(`${kindTitle(kind)} (${subjects.length})`, kindTitle(kind)));
  const links = [
    link('Headline movers'),
    ...(report.spikes.length || waitingWindowsNote(report) ? [link('Spikes')] : []),
    ...(leaderChanges(report.comparisons).length ? [link('Overtakes')] : []),
    ...(report.comparisons.length ? [link('Comparisons')] : []),
    ...kinds,
    ...(report.stale.length ? [link('Stale series')] : []),
    ...(report.missing.length ? [link('Missing')] : []),
  ];
  return [`Contents: ${links.join(' · ')}`, ''];
}

/** A link to a heading by the anchor GitHub and most renderers give it: lower case, spaces as dashes, punctuation dropped. */
function link(text: string, heading = text): string {
  const anchor = heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
  return `[${text}](#${anchor})`;
}

/** The rest of the week's story, after the movers: spikes and changes of leader, when there are any. */
function story(report: Report): string[] {
  const out: string[] = [];
  const spikes = report.spikes.map((spike) => `- ${name(spike)} (${kindTitle(spike.kind)}) ${spikeText(spike)}`);
  const waiting = waitingWindowsNote(report);
  if (spikes.length || waiting) out.push('## Spikes', '', ...(spikes.length ? [...spikes, ''] : []), ...optionalParagraph(waiting && `_${waiting}_`));
  const changes = leaderChanges(report.comparisons);
  if (changes.length) out.push('## Overtakes', '', ...changes.map((change) => `- ${escape(overtakeText(change))}`), '');
  return out;
}

/** What needs looking after: stale series and missing subjects. */
function attention(report: Report): string[] {
  const out: string[] = [];
  if (report.stale.length) {
    out.push('## Stale series', '', '_No sample inside the week: the figure shown is the last one before._', '');
    out.push(...report.stale.map((row) => `- ${name(row)} ${metricTitle(row.kind, row.metric)}: last sample ${formatUtcMinute(row.observedAt)}`), '');
  }
  if (report.missing.length) {
    out.push('## Missing', '');
    out.push(...missingGroups(report.missing).map((group) => `- ${kindTitle(group.kind)}, ${missingWords(group)}: ${group.keys.map(escape).join(', ')}`), '');
  }
  return out;
}

const name = (named: { label: string }) => `**${escape(named.label)}**`;
const optionalParagraph = (text: string | undefined) => (text ? [text, ''] : []);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Markdown and HTML metacharacters of upstream strings made literal. */
export function escape(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (char) => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}
