import { RATE_LIMIT_FALLBACK_WAIT_MS } from '../../clients/retry.ts';
import { SourceError, toSourceError } from '../../clients/source-error.ts';

interface PoolEntry<C> {
  client: C;
  /** Position in GITHUB_TOKEN, for messages: tokens themselves are never logged. */
  index: number;
  revoked: boolean;
  exhaustedUntil: number;
}

/**
 * Several GitHub tokens used in turn (round robin), so that their rate limits add up.
 * A token the API refuses (401) is dropped; one whose budget is spent rests until its
 * reset while the others carry on.
 */
export class TokenPool<C> {
  private readonly entries: PoolEntry<C>[];
  private next = 0;

  constructor(
    clients: C[],
    private readonly now: () => number = Date.now,
    private readonly onSkip: (message: string) => void = () => {},
  ) {
    this.entries = clients.map((client, index) => ({ client, index, revoked: false, exhaustedUntil: 0 }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether some other token could serve a request right now. */
  hasSpare(): boolean {
    return this.usable().length > 1;
  }

  /** Runs `call` with the next usable client, moving on to another when a token is refused or spent. */
  async run<T>(call: (client: C) => Promise<T>): Promise<T> {
    let lastError: SourceError | undefined;
    for (let tried = 0; tried < this.entries.length; tried++) {
      const entry = this.pick();
      if (!entry) break;
      try {
        return await call(entry.client);
      } catch (thrown) {
        const error = toSourceError(thrown);
        lastError = error;
        if (error.kind === 'auth') {
          entry.revoked = true;
          this.onSkip(`GitHub token #${entry.index + 1} was refused (${error.message}); continuing without it`);
        } else if (error.kind === 'rate_limit' && this.entries.length > 1) {
          entry.exhaustedUntil = this.now() + (error.retryAfterMs ?? RATE_LIMIT_FALLBACK_WAIT_MS);
          this.onSkip(`GitHub token #${entry.index + 1} is rate limited; switching tokens`);
        } else {
          throw error;
        }
      }
    }
    throw lastError ?? this.unavailable();
  }

  private usable(): PoolEntry<C>[] {
    const now = this.now();
    return this.entries.filter((entry) => !entry.revoked && entry.exhaustedUntil <= now);
  }

  private pick(): PoolEntry<C> | undefined {
    const usable = this.usable();
    if (usable.length === 0) return undefined;
    const entry = usable[this.next % usable.length];
    this.next++;
    return entry;
  }

  private unavailable(): SourceError {
    const live = this.entries.filter((entry) => !entry.revoked);
    if (live.length === 0) return new SourceError('auth', 'every GitHub token was refused');
    const soonest = Math.min(...live.map((entry) => entry.exhaustedUntil));
    return new SourceError('rate_limit', 'every GitHub token is rate limited', {
      retryAfterMs: Math.max(0, soonest - this.now()),
    });
  }
}
