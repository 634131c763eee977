// Who is calling the fake GitHub, and what each caller may still spend.
//
// Each token stands for its own user (user IDs 1, 2, ... in the order tokens were
// added), so a pool of tokens has one budget per token. Anonymous callers are
// counted per IP, as on api.github.com.
import { BudgetBook, FixedWindowBudget, type BudgetSnapshot } from './rate-limit.ts';

export type GitHubResource = 'core' | 'search' | 'graphql';

export interface GitHubTokenLimits {
  /** REST points per hour. @defaultValue 5000 */
  coreLimit?: number;
  /** GraphQL points per hour. @defaultValue 5000 */
  graphqlLimit?: number;
  /** Search requests per minute. @defaultValue 30 */
  searchLimit?: number;
}

export type GitHubCaller =
  | { kind: 'token'; token: string; userId: number }
  | { kind: 'anonymous'; ip: string }
  /** A token the fake does not know, or one that was revoked. */
  | { kind: 'bad-credentials' };

export type KnownCaller = Exclude<GitHubCaller, { kind: 'bad-credentials' }>;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const WINDOW: Record<GitHubResource, number> = { core: HOUR, search: MINUTE, graphql: HOUR };
// Without a token GitHub allows 60 REST calls an hour, 10 searches a minute and no GraphQL.
const ANONYMOUS_LIMITS: Record<GitHubResource, number> = { core: 60, search: 10, graphql: 0 };
const TOKEN_LIMITS: Record<GitHubResource, number> = { core: 5000, search: 30, graphql: 5000 };

export class GitHubAccounts {
  private tokens = new Map<string, { userId: number; limits: Record<GitHubResource, number>; revoked: boolean }>();
  private budgets = new BudgetBook();

  constructor(private readonly now: () => number) {}

  addToken(token: string, limits: GitHubTokenLimits = {}): void {
    const known = this.tokens.get(token);
    this.tokens.set(token, {
      userId: known?.userId ?? this.tokens.size + 1,
      limits: {
        core: limits.coreLimit ?? TOKEN_LIMITS.core,
        search: limits.searchLimit ?? TOKEN_LIMITS.search,
        graphql: limits.graphqlLimit ?? TOKEN_LIMITS.graphql,
      },
      revoked: false,
    });
    // New limits apply from the next request.
    for (const resource of Object.keys(WINDOW) as GitHubResource[]) this.budgets.drop(budgetKey({ kind: 'token', token, userId: 0 }, resource));
  }

  revokeToken(token: string): void {
    const known = this.tokens.get(token);
    if (!known) throw new Error(`fake GitHub: unknown token`);
    known.revoked = true;
  }

  identify(token: string | undefined, ip: string): GitHubCaller {
    if (token === undefined) return { kind: 'anonymous', ip };
    const known = this.tokens.get(token);
    return known && !known.revoked ? { kind: 'token', token, userId: known.userId } : { kind: 'bad-credentials' };
  }

  /** The caller for `up.github.rateLimit(token?)`; anonymous means this machine's loopback IP. */
  callerFor(token: string | undefined): KnownCaller {
    const caller = this.identify(token, '127.0.0.1');
    if (caller.kind === 'bad-credentials') throw new Error('fake GitHub: unknown or revoked token');
    return caller;
  }

  budget(caller: KnownCaller, resource: GitHubResource): FixedWindowBudget {
    return this.budgets.get(budgetKey(caller, resource), () => {
      const limit = caller.kind === 'token' ? (this.tokens.get(caller.token)?.limits[resource] ?? 0) : ANONYMOUS_LIMITS[resource];
      return new FixedWindowBudget(limit, WINDOW[resource], this.now);
    });
  }

  snapshot(caller: KnownCaller, resource: GitHubResource): BudgetSnapshot {
    return this.budget(caller, resource).snapshot();
  }
}

function budgetKey(caller: KnownCaller, resource: GitHubResource): string {
  return JSON.stringify([resource, caller.kind, caller.kind === 'token' ? caller.token : caller.ip]);
}
