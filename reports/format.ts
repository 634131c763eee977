import { kindSpec, SUBJECT_KINDS, type SubjectKind } from '../jobs/sources/registry.ts';

// Number formatting shared by the report's sentences and renderers. Fixed locale
// (en-US), so the same report gives the same bytes on every machine.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fixedPercent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** 8823 → "8,823"; null → "–". */
export function formatNumber(value: number | null): string {
  return value === null ? '–' : integer.format(value);
}

/** Largest first; the same letters as the charts' axis labels (scale.ts), so a badge and its chart agree. */
const COMPACT_UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * Three significant digits and a unit letter, for a badge or a label short of room:
 * 950 → "950", 12_345 → "12.3k", 1_234_567 → "1.23M", 999_999 → "1M" (rounding may
 * carry into the next unit). Trailing zeros go: 1_200 → "1.2k", not "1.20k".
 */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const threeDigits = (n: number) => Number(n.toPrecision(3));
  const magnitude = Math.abs(value);
  // The unit is chosen after rounding: 999_999 is "1000k" at three digits, so it is "1M".
  const [size, suffix] = COMPACT_UNITS.find(([unit]) => threeDigits(magnitude / unit) >= 1) ?? [1, ''];
  return `${value < 0 ? '-' : ''}${threeDigits(magnitude / size)}${suffix}`;
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
  return (SUBJECT_KINDS as readonly string[]).includes(kind) ? kindSpec(kind as SubjectKind).title : kind;
}
