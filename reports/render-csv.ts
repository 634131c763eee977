import type { Report } from './report.ts';

export const CSV_COLUMNS = ['week', 'kind', 'key', 'label', 'metric', 'value', 'previous_value', 'delta', 'growth_pct'] as const;

/**
 * One row per series and metric, sorted by kind, key, metric (RFC 4180 quoting, CRLF).
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) get a leading apostrophe; numbers are written as they are.
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
  return `${lines.join('\r\n')}\r\n`;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function number(value: number | null): string {
  return value === null ? '' : String(value);
}
