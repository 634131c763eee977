// One row per subject: a kind's table shows each subject once, its main figure (the
// first its kind declares that it has) with its change, the others beside it.
import { metricsOf } from '../config/config-series.ts';
import { SUBJECT_KINDS, type SubjectKind } from '../jobs/sources/registry.ts';
import type { ReportRow } from './report.ts';

export interface SubjectRow {
  main: ReportRow;
  /** Its other figures, in the order its kind declares them. */
  others: ReportRow[];
}

/** The rows of each kind present, in registry order, each kind's subjects fastest-growing first. */
export function subjectTables(rows: readonly ReportRow[]): { kind: SubjectKind; subjects: SubjectRow[] }[] {
  // In registry order (repositories first), not the alphabet's.
  const present = new Set(rows.map((row) => row.kind));
  const kinds = SUBJECT_KINDS.filter((kind) => present.has(kind));
  return kinds.map((kind) => ({ kind, subjects: subjectRows(rows.filter((row) => row.kind === kind), metricsOf(kind)).sort((a, b) => byGrowth(a.main, b.main)) }));
}

function subjectRows(rows: ReportRow[], order: readonly string[]): SubjectRow[] {
  const bySubject = new Map<string, ReportRow[]>();
  for (const row of rows) bySubject.set(row.key, [...(bySubject.get(row.key) ?? []), row]);
  const rank = (metric: string) => (order.includes(metric) ? order.indexOf(metric) : order.length);
  return [...bySubject.values()].map((metrics) => {
    const [main, ...others] = metrics.sort((a, b) => rank(a.metric) - rank(b.metric));
    return { main: main as ReportRow, others };
  });
}

/** Fastest-growing first (this week's %, then the change); those without a growth figure last, by name whatever its case. */
function byGrowth(a: ReportRow, b: ReportRow): number {
  const ga = a.growthPct ?? -Infinity;
  const gb = b.growthPct ?? -Infinity;
  return gb - ga || (b.delta ?? 0) - (a.delta ?? 0) || a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** A table's columns: the metrics its subjects have this week, as their kind declares them (one it does not know, last); the first is the main column. */
export function tableColumns(kind: SubjectKind, subjects: readonly SubjectRow[]): string[] {
  const present = new Set(subjects.flatMap(({ main, others }) => [main, ...others].map((row) => row.metric)));
  const declared = metricsOf(kind);
  return [...declared.filter((metric) => present.has(metric)), ...[...present].filter((metric) => !declared.includes(metric))];
}

/** Whether a backfill rebuilt every figure of the table: said once under its heading, not on every row. */
export function everyFigureReconstructed(subjects: readonly SubjectRow[]): boolean {
  return subjects.every(({ main, others }) => [main, ...others].every((row) => row.reconstructed));
}

/** The subject's figure of `metric`, if it has one this week. */
export function figureOf(subject: SubjectRow, metric: string): ReportRow | undefined {
  return subject.main.metric === metric ? subject.main : subject.others.find((row) => row.metric === metric);
}
