// GitHub's secondary rate limits as its REST rate-limit page documents them, enforced
// per user (per token; per IP without one), on the fake's clock:
// - requests in flight, REST and GraphQL together;
// - points in the last minute, REST and GraphQL apart (a GET is 1, a query is 1);
// - response time of the last minute's answers, which GitHub uses to estimate CPU time:
//   GraphQL alone, and both APIs together.
// A request arriving over any of them is answered 403 "You have exceeded a secondary
// rate limit" with `retry-after`; one sent again before that has passed starts the wait
// over (GitHub: retrying early extends the limit).

export type GitHubApi = 'graphql' | 'rest';
export type SecondaryRule = 'concurrency' | 'points' | 'graphql-response-time' | 'response-time' | 'retried-early';

export interface SecondaryLimitRules {
  /** @defaultValue 100 */
  maxConcurrent: number;
  /** @defaultValue 900 */
  restPoints: number;
  /** @defaultValue 2_000 */
  graphqlPoints: number;
  /** Milliseconds of GraphQL response time per window. @defaultValue 60_000 */
  graphqlResponseMs: number;
  /** Milliseconds of response time per window, both APIs. @defaultValue 90_000 */
  responseMs: number;
  /** Tests shrink it to make the limits bind in a short test. @defaultValue 60_000 */
  windowMs: number;
}

export const GITHUB_SECONDARY_RULES: SecondaryLimitRules = {
  maxConcurrent: 100,
  restPoints: 900,
  graphqlPoints: 2_000,
  graphqlResponseMs: 60_000,
  responseMs: 90_000,
  windowMs: 60_000,
};

export interface Refusal {
  at: number;
  rule: SecondaryRule;
  /** Seconds, as sent in `retry-after`. */
  retryAfter: number;
}

/** What the fake saw of one caller: the highest levels each rule reached, and what it refused. */
export interface SecondaryLimitStats {
  /** Requests in flight at once, counting the one arriving. */
  peakConcurrent: number;
  /** Points in any window, counting the request arriving. */
  peakPoints: Record<GitHubApi, number>;
  /** GraphQL response time finished within the window, as seen by requests arriving. */
  peakGraphqlResponseMs: number;
  refusals: Refusal[];
}

interface CallerState {
  inFlight: number;
  arrivals: { at: number; api: GitHubApi }[];
  answers: { at: number; api: GitHubApi; ms: number }[];
  /** Until when the caller is refused, and for how long an early retry refuses it again. */
  penalty?: { until: number; ms: number };
  stats: SecondaryLimitStats;
}

export type Admission = { refused: Refusal } | { finish(): void };

export class SecondaryLimits {
  private rules: SecondaryLimitRules = GITHUB_SECONDARY_RULES;
  private readonly callers = new Map<string, CallerState>();

  constructor(private readonly now: () => number) {}

  /** Changes some rules; the counts so far are kept. */
  setRules(rules: Partial<SecondaryLimitRules>): void {
    this.rules = { ...this.rules, ...rules };
  }

  /** A request arriving: refused, or counted until `finish` (called once it is answered). */
  admit(caller: string, api: GitHubApi): Admission {
    const state = this.state(caller);
    const now = this.now();
    this.forgetBefore(state, now - this.rules.windowMs);
    const refusal = this.refusal(state, api, now);
    if (refusal) {
      state.penalty = { until: now + refusal.retryAfter * 1000, ms: refusal.retryAfter * 1000 };
      state.stats.refusals.push(refusal);
      return { refused: refusal };
    }
    state.inFlight++;
    state.arrivals.push({ at: now, api });
    const stats = state.stats;
    stats.peakConcurrent = Math.max(stats.peakConcurrent, state.inFlight);
    stats.peakPoints[api] = Math.max(stats.peakPoints[api], state.arrivals.filter((arrival) => arrival.api === api).length);
    stats.peakGraphqlResponseMs = Math.max(stats.peakGraphqlResponseMs, this.responseMs(state, 'graphql'));
    let finished = false;
    return {
      finish: () => {
        if (finished) return;
        finished = true;
        state.inFlight--;
        state.answers.push({ at: this.now(), api, ms: this.now() - now });
      },
    };
  }

  /** Forgets every caller's counts, statistics and penalties. */
  clear(): void {
    this.callers.clear();
  }

  stats(caller: string): SecondaryLimitStats {
    return this.state(caller).stats;
  }

  /** Every refusal, of every caller. */
  refusals(): Refusal[] {
    return [...this.callers.values()].flatMap((state) => state.stats.refusals);
  }

  private refusal(state: CallerState, api: GitHubApi, now: number): Refusal | undefined {
    const refuse = (rule: SecondaryRule, waitMs: number): Refusal => ({ at: now, rule, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
    if (state.penalty && now < state.penalty.until) return refuse('retried-early', state.penalty.ms);
    // GitHub does not say how long a burst of concurrency is held against a caller: a minute is its usual advice.
    if (state.inFlight + 1 > this.rules.maxConcurrent) return refuse('concurrency', this.rules.windowMs);
    const limit = api === 'graphql' ? this.rules.graphqlPoints : this.rules.restPoints;
    const arrivals = state.arrivals.filter((arrival) => arrival.api === api);
    if (arrivals.length + 1 > limit) return refuse('points', untilLeaves(arrivals, arrivals.length + 1 - limit, this.rules.windowMs, now));
    if (api === 'graphql' && this.responseMs(state, 'graphql') > this.rules.graphqlResponseMs) {
      return refuse('graphql-response-time', this.rules.windowMs);
    }
    if (this.responseMs(state) > this.rules.responseMs) return refuse('response-time', this.rules.windowMs);
    return undefined;
  }

  private responseMs(state: CallerState, api?: GitHubApi): number {
    return state.answers.filter((answer) => api === undefined || answer.api === api).reduce((sum, answer) => sum + answer.ms, 0);
  }

  private forgetBefore(state: CallerState, windowStart: number): void {
    state.arrivals = state.arrivals.filter((arrival) => arrival.at > windowStart);
    state.answers = state.answers.filter((answer) => answer.at > windowStart);
  }

  private state(caller: string): CallerState {
    let state = this.callers.get(caller);
    if (!state) {
      const stats: SecondaryLimitStats = { peakConcurrent: 0, peakPoints: { graphql: 0, rest: 0 }, peakGraphqlResponseMs: 0, refusals: [] };
      state = { inFlight: 0, arrivals: [], answers: [], stats };
      this.callers.set(caller, state);
    }
    return state;
  }
}

/** Milliseconds until the `count` oldest of `entries` (in arrival order) have left the window. */
function untilLeaves(entries: { at: number }[], count: number, windowMs: number, now: number): number {
  const last = entries[count - 1];
  return last ? last.at + windowMs - now : windowMs;
}
