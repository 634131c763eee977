import { SourceError } from './source-error.ts';
import type { UpstreamName } from './upstream-response.ts';

/**
 * Asked before each request: how long until the upstream's budget for `resource`
 * (GitHub: core, search, graphql; the Hub: api) is usable again, 0 to go ahead.
 * Workers answer from the budgets they share in Redis, so no worker sends a request
 * another one already knows would be refused.
 */
export type RateLimitGate = (upstream: UpstreamName, resource: string) => Promise<number>;

/** Throws a rate-limit SourceError, without sending anything, when the gate says to wait. */
export async function passGate(gate: RateLimitGate | undefined, upstream: UpstreamName, resource: string): Promise<void> {
  if (!gate) return;
  const waitMs = await gate(upstream, resource);
  if (waitMs > 0) {
    throw new SourceError('rate_limit', `the ${upstream} ${resource} budget is spent until its reset`, { retryAfterMs: waitMs });
  }
}
