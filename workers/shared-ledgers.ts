// Ledgers shared by every worker through Redis, so that workers using the same GitHub
// token keep GitHub's per-token limits together rather than each on its own.
import type { Redis } from 'ioredis';
import type { LedgerStore } from '../jobs/clients/ledger-store.ts';

/**
 * Sets the key only if it still holds what was read ('' for nothing): a compare-and-set,
 * so the ledger's rules stay in TypeScript (github-pacing.ts) and Redis only referees.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/** Tries before giving up on a ledger other workers keep changing; each try is two local round trips. */
const MAX_TRIES = 100;

export const ledgerKey = (prefix: string, key: string): string => `${prefix}:ledger:${key}`;

/**
 * Each update reads the ledger, applies the change in this process and writes it back
 * only if no other worker wrote in between; otherwise it reads again. The worker's
 * clock is used by the change: workers on several machines need synchronised clocks.
 */
export function redisLedgerStore(redis: Redis, prefix: string): LedgerStore {
  return {
    async update<L, R>(key: string, change: (ledger: L | undefined) => { ledger: L; result: R }, ttlMs: number): Promise<R> {
      const redisKey = ledgerKey(prefix, key);
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const read = await redis.get(redisKey);
        const { ledger, result } = change(read === null ? undefined : (JSON.parse(read) as L));
        const written = await redis.eval(COMPARE_AND_SET, 1, redisKey, read ?? '', JSON.stringify(ledger), String(Math.ceil(ttlMs)));
        if (written === 1) return result;
      }
      throw new Error(`the shared ledger ${key} kept changing under ${MAX_TRIES} tries`);
    },
  };
}
