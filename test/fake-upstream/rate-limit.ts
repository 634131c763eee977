// Fixed-window budgets, measured with the injected clock.
//
// GitHub opens a user's window with the first request that counts and resets it
// one hour (search: one minute) later; the Hub announces "fixed window" budgets of
// 300 s. Both are modelled the same way: a window opens on the first charge after
// the previous one ended.

export interface BudgetSnapshot {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch milliseconds at which the budget refills. */
  resetAt: number;
}

export class FixedWindowBudget {
  private windowStart: number | undefined;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Charges `points` if they fit in what is left; answers whether they did. */
  tryCharge(points: number): boolean {
    this.roll();
    if (this.used + points > this.limit) return false;
    this.used += points;
    return true;
  }

  /** The budget as it stands; a window not yet opened reads as full, resetting one window from now. */
  snapshot(): BudgetSnapshot {
    const now = this.now();
    const open = this.windowStart !== undefined && now < this.windowStart + this.windowMs;
    const used = open ? this.used : 0;
    const resetAt = open && this.windowStart !== undefined ? this.windowStart + this.windowMs : now + this.windowMs;
    return { limit: this.limit, used, remaining: Math.max(0, this.limit - used), resetAt };
  }

  private roll(): void {
    const now = this.now();
    if (this.windowStart === undefined || now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}

/** One budget per key (a token, or an IP for anonymous callers), created on first use. */
export class BudgetBook {
  private budgets = new Map<string, FixedWindowBudget>();

  get(key: string, create: () => FixedWindowBudget): FixedWindowBudget {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = create();
      this.budgets.set(key, budget);
    }
    return budget;
  }

  /** Forgets a key's budget, so a changed limit applies from the next request. */
  drop(key: string): void {
    this.budgets.delete(key);
  }
}
