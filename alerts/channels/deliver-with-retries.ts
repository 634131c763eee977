import { backoffMs, defaultSleep } from '../../jobs/clients/retry.ts';
import { DeliveryError } from './delivery-error.ts';

export interface DeliveryRetryOptions {
  /** Attempts after the first. @defaultValue 3 */
  retries?: number;
  /** First backoff; each next one doubles, with full jitter. @defaultValue 1000 */
  baseDelayMs?: number;
  /**
   * Longest `Retry-After` sat out in-process; a longer one is thrown for the queue to
   * schedule, so a worker is not held for minutes by one receiver. @defaultValue 60_000
   */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Runs one delivery until it succeeds, retrying `retry` DeliveryErrors with exponential
 * backoff (or the receiver's `Retry-After`) and throwing `drop` ones at once. Anything
 * that is not a DeliveryError is a bug, not a receiver fault, and is thrown as is.
 */
export async function deliverWithRetries<T>(deliver: () => Promise<T>, options: DeliveryRetryOptions = {}): Promise<T> {
  const { retries = 3, baseDelayMs = 1000, maxRetryAfterMs = 60_000, sleep = defaultSleep, random } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await deliver();
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.kind === 'drop' || attempt >= retries) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) throw error;
      await sleep(error.retryAfterMs ?? backoffMs(attempt, baseDelayMs, random));
    }
  }
}
