// A comparison's weekly history as the report draws it: the dashboard's time chart, over
// the weeks that have figures, log-scaled when the members differ by orders of magnitude.
import { type IsoWeek, parseIsoWeek } from '../jobs/iso-week.ts';
import { DAY_MS, isoDate } from '../jobs/utc-days.ts';
import { renderTimeChart, type TimeSeries } from './charts/time-chart.ts';
import type { Comparison } from './report.ts';

/** Members this many times apart (largest over smallest latest figure) are drawn on a log scale: on a linear one the small lines lie flat on the axis. */
const LOG_SCALE_RATIO = 100;

export function renderComparisonChart(comparison: Comparison, generatedAt: string, width = 380): string {
  const series: TimeSeries[] = comparison.members.map((member, i) => ({
    label: member.label,
    // Each week's figure stands at its last day (for the week so far, the report's day); weeks before a member's first figure are left out.
    points: comparison.history.flatMap((entry) => {
      const value = entry.values[i];
      const week = parseIsoWeek(entry.week);
      return value === null || value === undefined || !week ? [] : [{ t: weekPointDay(week, generatedAt), value }];
    }),
  }));
  return `<div class="chart">${renderTimeChart(series, { title: comparison.name, unit: comparison.unit, scale: scaleFor(comparison), width, height: 120, headed: false })}</div>`;
}

function weekPointDay(week: IsoWeek, generatedAt: string): string {
  const lastDay = isoDate(new Date(week.end.getTime() - DAY_MS));
  const made = Date.parse(generatedAt);
  const today = Number.isNaN(made) ? lastDay : isoDate(new Date(made));
  return lastDay < today ? lastDay : today;
}

function scaleFor(comparison: Comparison): 'linear' | 'log' {
  const latest = comparison.members.map((member) => member.value).filter((value): value is number => value !== null && value > 0);
  if (latest.length < 2) return 'linear';
  return Math.max(...latest) / Math.min(...latest) >= LOG_SCALE_RATIO ? 'log' : 'linear';
}
