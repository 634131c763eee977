import type { Report } from './report.ts';

/** The report as it is (rows, 12 weeks of history per series, comparisons), pretty-printed. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
