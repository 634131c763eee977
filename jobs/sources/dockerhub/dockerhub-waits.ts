// How long Docker Hub asks a client to wait, from the headers its API answers with.
// Documented (docs.docker.com/reference/api/hub/latest, "Rate Limiting"): every answer
// carries `X-RateLimit-Limit` (requests a minute), `X-RateLimit-Remaining` and
// `X-RateLimit-Reset` (a Unix timestamp); a 429 carries `Retry-After`, in seconds since
// the description was corrected in June 2025. Before that it named `X-Retry-After`, a
// Unix timestamp, and a 429 recorded in May 2025 (docker/hub-feedback#2459) carried the
// reset's Unix timestamp in `Retry-After` itself. All three are read.

/** A `Retry-After` larger than this is a Unix timestamp (2001-09-09), not a number of seconds to wait. */
const TIMESTAMP_FLOOR = 1_000_000_000;

/** Seconds from `nowMs` until a Unix timestamp (in seconds), never negative. */
function secondsUntil(epochSeconds: number, nowMs: number): number {
  return Math.max(0, epochSeconds - nowMs / 1000);
}

function numberIn(headers: Headers, name: string): number | undefined {
  const text = headers.get(name)?.trim();
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The seconds a 429 asks to wait, or undefined when it names no end. */
export function rateLimitWaitSeconds(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    const value = numberIn(headers, 'retry-after');
    if (value !== undefined) return value > TIMESTAMP_FLOOR ? secondsUntil(value, nowMs) : value;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, (at - nowMs) / 1000);
  }
  const xRetryAfter = numberIn(headers, 'x-retry-after');
  if (xRetryAfter !== undefined) return secondsUntil(xRetryAfter, nowMs);
  return spentBudgetWaitSeconds(headers, nowMs);
}

/** The seconds until the minute's budget refills when an answer says it is spent (`X-RateLimit-Remaining: 0`), else undefined. */
export function spentBudgetWaitSeconds(headers: Headers, nowMs: number): number | undefined {
  const reset = numberIn(headers, 'x-ratelimit-reset');
  return numberIn(headers, 'x-ratelimit-remaining') === 0 && reset !== undefined ? secondsUntil(reset, nowMs) : undefined;
}
