import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { FetchLike } from './http-json.ts';
import { SourceError } from './source-error.ts';

const PluggedOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof PluggedOctokit>;

export interface OctokitOptions {
  baseUrl: string;
  token?: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Longest rate-limit wait the plugins may sit out before giving the error back. */
  maxRateLimitWaitMs: number;
  /** Minimum spacing of REST search calls (GitHub allows 10/min anonymous, 30/min with a token). */
  searchIntervalMs: number;
  /** Milliseconds per second of upstream-requested wait; only tests change it. */
  secondMs: number;
  /** Whether a primary rate limit should be waited out here (no other token to switch to). */
  mayWaitForPrimaryLimit: () => boolean;
  log: { debug(msg: string): void; warn(msg: string): void };
}

export function createOctokit(options: OctokitOptions): GitHubOctokit {
  const fitsWait = (retryAfterSeconds: number) => retryAfterSeconds * options.secondMs <= options.maxRateLimitWaitMs;
  return new PluggedOctokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'oss-pulse',
    request: {
      fetch: (url: string, init: RequestInit) =>
        options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }),
    },
    log: { debug: options.log.debug, info: options.log.debug, warn: options.log.warn, error: options.log.warn },
    throttle: {
      retryAfterBaseValue: options.secondMs,
      search: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.searchIntervalMs }),
      // The plugin spaces POSTs (GraphQL included) a second apart, as GitHub asks for writes.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.secondMs }),
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 1 && fitsWait(retryAfter) && options.mayWaitForPrimaryLimit(),
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 3 && fitsWait(retryAfter),
    },
    retry: { retryAfterBaseValue: options.secondMs },
  });
}

/** Turns an Octokit failure into a SourceError whose kind decides what happens next. */
export function fromOctokitError(error: unknown, now = Date.now()): SourceError {
  if (error instanceof SourceError) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new SourceError('timeout', 'GitHub did not answer in time', { cause: error });
  }
  if (!(error instanceof RequestError)) {
    return new SourceError('network', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const headers = error.response?.headers ?? {};
  const message = error.message;
  const status = error.status;
  if (status === 401) return new SourceError('auth', `GitHub refused the token: ${message}`, { status });
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0') {
    return new SourceError('rate_limit', `GitHub rate limit exhausted: ${message}`, {
      status,
      retryAfterMs: resetWaitMs(headers['x-ratelimit-reset'], now),
    });
  }
  if ((status === 403 || status === 429) && /secondary rate/i.test(message)) {
    const retryAfter = Number(headers['retry-after']);
    // GitHub's advice when it sends no retry-after: wait at least a minute.
    return new SourceError('rate_limit', `GitHub secondary rate limit: ${message}`, {
      status,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000,
    });
  }
  if (status === 404 || status === 410) return new SourceError('not_found', message, { status });
  if (status === 500 && !error.response) {
    const timedOut = (error.cause as Error | undefined)?.name === 'TimeoutError';
    return new SourceError(timedOut ? 'timeout' : 'network', timedOut ? 'GitHub did not answer in time' : message, { cause: error });
  }
  return new SourceError('http', `GitHub answered ${status}: ${message}`, { status });
}

/** Milliseconds until an `x-ratelimit-reset` epoch (plus one second, to land after it). */
export function resetWaitMs(reset: string | number | undefined, now = Date.now()): number {
  const resetSeconds = Number(reset);
  if (!Number.isFinite(resetSeconds) || resetSeconds <= 0) return 60_000;
  return Math.max(0, resetSeconds * 1000 - now) + 1000;
}
