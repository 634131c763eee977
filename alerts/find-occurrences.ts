// What each rule finds in the figures: pure, so "fires once per crossing" and "staying
// above is nothing" are tests on plain data.
import type { AlertRule } from '../config/alerts-config.ts';
import { isoWeekOf } from '../jobs/iso-week.ts';
import { spikeOf } from '../reports/build-report.ts';
import { formatNumber, formatSigned, metricTitle, unitOf } from '../reports/format.ts';
import type { Comparison, Report, SeriesHistory } from '../reports/report.ts';
import { leaderChange, overtakeText } from '../reports/week-story.ts';
import { seriesKey } from '../schema/subject-key.ts';
import type { SubjectKind } from '../jobs/sources/registry.ts';
import { type AlertEvent, eventId } from './alert-event.ts';
import type { TargetSample, TargetSeries } from './read-targets.ts';

export interface RuleInputs {
  /** The series of the rule's target (none for a comparison). */
  series: TargetSeries[];
  /** The report of the current week so far: this week's deltas, histories and comparisons. */
  report: Report;
}

export function findOccurrences(rule: AlertRule, inputs: RuleInputs): AlertEvent[] {
  const { condition } = rule;
  switch (condition.type) {
    case 'above':
    case 'below':
      return inputs.series.flatMap((series) => crossing(rule.name, series, condition.type, condition.level));
    case 'spike': {
      const histories = new Map(inputs.report.history.map((history) => [seriesKey(history), history]));
      const watched = new Set(inputs.series.map((series) => seriesKey(series)));
      return inputs.report.rows
        .filter((row) => watched.has(seriesKey(row)))
        .flatMap((row) => spike(rule.name, row, histories.get(seriesKey(row)), condition.factor, inputs.report.week));
    }
    case 'leader_changes': {
      const comparison = rule.target.type === 'comparison' ? inputs.report.comparisons.find((c) => c.name === (rule.target as { name: string }).name) : undefined;
      return comparison ? newLeader(rule.name, comparison, inputs.report.week) : [];
    }
    case 'missing':
      return inputs.series.filter((series) => series.status === 'not_found').flatMap((series) => gone(rule.name, series, inputs.report.week));
  }
}

/**
 * Each observed sample on the other side of `level` from the one before it: a crossing.
 * Each crossing is its own event (its time is in the id); staying on one side is none.
 * A sample rebuilt by a backfill crosses nothing: it was not seen happening.
 */
function crossing(rule: string, series: TargetSeries, direction: 'above' | 'below', level: number): AlertEvent[] {
  const isAbove = (value: number) => value >= level;
  return series.samples.flatMap((sample, i) => {
    const previous = series.samples[i - 1];
    if (!previous || sample.origin === 'backfill' || isAbove(previous.value) === isAbove(sample.value)) return [];
    if (isAbove(sample.value) !== (direction === 'above')) return [];
    return [crossingEvent(rule, series, direction, level, previous, sample)];
  });
}

function crossingEvent(rule: string, series: TargetSeries, direction: 'above' | 'below', level: number, previous: TargetSample, sample: TargetSample): AlertEvent {
  const unit = unitOf(series.kind as SubjectKind, series.metric);
  const verb = direction === 'above' ? 'passed' : 'fell below';
  return {
    ...about(series),
    id: eventId(rule, `${series.kind}:${series.key}@${series.metric}`, `${direction}:${level}`, sample.observedAt),
    rule,
    value: sample.value,
    previous_value: previous.value,
    delta: sample.value - previous.value,
    // The crossing belongs to the week of its sample: a round judged just after midnight
    // on Monday must not file Sunday's crossing under the new week.
    week: isoWeekOf(new Date(sample.observedAt)).label,
    observed_at: sample.observedAt,
    message: `${series.label} (${series.kind}:${series.key}) ${verb} ${formatNumber(level)} ${unit}: ${formatNumber(sample.value)} on ${sample.observedAt.slice(0, 10)}`,
  };
}

function spike(rule: string, row: Report['rows'][number], history: SeriesHistory | undefined, factor: number, week: string): AlertEvent[] {
  const found = spikeOf(row, history, factor);
  if (!found) return [];
  return [
    {
      ...about(row),
      id: eventId(rule, `${row.kind}:${row.key}@${row.metric}`, week),
      rule,
      value: row.value,
      previous_value: row.previousValue,
      delta: row.delta,
      week,
      observed_at: row.observedAt,
      message:
        `${row.label} (${row.kind}:${row.key}) ${metricTitle(row.kind, row.metric)} ${formatSigned(found.delta)} in ${week}, ` +
        `over ${factor}× the median of the ${found.baselineWeeks} weeks before (${formatSigned(found.medianDelta)})`,
    },
  ];
}

/** The comparison's leader this week is not last week's (`leaderChange`: ties lead no one). */
function newLeader(rule: string, comparison: Comparison, week: string): AlertEvent[] {
  const change = leaderChange(comparison);
  if (!change) return [];
  const { leader, former } = change;
  return [
    {
      id: eventId(rule, comparison.name, week, `${leader.kind}:${leader.key}@${leader.metric}`),
      rule,
      kind: leader.kind,
      key: leader.key,
      label: leader.label,
      metric: leader.metric,
      value: leader.value,
      previous_value: former.value,
      delta: leader.value !== null && former.value !== null ? leader.value - former.value : null,
      week,
      observed_at: null,
      message: overtakeText(change),
    },
  ];
}

/** A subject turned not_found; it vanishing again after coming back is another event (its last sighting differs). */
function gone(rule: string, series: TargetSeries, week: string): AlertEvent[] {
  return [
    {
      ...about(series),
      id: eventId(rule, `${series.kind}:${series.key}`, 'missing', series.lastSeenAt ?? 'never'),
      rule,
      metric: null,
      value: null,
      previous_value: null,
      delta: null,
      week,
      observed_at: series.lastSeenAt,
      message: `${series.label} (${series.kind}:${series.key}) is gone upstream: not found${series.lastSeenAt ? ` since ${series.lastSeenAt.slice(0, 10)}` : ''}`,
    },
  ];
}

function about(series: { kind: string; key: string; label: string; metric: string }) {
  return { kind: series.kind, key: series.key, label: series.label, metric: series.metric };
}
