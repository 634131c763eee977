/**
 * The weekly trend report as data: what `build-report.ts` makes from the database's
 * `weekly_metrics` and the config, and every renderer turns into text. Plain JSON
 * values only, so the JSON format is this object as it is.
 *
 * Terminology
 * - series: one metric of one subject (`github_search:llama@repositories`).
 * - running total (stars, forks, repositories, downloads_all_time): the week's delta is that week's growth.
 * - rolling window (downloads_30d, downloads_7d, downloads_1d): the delta is the change of level.
 * - stale: the series has no sample inside the week; its value is the last one before.
 */
import type { SubjectKind } from '../jobs/sources/registry.ts';

export interface ReportRow {
  week: string;
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  value: number;
  previousValue: number | null;
  delta: number | null;
  /** round(100 * delta / previousValue, 2); null when previousValue is null or 0. */
  growthPct: number | null;
  /** When the sample used for `value` was taken (ISO 8601). */
  observedAt: string;
  /** No sample inside the week. */
  stale: boolean;
  /** The value was reconstructed from history (`backfill`), not observed. */
  reconstructed: boolean;
}

/** One series' last 12 weekly values, oldest first; null where there was no figure yet. */
export interface SeriesHistory {
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  weeks: { week: string; value: number | null }[];
}

export interface ComparisonMember {
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  value: number | null;
  previousValue: number | null;
  delta: number | null;
  growthPct: number | null;
}

export interface Comparison {
  name: string;
  members: ComparisonMember[];
  /** The member with the largest value this week; null when no member has a value. */
  leader: { key: string; label: string } | null;
  /** The runner-up (second largest value). */
  runnerUp: { key: string; label: string } | null;
  /** leader's value − runner-up's value. */
  gap: number | null;
  /** The same two members' gap the week before. */
  previousGap: number | null;
  /** gap − previousGap: positive means the gap widened. */
  gapChange: number | null;
  /** What the figures count, for sentences: "repositories", "stars", "downloads", ... */
  unit: string;
  /** One sentence: "LLaMA leads GPT-4 by 8,823 repositories; the gap widened by 42 this week". */
  sentence: string;
  /** "growth this week: LLaMA +266 (+0.5%), GPT-4 +224 (+0.4%)". */
  growthSentence: string;
  /** The members' last 12 weekly values, oldest first, in member order (for charts). */
  history: { week: string; values: (number | null)[] }[];
}

export interface Spike {
  kind: SubjectKind;
  key: string;
  label: string;
  metric: string;
  delta: number;
  /** Median delta of the weeks before (`baselineWeeks` of them). */
  medianDelta: number;
  /** How many weeks before it the spike is judged against: up to 8, at least 3. */
  baselineWeeks: number;
}

export interface MissingSubject {
  kind: SubjectKind;
  key: string;
  /** not_found: the upstream says it no longer exists; later: its first figure comes after the week; no_data: never collected. */
  reason: 'not_found' | 'later' | 'no_data';
  /** For `later`: when its first figure was taken. */
  firstFigureAt?: string;
}

/** The week's largest movers of one kind's main figure (stars, repositories, all-time downloads…). */
export interface MoverGroup {
  kind: SubjectKind;
  metric: string;
  /** Whether its weekly change is growth (a running total) or a change of level (a rolling window). */
  growth: boolean;
  /** Up to 3 series with the largest positive delta. */
  byDelta: ReportRow[];
  /** Up to 3 series with the largest positive growth %. */
  byGrowthPct: ReportRow[];
}

export interface Report {
  week: string;
  /** Monday (UTC) the week starts, YYYY-MM-DD. */
  weekStart: string;
  /** Sunday (UTC) the week ends, YYYY-MM-DD. */
  weekEnd: string;
  /** The only wall-clock value in a report. */
  generatedAt: string;
  /** The week had ended when the report was made; false: the week so far. */
  complete: boolean;
  /** When the database's first figure was taken (observed or rebuilt); null before any. */
  firstFigureAt: string | null;
  /** One per series and metric, sorted by kind, key, metric. */
  rows: ReportRow[];
  history: SeriesHistory[];
  comparisons: Comparison[];
  /** Headline movers, a group per kind with movers, by its main figure: never stars beside downloads. */
  movers: MoverGroup[];
  /** Weeks whose delta is over 3× the median delta of the weeks before (the last 8 with figures, at least 3). */
  spikes: Spike[];
  /** Series without a sample inside the week (their last figure is older). */
  stale: ReportRow[];
  /** Configured subjects without a figure: not found upstream, or never collected. */
  missing: MissingSubject[];
}
