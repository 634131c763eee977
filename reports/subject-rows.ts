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
