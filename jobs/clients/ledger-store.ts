/**
 * Where clients keep small pieces of rate-limit bookkeeping (a token's pacing ledger),
 * each changed atomically: in this process, or shared by every worker (Redis, see
 * workers/shared-ledgers.ts).
 */
export interface LedgerStore {
  /**
   * Reads the ledger under `key` (undefined when there is none or it expired), hands it
   * to `change` and stores what `change` returns, atomically; resolves to `change`'s
   * result. `change` must be pure: a store may run it again when another process changed
   * the ledger in between. An untouched ledger is forgotten `ttlMs` after its last change.
   */
  update<L, R>(key: string, change: (ledger: L | undefined) => { ledger: L; result: R }, ttlMs: number): Promise<R>;
}

/** A store for one process: nothing shared, nothing to connect to. */
export function memoryLedgerStore(now: () => number = Date.now): LedgerStore {
  const entries = new Map<string, { ledger: unknown; expiresAt: number }>();
  return {
    async update<L, R>(key: string, change: (ledger: L | undefined) => { ledger: L; result: R }, ttlMs: number): Promise<R> {
      const entry = entries.get(key);
      const live = entry && entry.expiresAt > now() ? (entry.ledger as L) : undefined;
      const { ledger, result } = change(live);
      entries.set(key, { ledger, expiresAt: now() + ttlMs });
      return result;
    },
  };
}
