import { kindSpec, metricSpec, SUBJECT_KINDS, type SubjectKind } from '../jobs/sources/registry.ts';

// Number formatting shared by the report's sentences and renderers. Fixed locale
// (en-US), so the same report gives the same bytes on every machine.
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/**
 * Growth in every report format and on the dashboard: two significant digits, and never
 * fewer than the whole percent (+0.09%, +0.44%, +4.4%, +63%, +1,235%). A popular
 * project's weekly growth is often under 1%, where fewer digits would show a real change
 * as 0; a spike is tens of percent, where decimals are noise. Two significant digits keep
 * the same relative precision at every size; the CSV and JSON keep the exact figure
 * (`growth_pct` has two decimals, so no more are ever shown).
 */
const percents = [0, 1, 2].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, signDisplay: 'exceptZero' }));

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

/** 0.5 → "+0.5%", 0.09 → "+0.09%", -1.23 → "-1.2%", 62.75 → "+63%", 0 → "0%"; null → "–" (the rule: see `percents`). */
export function formatGrowth(value: number | null): string {
  if (value === null) return '–';
  // Decimals for two significant digits: 2 below 1%, 1 below 10%, none from there up.
  const magnitude = Math.abs(value);
  const decimals = magnitude === 0 || magnitude >= 10 ? 0 : magnitude >= 1 ? 1 : 2;
  return `${percents[decimals]?.format(value)}%`;
}

/**
 * `2026-11-30T06:00:00.000Z` → `2026-11-30 06:00 UTC`: a time as a person reads it, for
 * reports and alerts alike; JSON and webhooks keep ISO 8601. Anything else is shown as it is.
 */
export function formatUtcMinute(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/**
 * A metric as people read it ("all-time downloads", "open issues"), as its source
 * declares it: in report tables, alerts and the dashboard. The CSV and JSON keep `metric`.
 * A metric or kind this version does not know (an older database's) reads as its name
 * with `_` as spaces.
 */
export function metricTitle(kind: string, metric: string): string {
  return metricSpec(kind, metric)?.title ?? metric.replace(/_/g, ' ');
}

/** What a metric counts, for sentences ("by 8,823 repositories"), as its source declares it. */
export function unitOf(kind: SubjectKind, metric: string): string {
  return metricSpec(kind, metric)?.unit ?? metric;
}

/** Section title of a kind's table; a kind this version does not know (an older database's) shows as itself. */
export function kindTitle(kind: string): string {
  return (SUBJECT_KINDS as readonly string[]).includes(kind) ? kindSpec(kind as SubjectKind).title : kind;
}
