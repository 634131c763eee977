import { setTimeout as delay } from 'node:timers/promises';
import { toSourceError } from './source-error.ts';

export interface RetryOptions {
  /** Attempts after the first. @defaultValue 3 */
  retries?: number;
  /** First backoff; each next one doubles, with full jitter. @defaultValue 1000 */
  baseDelayMs?: number;
  /**
   * Longest upstream-requested wait (rate limits) sat out in-process; a longer one
   * is thrown as `SourceError('rate_limit')` for the caller (or the queue) to handle.
   * @defaultValue 60_000
   */
  maxRateLimitWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each rate-limit wait sat out here, so a long pause is never silent. */
  onWait?: (wait: RateLimitWait) => void;
}

/** A wait the upstream asked for, as reported to `onWait`. */
export interface RateLimitWait {
  ms: number;
  /** The upstream's words for it (the rate-limit error's message). */
  reason: string;
}

/**
 * A rate limit that names no end is waited out this long: GitHub's advice for a
 * secondary limit without `retry-after`, and a whole window of pypistats' per-minute limit.
 * Also the longest wait sat out in-process by default.
 */
export const RATE_LIMIT_FALLBACK_WAIT_MS = 60_000;

export const defaultSleep = (ms: number): Promise<void> => delay(ms);

/** Exponential backoff with full jitter: a random wait in [0, base * 2^attempt). */
export function backoffMs(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  return Math.round(random() * baseDelayMs * 2 ** attempt);
}

/**
 * Runs `attempt` until it succeeds, retrying transient SourceErrors with backoff and
 * sitting out short rate-limit waits. Not-found and auth errors are thrown at once.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, baseDelayMs = 1000, maxRateLimitWaitMs = RATE_LIMIT_FALLBACK_WAIT_MS, sleep = defaultSleep, random } = options;
  for (let attemptNo = 0; ; attemptNo++) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = toSourceError(thrown);
      if (!error.retryable || attemptNo >= retries) throw error;
      if (error.kind === 'rate_limit') {
        const waitMs = error.retryAfterMs ?? RATE_LIMIT_FALLBACK_WAIT_MS;
        if (waitMs > maxRateLimitWaitMs) throw error;
        options.onWait?.({ ms: waitMs, reason: error.message });
        await sleep(waitMs);
      } else {
        await sleep(backoffMs(attemptNo, baseDelayMs, random));
      }
    }
  }
}
