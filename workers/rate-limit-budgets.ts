import type { Redis } from 'ioredis';
import type { RateLimitGate } from '../jobs/clients/rate-limit-gate.ts';
import type { UpstreamResponse } from '../jobs/clients/upstream-response.ts';
import { redisLedgerStore } from './shared-ledgers.ts';

/** An upstream's rate-limit budget as its last answer told it. */
export interface Budget {
  upstream: string;
  /** GitHub: core, search, graphql; the Hub and Docker Hub: api. */
  resource: string;
  limit: number | null;
  remaining: number;
  resetAt: string;
  seenAt: string;
}

/** Reads a budget from an answer's headers: GitHub `x-ratelimit-*`, the Hub's `RateLimit`/`RateLimit-Policy`. */
export function budgetFrom(response: UpstreamResponse, now: Date): Budget | undefined {
  const headers = response.headers;
  if (!headers) return undefined;
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (remaining !== null && reset !== null) {
    return {
      upstream: response.upstream,
      // GitHub names its resource (core, search, graphql); an upstream that does not (Docker Hub) has one budget, 'api', as the HTTP client's gate asks.
      resource: headers.get('x-ratelimit-resource') ?? 'api',
      limit: Number(headers.get('x-ratelimit-limit') ?? NaN) || null,
      remaining: Number(remaining),
      resetAt: new Date(Number(reset) * 1000).toISOString(),
      seenAt: now.toISOString(),
    };
  }
  const hub = /"?([\w-]+)"?;\s*r=(\d+);\s*t=(\d+)/.exec(headers.get('ratelimit') ?? '');
  if (hub) {
    const quota = /q=(\d+)/.exec(headers.get('ratelimit-policy') ?? '');
    return {
      upstream: response.upstream,
      resource: hub[1] ?? 'api',
      limit: quota ? Number(quota[1]) : null,
      remaining: Number(hub[2]),
      resetAt: new Date(now.getTime() + Number(hub[3]) * 1000).toISOString(),
      seenAt: now.toISOString(),
    };
  }
  return undefined;
}

/** Budgets shared through Redis, so `status` shows them whichever worker saw them last. */
export const budgetsKey = (prefix: string): string => `${prefix}:rate-limit-budgets`;

export async function saveBudget(redis: Redis, prefix: string, budget: Budget): Promise<void> {
  await redis.hset(budgetsKey(prefix), `${budget.upstream}:${budget.resource}`, JSON.stringify(budget));
}

export async function readBudgets(redis: Redis, prefix: string): Promise<Budget[]> {
  const entries = await redis.hgetall(budgetsKey(prefix));
  return Object.values(entries)
    .map((text) => JSON.parse(text) as Budget)
    .sort((a, b) => `${a.upstream}:${a.resource}`.localeCompare(`${b.upstream}:${b.resource}`));
}

/**
 * The workers' gate: a budget some worker saw spent (remaining 0) holds every worker
 * back until its reset. `shared(upstream)` false turns it off for an upstream whose
 * budgets are not shared (a GitHub token pool, where one spent token is not all of them).
 * It also carries the ledgers that pace GitHub requests per token, in the same Redis,
 * so workers on one token keep GitHub's secondary limits together (pools included:
 * those ledgers are per token).
 */
export function budgetGate(redis: Redis, prefix: string, shared: (upstream: string) => boolean): RateLimitGate {
  return Object.assign(budgetWait(redis, prefix, shared), { ledgers: redisLedgerStore(redis, prefix) });
}

function budgetWait(redis: Redis, prefix: string, shared: (upstream: string) => boolean) {
  return async (upstream: string, resource: string): Promise<number> => {
    if (!shared(upstream)) return 0;
    const text = await redis.hget(budgetsKey(prefix), `${upstream}:${resource}`);
    if (!text) return 0;
    const budget = JSON.parse(text) as Budget;
    const waitMs = Date.parse(budget.resetAt) - Date.now();
    return budget.remaining === 0 && waitMs > 0 ? waitMs + 1_000 : 0;
  };
}
