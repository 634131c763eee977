import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { RATE_LIMIT_FALLBACK_WAIT_MS, type RateLimitWait } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';

// No retry plugin: retries are `withRetries`' alone (one layer, with jitter). Stacked
// under it, the plugin's three (n+1)² s retries made one dead batch 16 requests.
const PluggedOctokit = Octokit.plugin(throttling);
export type GitHubOctokit = InstanceType<typeof PluggedOctokit>;

export interface OctokitOptions {
  baseUrl: string;
  token?: string;
  /** What this token's requests go through: paced under GitHub's secondary limits, with its own timeout (github-paced-fetch.ts). */
  send: (url: string, init: RequestInit) => Promise<Response>;
  /** Longest rate-limit wait the plugins may sit out before giving the error back. */
  maxRateLimitWaitMs: number;
  /** Minimum spacing of REST search calls (GitHub allows 10/min anonymous, 30/min with a token). */
  searchIntervalMs: number;
  /** Milliseconds per second of upstream-requested wait; only tests change it. */
  secondMs: number;
  /** Whether a primary rate limit should be waited out here (no other token to switch to). */
  mayWaitForPrimaryLimit: () => boolean;
  log: { debug(msg: string): void; warn(msg: string): void };
  /** Told before the throttling plugin sits out a rate limit. */
  onWait?: (wait: RateLimitWait) => void;
}

export function createOctokit(options: OctokitOptions): GitHubOctokit {
  const fitsWait = (retryAfterSeconds: number) => retryAfterSeconds * options.secondMs <= options.maxRateLimitWaitMs;
  const said = (retryAfterSeconds: number, reason: string) => {
    options.onWait?.({ ms: retryAfterSeconds * options.secondMs, reason });
    return true;
  };
  return new PluggedOctokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'oss-pulse',
    request: { fetch: options.send },
    // Octokit logs each failed request as "500 with id UNKNOWN" even when nothing answered:
    // the failure is reported by the caller, with its cause, so that line stays at debug.
    log: { debug: options.log.debug, info: options.log.debug, warn: options.log.warn, error: options.log.debug },
    throttle: {
      retryAfterBaseValue: options.secondMs,
      search: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.searchIntervalMs }),
      // `send` paces every request by GitHub's documented limits. Left to its defaults the
      // plugin would also space each POST (so each GraphQL query, a read) a second apart as
      // if it were a write, and cap all tokens of the process together at 10 requests in
      // flight (its `global` group, read like `write` but missing from its types).
      write: new Bottleneck.Group({ maxConcurrent: null, minTime: 0 }),
      ...({ global: new Bottleneck.Group({ maxConcurrent: null, minTime: 0 }) } as Record<string, unknown>),
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 1 && fitsWait(retryAfter) && options.mayWaitForPrimaryLimit() && said(retryAfter, 'GitHub rate limit exhausted'),
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 3 && fitsWait(retryAfter) && said(retryAfter, 'GitHub secondary rate limit'),
    },
  });
}

/** Turns an Octokit failure into a SourceError whose kind decides what happens next. */
export function fromOctokitError(error: unknown, now = Date.now()): SourceError {
  if (error instanceof SourceError) return error;
  // Thrown by our fetch (an upstream given up on) and wrapped by Octokit as a 500.
  if (error instanceof RequestError && error.cause instanceof SourceError) return error.cause;
  const graphqlLimit = graphqlRateLimit(error, now);
  if (graphqlLimit) return graphqlLimit;
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
  // A 429 is a rate limit whatever its wording; a 403 is one when GitHub says so.
  if (status === 429 || (status === 403 && /secondary rate/i.test(message))) {
    const retryAfter = Number(headers['retry-after']);
    // GitHub's advice when it sends no retry-after: wait at least a minute.
    return new SourceError('rate_limit', `GitHub secondary rate limit: ${message}`, {
      status,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : RATE_LIMIT_FALLBACK_WAIT_MS,
    });
  }
  if (status === 404 || status === 410) return new SourceError('not_found', message, { status });
  if (status === 500 && !error.response) {
    const timedOut = (error.cause as Error | undefined)?.name === 'TimeoutError';
    return new SourceError(timedOut ? 'timeout' : 'network', timedOut ? 'GitHub did not answer in time' : message, { cause: error });
  }
  return new SourceError('http', `GitHub answered ${status}: ${message}`, { status });
}

/**
 * The throttling plugin's "GraphQL Rate Limit Exceeded" (a plain Error holding the
 * 200 answer whose errors say RATE_LIMITED), when it would not wait that long itself:
 * a rate limit until `x-ratelimit-reset`, not a network failure.
 */
function graphqlRateLimit(error: unknown, now: number): SourceError | undefined {
  if (!(error instanceof Error) || error instanceof RequestError) return undefined;
  const { response } = error as Error & { response?: { headers?: Record<string, string | undefined> }; data?: unknown };
  const errors = (error as { data?: { errors?: { type?: string; message?: string }[] } }).data?.errors;
  const limited = Array.isArray(errors) ? errors.find((entry) => entry?.type === 'RATE_LIMITED') : undefined;
  if (!limited) return undefined;
  const retryAfterMs = resetWaitMs(response?.headers?.['x-ratelimit-reset'], now);
  const resetAt = new Date(now + retryAfterMs).toISOString();
  return new SourceError('rate_limit', `GitHub GraphQL rate limit exhausted until ${resetAt}: ${limited.message ?? error.message}`, { retryAfterMs });
}

/** Milliseconds until an `x-ratelimit-reset` epoch (plus one second, to land after it). */
export function resetWaitMs(reset: string | number | undefined, now = Date.now()): number {
  const resetSeconds = Number(reset);
  if (!Number.isFinite(resetSeconds) || resetSeconds <= 0) return RATE_LIMIT_FALLBACK_WAIT_MS;
  return Math.max(0, resetSeconds * 1000 - now) + 1000;
}
