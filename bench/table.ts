/**
 * Terminology
 * - figure: one measured number of the product, with its unit.
 * - baseline: the same quantity for the naive or small alternative, measured in the
 *   same run on the same machine, so the figure can be read against it.
 * - target: the bar SPEC "Targets" sets; each is checked and shown as pass or MISS.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  target?: { text: string; pass: boolean };
}

/** One part of the bench (`--only NAME`), as written to `bench/results.json`. */
export interface Section {
  name: string;
  title: string;
  figures: Figure[];
  /** How the figures were obtained, and anything a reader needs to judge them. */
  notes: string[];
  measuredAt: string;
  seconds: number;
}

/** A target: `value` compared with `bar`; `higher` says which side passes. */
export function target(value: number, bar: number, text: string, higher: 'higher' | 'lower' = 'higher'): Figure['target'] {
  return { text, pass: higher === 'higher' ? value >= bar : value <= bar };
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

const withUnit = (value: number, unit: string) => (unit === '×' ? `${formatNumber(value)}×` : `${formatNumber(value)} ${unit}`.trim());

/** How many times the baseline the figure is (read with the unit: for times and memory, lower is better). */
function ratio(figure: Figure): string {
  if (!figure.baseline || figure.baseline.value === 0 || figure.value === 0) return '';
  return `${formatNumber(figure.value / figure.baseline.value)}×`;
}

/** The columns of the printed table (and of the README's): figure, measured, baseline, ratio, target, result. */
export function tableRows(sections: Section[]): string[][] {
  return sections.flatMap((section) =>
    section.figures.map((figure) => [
      `${section.name}: ${figure.name}`,
      withUnit(figure.value, figure.unit),
      figure.baseline ? `${withUnit(figure.baseline.value, figure.unit)} (${figure.baseline.name})` : '',
      ratio(figure),
      figure.target?.text ?? '',
      figure.target ? (figure.target.pass ? 'pass' : 'MISS') : '',
    ]),
  );
}

const HEADER = ['figure', 'measured', 'baseline (same run)', 'measured / baseline', 'target', 'result'];

export function formatTable(sections: Section[]): string {
  const rows = [HEADER, ...tableRows(sections)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(HEADER), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same table as Markdown, for the README. */
export function formatMarkdown(sections: Section[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const rows = tableRows(sections).map((row) => `| ${row.map(escape).join(' | ')} |`);
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...rows].join('\n');
}

export function formatNotes(sections: Section[]): string {
  return sections
    .filter((section) => section.notes.length > 0)
    .map((section) => `${section.title} (${section.seconds.toFixed(0)} s):\n${section.notes.map((note) => `  - ${note}`).join('\n')}`)
    .join('\n');
}
