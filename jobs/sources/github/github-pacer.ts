// Waits for a token's turn under the pacing ceilings (github-pacing.ts holds the rules),
// with the ledgers in a store that several processes may share.
import { randomUUID } from 'node:crypto';
import {
  type Admission,
  admit,
  DEFAULT_PACING_CEILINGS,
  emptyLedger,
  type GitHubApi,
  type PacingCeilings,
  type PacingLedger,
  type PacingRule,
  type Settlement,
  settle,
} from './github-pacing.ts';
import { type LedgerStore, memoryLedgerStore } from '../../clients/ledger-store.ts';

/** How the GitHub client paces its requests. */
export interface GitHubPacingOptions {
  /** Per-token ceilings; each one left out keeps its default (`DEFAULT_PACING_CEILINGS`). */
  ceilings?: Partial<PacingCeilings>;
  /**
   * Where the tokens' ledgers live.
   * @defaultValue the gate's `ledgers` when it has them (the workers' Redis), else this process's memory
   */
  ledgers?: LedgerStore;
  /** @defaultValue Date.now */
  clock?: () => number;
  /** Told of each pause a ceiling causes. */
  onPause?: RequestPacerOptions['onPause'];
}

/** A lease outlives its request's timeout by this much before a dead process's place is given back. */
const LEASE_MARGIN_MS = 5_000;

/** The GitHub client's pacer and the ceilings it keeps; `shared` are the ledgers the gate carries, if any. */
export function createGitHubPacer(options: GitHubPacingOptions = {}, shared: LedgerStore | undefined, timeoutMs: number) {
  const ceilings: PacingCeilings = { ...DEFAULT_PACING_CEILINGS, ...options.ceilings };
  const pacer = createRequestPacer({
    ceilings,
    ledgers: options.ledgers ?? shared ?? memoryLedgerStore(),
    leaseMs: timeoutMs + LEASE_MARGIN_MS,
    clock: options.clock,
    onPause: options.onPause,
  });
  return { pacer, ceilings };
}

export interface RequestPacerOptions {
  ceilings: PacingCeilings;
  ledgers: LedgerStore;
  /** How long an unanswered request keeps its place should its process die; longer than a request may take. */
  leaseMs: number;
  /** @defaultValue Date.now */
  clock?: () => number;
  /**
   * Longest pause before asking the ledger again while the turn depends on answers in
   * flight: this process is woken by its own answers, not by another worker's.
   * @defaultValue 50
   */
  pollMs?: number;
  /** Told of each pause, with the ceiling that caused it. */
  onPause?: (pause: { ledgerKey: string; ms: number; rule: PacingRule }) => void;
}

/** An admitted request: settle it once answered (or failed), so its place and response time are accounted. */
export interface PacingTicket {
  settle(settlement: Settlement): Promise<void>;
}

export interface RequestPacer {
  /** Resolves when one request of `api` may go out on the token whose ledger is `ledgerKey`. */
  take(ledgerKey: string, api: GitHubApi): Promise<PacingTicket>;
}

/**
 * Requests of one token and API line up in this process (first come, first served),
 * so that only the first of the line asks the store; the others wait behind it.
 */
export function createRequestPacer(options: RequestPacerOptions): RequestPacer {
  const clock = options.clock ?? Date.now;
  const pollMs = options.pollMs ?? 50;
  // Kept past the window so a ledger's slots outlive it, and past a lease so its leases do.
  const ttlMs = options.ceilings.windowMs + options.leaseMs;
  const lines = new Map<string, Promise<unknown>>();
  const doorbells = new Map<string, Doorbell>();
  const doorbell = (ledgerKey: string) => doorbells.get(ledgerKey) ?? doorbells.set(ledgerKey, new Doorbell()).get(ledgerKey)!;

  async function admitWhenAllowed(ledgerKey: string, api: GitHubApi): Promise<PacingTicket> {
    for (;;) {
      const id = randomUUID();
      const admission = await options.ledgers.update<PacingLedger, Admission>(
        ledgerKey,
        (ledger) => {
          const answer = admit(ledger ?? emptyLedger(), { id, api, leaseMs: options.leaseMs }, clock(), options.ceilings);
          return { ledger: answer.ledger, result: answer };
        },
        ttlMs,
      );
      if (admission.admitted) return ticket(ledgerKey, { id, api });
      const ms = admission.untilAnswer ? Math.min(admission.retryInMs, pollMs) : admission.retryInMs;
      options.onPause?.({ ledgerKey, ms, rule: admission.rule });
      await doorbell(ledgerKey).wait(ms);
    }
  }

  function ticket(ledgerKey: string, lease: { id: string; api: GitHubApi }): PacingTicket {
    return {
      async settle(settlement) {
        try {
          await options.ledgers.update<PacingLedger, undefined>(
            ledgerKey,
            (ledger) => ({ ledger: settle(ledger ?? emptyLedger(), lease, settlement, clock(), options.ceilings), result: undefined }),
            ttlMs,
          );
        } catch {
          // The store is unreachable: the lease lapses on its own at its expiry.
        } finally {
          doorbell(ledgerKey).ring();
        }
      },
    };
  }

  return {
    take(ledgerKey, api) {
      const lineKey = `${ledgerKey}:${api}`;
      const turn = (lines.get(lineKey) ?? Promise.resolve()).then(() => admitWhenAllowed(ledgerKey, api));
      const settled = turn.then(
        () => undefined,
        () => undefined,
      );
      lines.set(lineKey, settled);
      // The last of a line forgets it, so a long-lived client keeps no line per finished burst.
      void settled.then(() => {
        if (lines.get(lineKey) === settled) lines.delete(lineKey);
      });
      return turn;
    },
  };
}

/** A pause that ends early when rung: an answer in this process may have made room. */
class Doorbell {
  private readonly waiting = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  ring(): void {
    for (const done of [...this.waiting]) done();
  }
}
