import { csvLines, csvNumber as number, csvText as text } from './csv-cells.ts';
import type { Report } from './report.ts';

export const CSV_COLUMNS = ['week', 'kind', 'key', 'label', 'metric', 'value', 'previous_value', 'delta', 'growth_pct'] as const;

/**
 * One row per series and metric, sorted by kind, key, metric (RFC 4180 quoting, CRLF;
 * formula-like text cells defused, see csv-cells.ts).
 */
export function renderCsv(report: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of report.rows) {
    lines.push(
      [
        text(row.week),
        text(row.kind),
        text(row.key),
        text(row.label),
        text(row.metric),
        number(row.value),
        number(row.previousValue),
        number(row.delta),
        number(row.growthPct),
      ].join(','),
    );
  }
  return csvLines(lines);
}
