/**
 * The wait a `Retry-After` header asks for, in milliseconds: either delay-seconds
 * (`Retry-After: 30`) or an HTTP-date (`Retry-After: Fri, 04 Dec 2026 10:00:00 GMT`),
 * the two forms RFC 9110 allows. A date in the past means "now" (0); anything else,
 * or no header, gives undefined so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse reads the IMF-fixdate form (and the obsolete RFC 850 / asctime forms) Node supports.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
