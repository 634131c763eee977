import type { LedgerStore } from './ledger-store.ts';
import { SourceError } from './source-error.ts';

/**
 * Asked before each request: how long until the upstream's budget for `resource`
 * (GitHub: core, search, graphql; the Hub: api) is usable again, 0 to go ahead.
 * Workers answer from the budgets they share in Redis, so no worker sends a request
 * another one already knows would be refused.
 */
export type RateLimitGate = ((upstream: string, resource: string) => Promise<number>) & {
  /**
   * Where clients keep the ledgers that pace their requests (GitHub's secondary limits,
   * per token), when the gate's processes share them; without, each process paces alone.
   */
  readonly ledgers?: LedgerStore;
};

/** Throws a rate-limit SourceError, without sending anything, when the gate says to wait. */
export async function passGate(gate: RateLimitGate | undefined, upstream: string, resource: string): Promise<void> {
  if (!gate) return;
  const waitMs = await gate(upstream, resource);
  if (waitMs > 0) {
    throw new SourceError('rate_limit', `the ${upstream} ${resource} budget is spent until its reset`, { retryAfterMs: waitMs });
  }
}
