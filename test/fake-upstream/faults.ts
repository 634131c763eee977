// Fault injection: a test queues rules, each upstream takes the first matching rule
// before answering a request. Rules are matched in the order they were injected.

/** Faults every upstream can play. */
export type CommonFault =
  /** An error answer from the host or its gateway. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504; body?: string }
  /** Status 200 and a JSON content type, but the normal body cut in the middle. */
  | { kind: 'truncated-json' }
  /** The normal answer, `ms` later (for client timeouts). */
  | { kind: 'delay'; ms: number }
  /** The socket is destroyed without an answer (a network error on the client). */
  | { kind: 'reset' };

export type GitHubFault =
  | CommonFault
  /**
   * 403 (default) or 429 "You have exceeded a secondary rate limit", with a
   * `retry-after` header only when `retryAfter` (seconds) is given.
   */
  | { kind: 'secondary-limit'; retryAfter?: number; status?: 403 | 429 }
  /**
   * Answers as if the primary budget were exhausted: REST 403 with
   * `x-ratelimit-remaining: 0`, GraphQL 200 with a `RATE_LIMITED` error; the
   * `x-ratelimit-reset` header is now + `resetInSeconds` (default 60).
   */
  | { kind: 'primary-limit'; resetInSeconds?: number };

export type HuggingFaceFault =
  | CommonFault
  /** 429 with `RateLimit: "api";r=0;t=N`; N defaults to the seconds left in the current window. */
  | { kind: 'hf-rate-limit'; resetSeconds?: number };

export type ModelScopeFault =
  | CommonFault
  /** 429 with `Retry-After: N` when `retryAfter` (seconds) is given; the body is an envelope (unverified). */
  | { kind: 'ms-rate-limit'; retryAfter?: number }
  /**
   * 404 as a gateway or the web front answers it, without the JSON envelope: an HTML
   * page (default) or an empty body.
   */
  | { kind: 'ms-not-found'; body?: 'html' | 'empty' };

export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** A string must equal the path without its query; a RegExp is tested against path + query. */
  path?: string | RegExp;
}

export interface FaultRule<F> {
  /** Omitted: every request matches. */
  match?: FaultMatch;
  /** How many matching requests get the fault. @defaultValue 1 (`Infinity` is allowed) */
  times?: number;
  fault: F;
}

export class FaultQueue<F> {
  private rules: { match: FaultMatch; left: number; fault: F }[] = [];

  inject(rule: FaultRule<F>): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new RangeError(`fault times must be positive, got ${times}`);
    this.rules.push({ match: rule.match ?? {}, left: times, fault: rule.fault });
  }

  /** The fault for this request, if a rule matches; uses up one of its `times`. */
  take(method: string, path: string, pathWithQuery: string): F | undefined {
    const index = this.rules.findIndex((rule) => matches(rule.match, method, path, pathWithQuery));
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.left -= 1;
    if (rule.left <= 0) this.rules.splice(index, 1);
    return rule.fault;
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules not yet used up, so a test can assert that its faults were all played. */
  get pending(): number {
    return this.rules.length;
  }
}

function matches(match: FaultMatch, method: string, path: string, pathWithQuery: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === 'string') return match.path === path;
  match.path.lastIndex = 0; // a /g or /y RegExp would otherwise resume where the last test stopped
  return match.path.test(pathWithQuery);
}
