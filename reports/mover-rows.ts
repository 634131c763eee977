import { seriesKey } from '../schema/subject-key.ts';
import { kindSpec } from '../jobs/sources/registry.ts';
import { kindTitle, metricTitle } from './format.ts';
import type { MoverGroup, ReportRow } from './report.ts';

/** The fastest growers not among the largest changes, at most. */
const MORE_BY_GROWTH = 2;

/**
 * A group's movers as one list: the largest deltas first, then the fastest growers
 * that are not among them (a small project's +30% beside a large one's +6,000).
 */
export function moverRows(group: MoverGroup): ReportRow[] {
  const listed = new Set(group.byDelta.map(seriesKey));
  return [...group.byDelta, ...group.byGrowthPct.filter((row) => !listed.has(seriesKey(row))).slice(0, MORE_BY_GROWTH)];
}

/** "GitHub repositories, stars"; a kind with a single figure is named alone ("GitHub repository counts"). */
export function moverGroupTitle(group: MoverGroup): string {
  return kindSpec(group.kind).metrics.length > 1 ? `${kindTitle(group.kind)}, ${metricTitle(group.kind, group.metric)}` : kindTitle(group.kind);
}
