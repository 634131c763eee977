// After a round stores figures: which rules fire, recorded once each.
import type { Config } from '../config/config.ts';
import type { AlertRule } from '../config/alerts-config.ts';
import { isoWeekOf } from '../jobs/iso-week.ts';
import { loadReport } from '../reports/write-report.ts';
import type { Report } from '../reports/report.ts';
import type { Database } from '../schema/db.ts';
import type { AlertEvent } from './alert-event.ts';
import { findOccurrences } from './find-occurrences.ts';
import { readTargetSeries, type TargetSeries } from './read-targets.ts';
import { type NewEvent, recordEvents } from './record-events.ts';

/**
 * How far back a round looks for crossings: the rounds of two days that stored figures
 * but were never judged (a worker killed in between, a database gone for a while) are
 * judged by the next one. Ids make a crossing found twice one event.
 */
const CROSSING_LOOKBACK_MS = 2 * 86_400_000;

/**
 * Judges the rules on the figures as they are now and records the occurrences not
 * recorded before, each with a pending delivery per channel it goes to. `kinds`, when
 * given, limits the rules to those watching a kind the round stored (a comparison
 * watches its members' kinds). Returns the new events only: what is to be sent.
 */
export async function evaluateAlerts(db: Database, config: Config, now: Date, kinds?: readonly string[]): Promise<NewEvent[]> {
  const rules = config.alerts.filter((rule) => !kinds || kindsOf(rule, config).some((kind) => kinds.includes(kind)));
  if (rules.length === 0) return [];
  // This week so far: its deltas, the weeks before, and the comparisons' leaders.
  const needsReport = rules.some((rule) => rule.condition.type === 'spike' || rule.condition.type === 'leader_changes');
  const report = needsReport ? await loadReport(db, config, isoWeekOf(now), now) : emptyReport(now);
  const found = new Map<string, { event: AlertEvent; channels: string[] }>();
  for (const rule of rules) {
    const series: TargetSeries[] = rule.target.type === 'comparison' ? [] : await readTargetSeries(db, rule.target, new Date(now.getTime() - CROSSING_LOOKBACK_MS));
    // A kind target reads one row per series; a subject gone is one event however many metrics it had.
    for (const event of findOccurrences(rule, { series, report })) if (!found.has(event.id)) found.set(event.id, { event, channels: rule.notify });
  }
  return recordEvents(db, [...found.values()], now);
}

/** The kinds whose figures a rule reads. */
function kindsOf(rule: AlertRule, config: Config): string[] {
  const { target } = rule;
  if (target.type === 'series') return [target.series.kind];
  if (target.type === 'kind') return [target.kind];
  return config.comparisons.find((comparison) => comparison.name === target.name)?.series.map((ref) => ref.kind) ?? [];
}

function emptyReport(now: Date): Report {
  const week = isoWeekOf(now).label;
  return { week, weekStart: '', weekEnd: '', generatedAt: now.toISOString(), complete: false, firstFigureAt: null, rows: [], history: [], comparisons: [], movers: [], spikes: [], stale: [], missing: [] };
}
