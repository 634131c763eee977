// Turns the figures read from the database into the Report: pure, so the same
// database and week give the same report (and, rendered, the same bytes).
import { seriesKey, subjectKey } from '../schema/subject-key.ts';
import type { Config } from '../config/config.ts';
import type { SeriesRef } from '../config/config-series.ts';
import { countsWeekdaysUnevenly, isRunningTotal, kindSpec, SUBJECT_KINDS, type SubjectKind } from '../jobs/sources/registry.ts';
import { buildComparison, type SeriesLookup } from './comparisons.ts';
import { type IsoWeek, parseIsoWeek, shiftWeek } from '../jobs/iso-week.ts';
import { DAY_MS, isoDate } from '../jobs/utc-days.ts';
import type { SubjectState, WeeklyFigure } from './queries.ts';
import type { MissingSubject, MoverGroup, Report, ReportRow, SeriesHistory, Spike } from './report.ts';
import { configuredSubjects } from './configured-subjects.ts';

/** Weeks of history per series in a report (and the window spikes are judged against). */
export const HISTORY_WEEKS = 12;
/** Movers per kind: a few each, so every kind's story has room at the top. */
const MOVERS = 3;
/** A week's delta over this many times the median of the weeks before is a spike. */
export const SPIKE_FACTOR = 3;
/** The weeks before a week its spike is judged against: the last 8 with figures, and at least 3. */
const SPIKE_BASELINE_WEEKS = 8;
const SPIKE_MIN_BASELINE_WEEKS = 3;

export interface ReportInput {
  week: IsoWeek;
  generatedAt: Date;
  /** The `weekly_metrics` rows of the report's week. */
  figures: WeeklyFigure[];
  /** Each series' value at the end of each of the HISTORY_WEEKS weeks ending with the report's week. */
  history: SeriesHistory[];
  subjects: SubjectState[];
  config: Config;
}

