// CSV cells as the report writes them (RFC 4180 quoting), shared by every CSV OSS Pulse serves or writes.

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell. One that a spreadsheet would run as a formula (starting with = + - @,
 * tab or carriage return) gets a leading apostrophe.
 */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number as it is; null is an empty cell. */
export function csvNumber(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Lines joined with CRLF, the last one ended too. */
export function csvLines(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
