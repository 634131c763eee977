// The fetch one token's Octokit sends through: it waits for the token's turn, then
// times the answer for the response-time rule.
import { createHash } from 'node:crypto';
import type { GitHubApi } from './github-pacing.ts';
import type { RequestPacer } from './github-pacer.ts';
import type { FetchLike } from '../../clients/http-json.ts';
import { wasNeverSent } from '../../clients/reachability.ts';

export interface PacedFetchOptions {
  fetch: FetchLike;
  pacer: RequestPacer;
  /** The token's ledger (see `ledgerKeyFor`). */
  ledgerKey: string;
  /** Per request, from when it is sent: a wait for its turn does not eat into it. */
  timeoutMs: number;
  /** Milliseconds per second of a `retry-after`; only tests shrink it. */
  secondMs: number;
  /** @defaultValue Date.now */
  clock?: () => number;
}

/**
 * Where a token's ledger is kept: a digest, so that a shared store (Redis) never holds
 * the token itself. Anonymous callers share one ledger, as GitHub counts them by IP.
 */
export function ledgerKeyFor(token: string | undefined): string {
  return token === undefined ? 'github:anonymous' : `github:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

/** GraphQL is `POST {base}/graphql` (`/api/graphql` on GitHub Enterprise); everything else is REST. */
export function githubApiOf(url: string): GitHubApi {
  return new URL(url).pathname.endsWith('/graphql') ? 'graphql' : 'rest';
}

export function pacedFetch(options: PacedFetchOptions): (url: string, init: RequestInit) => Promise<Response> {
  const clock = options.clock ?? Date.now;
  return async (url, init) => {
    const ticket = await options.pacer.take(options.ledgerKey, githubApiOf(url));
    const sentAt = clock();
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      await ticket.settle(wasNeverSent(error) ? {} : { responseMs: clock() - sentAt });
      throw error;
    }
    await ticket.settle({ responseMs: clock() - sentAt, holdMs: secondaryLimitHoldMs(response.headers, response.status, options.secondMs) });
    return response;
  };
}

/**
 * A secondary limit (403 or 429 with `retry-after`, the primary budget not spent) holds
 * the whole token back, in every process sharing its ledger: GitHub extends the limit
 * for requests sent before `retry-after` has passed.
 */
export function secondaryLimitHoldMs(headers: Headers, status: number, secondMs: number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  if (headers.get('x-ratelimit-remaining') === '0') return undefined;
  const seconds = Number(headers.get('retry-after') ?? NaN);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * secondMs : undefined;
}
