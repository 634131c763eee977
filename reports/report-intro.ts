// What a report says about itself before its figures: which week, whether it is over,
// and, when the week holds no figures, why and what to run.
import { isoWeekOf } from '../jobs/iso-week.ts';
import type { MissingSubject, Report } from './report.ts';

/** "OSS Pulse weekly report: 2026-W48", or "…: 2026-W49 so far" for a week not over yet. */
export function reportTitle(report: Report): string {
  return `OSS Pulse weekly report: ${report.week}${report.complete ? '' : ' so far'}`;
}

/** "2026-11-23 – 2026-11-29"; for the week so far, to the day of the report: "2026-11-30 – 2026-12-04". */
export function weekSpan(report: Report): string {
  return `${report.weekStart} – ${report.complete ? report.weekEnd : report.generatedAt.slice(0, 10)}`;
}

/**
 * Why a week without figures has none, and what to run; undefined when it has some.
 * Commands are in backticks, for each renderer to mark up.
 */
export function emptyWeekAdvice(report: Report): string | undefined {
  if (report.rows.length > 0) return undefined;
  if (report.firstFigureAt === null) {
    return 'No figures yet: run `oss-pulse collect` to take the first, and `oss-pulse backfill` to rebuild the past where the upstreams keep it.';
  }
  const first = report.firstFigureAt.slice(0, 10);
  if (first <= report.weekEnd) return `No figures for this week (the first figures are from ${first}).`;
  return (
    `No figures for this week: the first figures are from ${first}. ` +
    'Run `oss-pulse backfill` to rebuild earlier weeks where the upstreams keep history, ' +
    `or \`oss-pulse report --week ${isoWeekOf(new Date(report.firstFigureAt)).label}\` for the week of the first figures.`
  );
}

/** Missing subjects of one kind, for one reason (and, for `later`, one day of first figures). */
export interface MissingGroup {
  reason: MissingSubject['reason'];
  kind: string;
  /** For `later`: the day of their first figures, `YYYY-MM-DD`. */
  firstDay?: string;
  keys: string[];
}

const REASON_ORDER: MissingSubject['reason'][] = ['not_found', 'later', 'no_data'];

/**
 * The missing subjects a line per kind and reason: a fresh install's first week lists
 * dozens collected after it, which read better as "Hugging Face models, first figures on
 * 2026-12-04: a, b, c" than as a line each.
 */
export function missingGroups(missing: readonly MissingSubject[]): MissingGroup[] {
  const groups = new Map<string, MissingGroup>();
  const ordered = [...missing].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason));
  for (const subject of ordered) {
    const firstDay = subject.reason === 'later' ? subject.firstFigureAt?.slice(0, 10) : undefined;
    const id = `${subject.reason} ${subject.kind} ${firstDay ?? ''}`;
    const group = groups.get(id) ?? { reason: subject.reason, kind: subject.kind, ...(firstDay ? { firstDay } : {}), keys: [] };
    group.keys.push(subject.key);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** "not found upstream", "first figures on 2026-12-04", "never collected". */
export function missingWords(group: Pick<MissingGroup, 'reason' | 'firstDay'>): string {
  if (group.reason === 'not_found') return 'not found upstream';
  return group.reason === 'later' ? `first figures on ${group.firstDay ?? ''}` : 'never collected';
}