export function buildReport(input: ReportInput): Report {
  const { week } = input;
  const weeks = Array.from({ length: HISTORY_WEEKS }, (_, i) => shiftWeek(week, i - HISTORY_WEEKS + 1).label);
  const rows = input.figures
    .filter((figure) => figure.week === week.label)
    .map((figure): ReportRow => ({ ...figure, stale: Date.parse(figure.observedAt) < week.start.getTime() }))
    .sort(bySeries);
  const history = [...input.history].sort(bySeries);
  const historyById = new Map(history.map((series) => [seriesKey(series), series]));
  const findSubject = subjectFinder(input.subjects);
  const lookup = seriesLookup(rows, historyById, findSubject);
  return {
    week: week.label,
    weekStart: isoDate(week.start),
    weekEnd: isoDate(new Date(week.end.getTime() - DAY_MS)),
    generatedAt: input.generatedAt.toISOString(),
    complete: input.generatedAt.getTime() >= week.end.getTime(),
    firstFigureAt: firstFigureAt(input.subjects),
    rows,
    history,
    comparisons: input.config.comparisons.map((comparison) => buildComparison(comparison.name, comparison.series, lookup, weeks)),
    movers: moversOf(rows),
    spikes: spikes(rows, historyById),
    stale: rows.filter((row) => row.stale),
    missing: missing(input.config, input.subjects, findSubject, rows, week),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySeries = (a: { kind: string; key: string; metric: string }, b: { kind: string; key: string; metric: string }) =>
  compare(a.kind, b.kind) || compare(a.key, b.key) || compare(a.metric, b.metric);

type FindSubject = (kind: string, key: string) => SubjectState | undefined;

/**
 * Finds the subject a configured name means: its key, an alias (an old name), or the
 * key spelt in another case (GitHub and the Hub ignore case). An index, not a scan:
 * a watchlist of 10,000 repositories must not cost 10,000 × 10,000 comparisons.
 */
function subjectFinder(subjects: SubjectState[]): FindSubject {
  const exact = new Map<string, SubjectState>();
  const loose = new Map<string, SubjectState>();
  for (const subject of subjects) {
    exact.set(subjectKey(subject.kind, subject.key), subject);
    for (const alias of subject.aliases) if (!exact.has(subjectKey(subject.kind, alias))) exact.set(subjectKey(subject.kind, alias), subject);
    loose.set(subjectKey(subject.kind, subject.key.toLowerCase()), subject);
  }
  return (kind, key) => exact.get(subjectKey(kind, key)) ?? loose.get(subjectKey(kind, key.toLowerCase()));
}

/** Resolves a configured series reference to the subject's current key (the reference may use an old name). */
function seriesLookup(rows: ReportRow[], historyById: Map<string, SeriesHistory>, findSubject: FindSubject): SeriesLookup {
  const rowById = new Map(rows.map((row) => [seriesKey(row), row]));
  const currentKey = (ref: SeriesRef) => findSubject(ref.kind, ref.key)?.key ?? ref.key;
  return {
    row: (ref) => rowById.get(seriesKey({ ...ref, key: currentKey(ref) })),
    history: (ref) => historyById.get(seriesKey({ ...ref, key: currentKey(ref) })),
    label: (ref) => currentKey(ref),
  };
}

/**
 * Headline movers, one group per kind, by its main figure (stars, repositories,
 * all-time downloads, pulls; downloads of the last 7 days for npm): unlike figures are
 * never ranked together, and a kind's side figures (forks, likes) stay in its table.
 */
export function moversOf(rows: ReportRow[]): MoverGroup[] {
  return SUBJECT_KINDS.flatMap((kind) => {
    const metric = kindSpec(kind).metrics[0].name;
    const rising = rows.filter((row) => row.kind === kind && row.metric === metric && row.delta !== null && row.delta > 0);
    if (rising.length === 0) return [];
    const byDelta = [...rising].sort((a, b) => (b.delta ?? 0) - (a.delta ?? 0) || bySeries(a, b)).slice(0, MOVERS);
    const byGrowthPct = rising
      .filter((row) => row.growthPct !== null)
      .sort((a, b) => (b.growthPct ?? 0) - (a.growthPct ?? 0) || bySeries(a, b))
      .slice(0, MOVERS);
    return [{ kind, metric, growth: isRunningTotal(kind, metric), byDelta, byGrowthPct }];
  });
}

function firstFigureAt(subjects: SubjectState[]): string | null {
  const times = subjects.map((subject) => subject.firstFigureAt).filter((time) => time !== null);
  return times.length ? times.reduce((first, time) => (time < first ? time : first)) : null;
}

function spikes(rows: ReportRow[], historyById: Map<string, SeriesHistory>): Spike[] {
  return rows.map((row) => spikeOf(row, historyById.get(seriesKey(row)), SPIKE_FACTOR)).filter((spike) => spike !== undefined);
}

/**
 * The row's week as a spike: its delta over `factor` times the median delta of the
 * weeks before it, the last SPIKE_BASELINE_WEEKS of them back to the first gap, at least
 * SPIKE_MIN_BASELINE_WEEKS (a series six weeks old can spike); undefined when not.
 * The weeks before are Sunday-to-Sunday changes, so a window that counts weekdays
 * unevenly (1 day, 30 days) is judged on a Sunday reading only: in the week so far,
 * once Sunday's is in. Alert rules (`spike: K`) judge by the same definition with their own factor.
 */
export function spikeOf(row: ReportRow, history: SeriesHistory | undefined, factor: number): Spike | undefined {
  if (countsWeekdaysUnevenly(row.kind, row.metric) && !readOnLastDayOfWeek(row)) return undefined;
  const values = history?.weeks.map((entry) => entry.value) ?? [];
  // Deltas of the weeks before this one, newest first: value[i] - value[i - 1].
  const before: number[] = [];
  for (let i = values.length - 2; i >= 1 && before.length < SPIKE_BASELINE_WEEKS; i--) {
    const current = values[i];
    const previous = values[i - 1];
    if (current == null || previous == null) break;
    before.push(current - previous);
  }
  if (row.delta === null || before.length < SPIKE_MIN_BASELINE_WEEKS) return undefined;
  const medianDelta = median(before);
  if (!(medianDelta > 0 && row.delta > factor * medianDelta)) return undefined;
  return { kind: row.kind, key: row.key, label: row.label, metric: row.metric, delta: row.delta, medianDelta, baselineWeeks: before.length };
}

/** The row's figure was read on the last day (Sunday, UTC) of its own week. */
export function readOnLastDayOfWeek(row: ReportRow): boolean {
  const week = parseIsoWeek(row.week);
  const read = Date.parse(row.observedAt);
  return week !== undefined && read >= week.end.getTime() - DAY_MS && read < week.end.getTime();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Configured subjects without a figure this week: gone upstream, first collected after
 * the week (a fresh install's first report), or never collected; and subjects the
 * upstream says are gone.
 */
function missing(config: Config, subjects: SubjectState[], findSubject: FindSubject, rows: ReportRow[], week: IsoWeek): MissingSubject[] {
  const withFigures = new Set(rows.map((row) => subjectKey(row.kind, row.key)));
  const found: MissingSubject[] = [];
  const seen = new Set<string>();
  const add = (kind: SubjectKind, key: string, reason: MissingSubject['reason'], firstFigureAt?: string) => {
    if (seen.has(subjectKey(kind, key))) return;
    seen.add(subjectKey(kind, key));
    found.push({ kind, key, reason, ...(firstFigureAt ? { firstFigureAt } : {}) });
  };
  for (const { kind, key } of configuredSubjects(config)) {
    const subject = findSubject(kind, key);
    if (subject?.status === 'not_found') add(kind, subject.key, 'not_found');
    else if (subject && withFigures.has(subjectKey(kind, subject.key))) continue;
    else if (subject?.firstFigureAt && Date.parse(subject.firstFigureAt) >= week.end.getTime()) add(kind, subject.key, 'later', subject.firstFigureAt);
    else add(kind, subject?.key ?? key, 'no_data');
  }
  for (const subject of subjects) if (subject.status === 'not_found') add(subject.kind, subject.key, 'not_found');
  return found.sort((a, b) => compare(a.kind, b.kind) || compare(a.key, b.key));
}
