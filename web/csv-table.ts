import { csvLines, csvNumber, csvText } from '../reports/csv-cells.ts';

/** Rows of plain values as CSV with the given columns, quoted and defused as the report's CSV is. */
export function csvTable<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const cell = (value: unknown) => (typeof value === 'number' || value === null || value === undefined ? csvNumber((value as number | null | undefined) ?? null) : csvText(String(value)));
  return csvLines([columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))]);
}
