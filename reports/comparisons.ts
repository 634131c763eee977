import type { SeriesRef } from '../config/config-series.ts';
import { isRunningTotal } from '../jobs/sources/registry.ts';
import { formatGrowth, formatNumber, formatSigned, unitOf } from './format.ts';
import type { Comparison, ComparisonMember, ReportRow, SeriesHistory } from './report.ts';

/** Finds a configured series among the report's rows and histories (its key may be an old name: an alias). */
export interface SeriesLookup {
  row(ref: SeriesRef): ReportRow | undefined;
  history(ref: SeriesRef): SeriesHistory | undefined;
  label(ref: SeriesRef): string;
}

/** Who leads, by how much, and whether the gap widened since last week. */
export function buildComparison(name: string, refs: SeriesRef[], lookup: SeriesLookup, weeks: string[]): Comparison {
  const members: ComparisonMember[] = refs.map((ref) => {
    const row = lookup.row(ref);
    return {
      kind: ref.kind,
      key: row?.key ?? ref.key,
      label: row?.label ?? lookup.label(ref),
      metric: ref.metric,
      value: row?.value ?? null,
      previousValue: row?.previousValue ?? null,
      delta: row?.delta ?? null,
      growthPct: row?.growthPct ?? null,
    };
  });
  const ranked = members
    .filter((member) => member.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || members.indexOf(a) - members.indexOf(b));
  const [leader, runnerUp] = ranked;
  const gap = leader && runnerUp ? (leader.value ?? 0) - (runnerUp.value ?? 0) : null;
  const previousGap =
    leader?.previousValue != null && runnerUp?.previousValue != null ? leader.previousValue - runnerUp.previousValue : null;
  const gapChange = gap !== null && previousGap !== null ? gap - previousGap : null;
  const unit = refs[0] ? unitOf(refs[0].kind, refs[0].metric) : '';
  const histories = refs.map((ref) => lookup.history(ref));
  return {
    name,
    members,
    leader: leader ? { key: leader.key, label: leader.label } : null,
    runnerUp: runnerUp ? { key: runnerUp.key, label: runnerUp.label } : null,
    gap,
    previousGap,
    gapChange,
    unit,
    sentence:
      members.length >= RANKING_MEMBERS && ranked.length >= 2
        ? rankingSentence(members, ranked, previousGap, gapChange, unit)
        : gap === 0
          ? tieSentence(ranked, previousGap, unit)
          : leadSentence(leader, runnerUp, gap, previousGap, gapChange, unit),
    growthSentence: growthSentence(members),
    history: weeks.map((week, i) => ({ week, values: histories.map((history) => history?.weeks[i]?.value ?? null) })),
  };
}

function leadSentence(
  leader: ComparisonMember | undefined,
  runnerUp: ComparisonMember | undefined,
  gap: number | null,
  previousGap: number | null,
  gapChange: number | null,
  unit: string,
): string {
  if (!leader) return 'No figures for this week yet.';
  if (!runnerUp || gap === null) return `${leader.label} is the only one with figures this week.`;
  if (previousGap !== null && previousGap < 0) {
    return `${leader.label} overtook ${runnerUp.label} this week and leads by ${formatNumber(gap)} ${unit}.`;
  }
  const lead = `${leader.label} leads ${runnerUp.label} by ${formatNumber(gap)} ${unit}`;
  if (gapChange === null) return `${lead}.`;
  if (gapChange === 0) return `${lead}; the gap is unchanged this week.`;
  return `${lead}; the gap ${gapChange > 0 ? 'widened' : 'narrowed'} by ${formatNumber(Math.abs(gapChange))} this week.`;
}

/**
 * Equal figures are a tie, not a lead of 0: every member at the top value is named.
 * The gap's move is told as who led last week (`previousGap` is between the first two
 * in member order).
 */
function tieSentence(ranked: ComparisonMember[], previousGap: number | null, unit: string): string {
  const [first, second] = ranked;
  const tied = ranked.filter((member) => member.value === first?.value).map((member) => member.label);
  const tie = `${andList(tied)} are tied at ${formatNumber(first?.value ?? null)} ${unit}`;
  if (previousGap === null) return `${tie}.`;
  if (previousGap === 0) return `${tie}, as they were last week.`;
  const ledLastWeek = previousGap > 0 ? first : second;
  return `${tie}; last week ${ledLastWeek?.label} led by ${formatNumber(Math.abs(previousGap))}.`;
}

/**
 * From this many members a comparison reads as a ranking: "A leads B" would leave the
 * others out, and a list of every pairwise gap would be unreadable.
 */
const RANKING_MEMBERS = 4;

/**
 * "LLaMA leads with 38,002 repositories, then GPT-4 30,679, ChatGLM 12,000 and Qwen 9,500;
 * the lead over GPT-4 widened by 42 this week." Members with equal figures share a place
 * ("GPT-4 and Qwen tied at 9,500"); the gap's move is the leader's over the runner-up,
 * as in the JSON (`gap`, `gapChange`).
 */
function rankingSentence(members: ComparisonMember[], ranked: ComparisonMember[], previousGap: number | null, gapChange: number | null, unit: string): string {
  const places: ComparisonMember[][] = [];
  for (const member of ranked) {
    const place = places.at(-1);
    if (place?.[0]?.value === member.value) place.push(member);
    else places.push([member]);
  }
  const [top = [], ...rest] = places;
  const topValue = `${formatNumber(top[0]?.value ?? null)} ${unit}`;
  const lead = top.length === 1 ? `${top[0]?.label} leads with ${topValue}` : `${andList(top.map((m) => m.label))} are tied for the lead at ${topValue}`;
  const then = rest.map((place) => `${andList(place.map((m) => m.label))}${place.length > 1 ? ' tied at' : ''} ${formatNumber(place[0]?.value ?? null)}`);
  const [leader, runnerUp] = ranked;
  let move = '';
  if (top.length > 1) {
    if (previousGap === 0) move = '; they were tied last week too';
    else if (previousGap !== null) move = `; last week ${(previousGap > 0 ? leader : runnerUp)?.label} led by ${formatNumber(Math.abs(previousGap))}`;
  } else if (previousGap !== null && previousGap < 0) move = `; ${leader?.label} overtook ${runnerUp?.label} this week`;
  else if (gapChange === 0) move = `; the lead over ${runnerUp?.label} is unchanged this week`;
  else if (gapChange !== null) move = `; the lead over ${runnerUp?.label} ${gapChange > 0 ? 'widened' : 'narrowed'} by ${formatNumber(Math.abs(gapChange))} this week`;
  const without = members.filter((member) => member.value === null).map((member) => member.label);
  const missing = without.length ? ` No figures yet for ${andList(without)}.` : '';
  return `${lead}${then.length ? `, then ${andList(then)}` : ''}${move}.${missing}`;
}

/** "A", "A and B", "A, B and C". */
export function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function growthSentence(members: ComparisonMember[]): string {
  const parts = members.map((member) => {
    if (member.delta === null) return `${member.label} –`;
    const pct = member.growthPct === null ? '' : ` (${formatGrowth(member.growthPct)})`;
    return `${member.label} ${formatSigned(member.delta)}${pct}`;
  });
  // For rolling windows (downloads in the last 7 days) the delta is a change of level, not growth.
  const running = members.every((member) => isRunningTotal(member.kind, member.metric));
  return `${running ? 'growth' : 'change'} this week: ${parts.join(', ')}`;
}
