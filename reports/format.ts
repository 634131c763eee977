import { kindSpec, SOURCES, type SubjectKind } from '../jobs/sources/registry.ts';

// Number formatting shared by the report's sentences and renderers. Fixed locale
// (en-US), so the same report gives the same bytes on every machine.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fixedPercent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** 8823 → "8,823"; null → "–". */
export function formatNumber(value: number | null): string {
  return value === null ? '–' : integer.format(value);
}

/** 266 → "+266", -5 → "-5", 0 → "0"; null → "–". */
export function formatSigned(value: number | null): string {
  if (value === null) return '–';
  return value > 0 ? `+${integer.format(value)}` : integer.format(value);
}

/** 0.5 → "+0.5%", -1.25 → "-1.25%", 0 → "0%"; null → "–". */
export function formatGrowth(value: number | null): string {
  if (value === null) return '–';
  return `${value > 0 ? '+' : ''}${percent.format(value)}%`;
}

/** Always two decimals, so a table column of percentages lines up: 0.5 → "+0.50%", 0 → "0.00%"; null → "–". */
export function formatGrowthFixed(value: number | null): string {
  return value === null ? '–' : `${fixedPercent.format(value)}%`;
}

/** What a metric counts, for sentences ("by 8,823 repositories"), as its source declares it. */
export function unitOf(kind: SubjectKind, metric: string): string {
  return kindSpec(kind).metrics.find((spec) => spec.name === metric)?.unit ?? metric;
}

/** Section title of a kind's table; a kind this version does not know (an older database's) shows as itself. */
export function kindTitle(kind: string): string {
  return SOURCES.find((source) => source.kind.name === kind)?.kind.title ?? kind;
}
