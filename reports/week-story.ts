// The week's story in words, shared by the Markdown and HTML reports and by alerts:
// which comparison changed leader, and how far a spike stands out.
import { countsWeekdaysUnevenly } from '../jobs/sources/registry.ts';
import { seriesKey } from '../schema/subject-key.ts';
import { readOnLastDayOfWeek } from './build-report.ts';
import { andList } from './comparisons.ts';
import { formatNumber, formatSigned, metricTitle } from './format.ts';
import type { Comparison, ComparisonMember, Report, Spike } from './report.ts';

export interface LeaderChange {
  comparison: Comparison;
  /** This week's sole leader. */
  leader: ComparisonMember;
  /** Last week's sole leader, now behind. */
  former: ComparisonMember;
}

/**
 * The comparison's leader this week is not last week's. Both weeks must have one: a tie
 * at the top leads no one, so neither a tie this week nor one last week is a change (who
 * "led" a tie would otherwise be whoever is listed first).
 */
export function leaderChange(comparison: Comparison): LeaderChange | undefined {
  const leader = soleTop(comparison.members, (member) => member.value);
  const former = soleTop(comparison.members, (member) => member.previousValue);
  // Members are series, not keys: one model on two hubs (hf_model and modelscope_model) shares its key.
  if (!leader || !former || seriesKey(leader) === seriesKey(former)) return undefined;
  return { comparison, leader, former };
}

/** The week's changes of leader, in the config's order of comparisons. */
export function leaderChanges(comparisons: readonly Comparison[]): LeaderChange[] {
  return comparisons.map(leaderChange).filter((change) => change !== undefined);
}

/** `LLaMA overtook GPT-4 in "LLaMA vs GPT-4": 7,100 against 6,960 repositories`. */
export function overtakeText({ comparison, leader, former }: LeaderChange): string {
  return `${leader.label} overtook ${former.label} in "${comparison.name}": ${formatNumber(leader.value)} against ${formatNumber(former.value)} ${comparison.unit}`;
}

/** "stars +6,110 this week, 12× the median weekly change (+510) of the 8 weeks before". */
export function spikeText(spike: Spike): string {
  return (
    `${metricTitle(spike.kind, spike.metric)} ${formatSigned(spike.delta)} this week, ` +
    `${timesMedian(spike)} the median weekly change (${formatSigned(spike.medianDelta)}) of the ${spike.baselineWeeks} weeks before`
  );
}

/**
 * Why the week so far judges some windows for spikes later: before Sunday's figures are
 * in, a 1- or 30-day window's change from last Sunday counts other weekdays than the
 * weeks it is judged against. Undefined when no row of the report waits.
 */
export function waitingWindowsNote(report: Report): string | undefined {
  if (report.complete) return undefined;
  const waiting = report.rows.filter((row) => countsWeekdaysUnevenly(row.kind, row.metric) && !readOnLastDayOfWeek(row));
  if (waiting.length === 0) return undefined;
  const titles = andList([...new Set(waiting.map((row) => metricTitle(row.kind, row.metric)))].sort());
  return `${titles.replace(/^./, (first) => first.toUpperCase())} are judged for spikes once Sunday's figures are in: until then their change from last Sunday counts other weekdays.`;
}

/** "12×", "4.5×": how many times the usual change the week's is (over the spike factor, so never "1×"). */
function timesMedian(spike: Spike): string {
  const ratio = spike.delta / spike.medianDelta;
  return `${ratio >= 10 ? formatNumber(Math.round(ratio)) : String(Math.floor(ratio * 10) / 10)}×`;
}

/** The one member with the largest figure; undefined when none has a figure or several share the largest. */
function soleTop(members: ComparisonMember[], value: (member: ComparisonMember) => number | null): ComparisonMember | undefined {
  const ranked = members.filter((member) => value(member) !== null).sort((a, b) => (value(b) ?? 0) - (value(a) ?? 0));
  const [first, second] = ranked;
  return first && (!second || value(second) !== value(first)) ? first : undefined;
}
