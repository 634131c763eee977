// GitHub's secondary rate limits as pure bookkeeping (no I/O, the clock is a parameter):
// may one more request go out on a token now, and if not, how long until it might.
//
// Terminology
// - ceilings: the limits kept per token, each below the one GitHub documents (its
//   REST rate-limit page, "secondary rate limits"; all of them are per user, so per token).
// - ledger: what one token has recently asked: the requests in flight (leases) and,
//   per slot of time, the points spent and the response time taken, per API.
// - lease: one admitted request not answered yet. It lapses at `expiresAt`, so a
//   process killed mid-request does not hold a place in a shared ledger for ever.
// - slot: 1/60 of the window. A slot leaves the window only once its last instant has,
//   which makes every sum an over-estimate by at most one slot: the safe side.

export type GitHubApi = 'graphql' | 'rest';

export interface PacingCeilings {
  /** Requests in flight at once per token, REST and GraphQL together (GitHub: 100). @defaultValue 25 */
  maxConcurrent: number;
  /** GraphQL points per window per token; a query is 1 (GitHub: 2,000 a minute). @defaultValue 1_500 */
  graphqlPoints: number;
  /** REST points per window per token; a GET is 1 (GitHub: 900 a minute). @defaultValue 675 */
  restPoints: number;
  /**
   * Milliseconds of GraphQL response time per window per token (GitHub: 60 s of CPU
   * time a minute, which it says can be estimated from the total response time).
   * @defaultValue 50_000
   */
  graphqlResponseMs: number;
  /** Milliseconds of response time per window per token, REST and GraphQL together (GitHub: 90 s of CPU time a minute). @defaultValue 75_000 */
  responseMs: number;
  /** The sliding window of the per-minute rules; only tests shrink it. @defaultValue 60_000 */
  windowMs: number;
}

/** What GitHub documents, per token. */
export const GITHUB_SECONDARY_LIMITS: PacingCeilings = {
  maxConcurrent: 100,
  graphqlPoints: 2_000,
  restPoints: 900,
  graphqlResponseMs: 60_000,
  responseMs: 90_000,
  windowMs: 60_000,
};

/**
 * A quarter of the concurrency (other tools may use the same token, and GitHub adds
 * unpublished limits per endpoint), three quarters of the points, and five sixths of
 * the time: response time seen here includes the network, GitHub's CPU time does not.
 */
export const DEFAULT_PACING_CEILINGS: PacingCeilings = {
  maxConcurrent: 25,
  graphqlPoints: 1_500,
  restPoints: 675,
  graphqlResponseMs: 50_000,
  responseMs: 75_000,
  windowMs: 60_000,
};

/** A query without mutations costs 1 secondary-limit point, a REST GET too (the collector sends nothing else). */
const POINTS_PER_REQUEST = 1;
const SLOTS_PER_WINDOW = 60;
/** Weight of the newest answer in the running estimate of a GraphQL response time. */
const ESTIMATE_WEIGHT = 0.25;

export interface Lease {
  id: string;
  api: GitHubApi;
  startedAt: number;
  expiresAt: number;
}

export interface Slot {
  /** floor(time / slot width). */
  index: number;
  graphqlPoints: number;
  restPoints: number;
  graphqlResponseMs: number;
  restResponseMs: number;
}

export interface PacingLedger {
  leases: Lease[];
  slots: Slot[];
  /** Running estimate of one answer's response time per API, reserved for each one in flight; 0 until one is seen. */
  estimateMs: Record<GitHubApi, number>;
  /** Until when GitHub asked this token to hold back (a secondary-limit answer's `retry-after`). */
  heldUntil: number;
}

export type PacingRule = 'held' | 'concurrency' | 'points' | 'graphql-response-time' | 'response-time';

export type Admission =
  | { admitted: true; ledger: PacingLedger }
  | {
      admitted: false;
      ledger: PacingLedger;
      rule: PacingRule;
      /** When asking again may succeed; an upper bound when `untilAnswer`. */
      retryInMs: number;
      /** The wait ends when a request in flight is answered, which may come sooner than `retryInMs`. */
      untilAnswer: boolean;
    };

export const emptyLedger = (): PacingLedger => ({ leases: [], slots: [], estimateMs: { graphql: 0, rest: 0 }, heldUntil: 0 });

/** Admits one request of `api` at `now` if every ceiling allows it, recording its lease (its point and time count once it settles). */
export function admit(ledger: PacingLedger, request: { id: string; api: GitHubApi; leaseMs: number }, now: number, ceilings: PacingCeilings): Admission {
  const current = prune(ledger, now, ceilings);
  const refuse = (rule: PacingRule, retryInMs: number, untilAnswer = false): Admission => ({
    admitted: false,
    ledger: current,
    rule,
    retryInMs: Math.max(1, Math.ceil(retryInMs)),
    untilAnswer,
  });
  if (now < current.heldUntil) return refuse('held', current.heldUntil - now);
  if (current.leases.length >= ceilings.maxConcurrent) {
    return refuse('concurrency', Math.min(...current.leases.map((lease) => lease.expiresAt)) - now, true);
  }
  // A request's point is counted from when it is sent until a window after its answer: GitHub
  // counts it when it arrives, some time in between, so no delay on the way makes GitHub
  // count more than is counted here.
  const pointsField = POINTS_FIELD[request.api];
  const pointsInFlight = current.leases.filter((lease) => lease.api === request.api).length * POINTS_PER_REQUEST;
  const pointsRoom = ceilings[pointsField] - pointsInFlight - Math.min(POINTS_PER_REQUEST, ceilings[pointsField]);
  const pointsWait = pointsRoom < 0 ? Math.min(...current.leases.map((lease) => lease.expiresAt)) - now : slotWait(current, (slot) => slot[pointsField], pointsRoom, now, ceilings);
  if (pointsRoom < 0 || pointsWait > 0) return refuse('points', pointsWait, pointsInFlight > 0);
  const budgets: { rule: PacingRule; ceiling: number; apis: GitHubApi[] }[] = [
    ...(request.api === 'graphql' ? [{ rule: 'graphql-response-time' as const, ceiling: ceilings.graphqlResponseMs, apis: ['graphql' as const] }] : []),
    { rule: 'response-time', ceiling: ceilings.responseMs, apis: ['graphql', 'rest'] },
  ];
  for (const { rule, ceiling, apis } of budgets) {
    // Answers in flight will have taken at least as long as they have run, and likely as long as usual.
    const running = current.leases.filter((lease) => apis.includes(lease.api));
    const inFlight = running.reduce((sum, lease) => sum + Math.max(current.estimateMs[lease.api], now - lease.startedAt), 0);
    // Capped, so that a lone request always goes, however slow the last answers were.
    const own = Math.min(current.estimateMs[request.api], ceiling);
    const room = ceiling - inFlight - own;
    const answered = (slot: Slot) => apis.reduce((sum, api) => sum + slot[RESPONSE_FIELD[api]], 0);
    const wait = room < 0 ? Math.min(...running.map((lease) => lease.expiresAt)) - now : slotWait(current, answered, room, now, ceilings);
    // An answer coming in changes the reckoning (its true time replaces the estimate), so it is worth asking again.
    if (room < 0 || wait > 0) return refuse(rule, wait, running.length > 0);
  }
  const lease: Lease = { id: request.id, api: request.api, startedAt: now, expiresAt: now + request.leaseMs };
  return { admitted: true, ledger: { ...current, leases: [...current.leases, lease] } };
}

export interface Settlement {
  /** How long the answer took (or the request, when it failed); omitted when the request was never sent: it counts for nothing. */
  responseMs?: number;
  /** GitHub asked the token to hold back this long (a secondary-limit answer). */
  holdMs?: number;
}

/** Ends a lease: a request sent has its point and response time counted (the time also learnt from), and a hold GitHub asked for is kept. */
export function settle(ledger: PacingLedger, lease: { id: string; api: GitHubApi }, settlement: Settlement, now: number, ceilings: PacingCeilings): PacingLedger {
  const current = prune(ledger, now, ceilings);
  const { responseMs, holdMs } = settlement;
  const estimate = current.estimateMs[lease.api];
  const index = slotIndex(now, ceilings);
  return {
    leases: current.leases.filter((held) => held.id !== lease.id),
    slots:
      responseMs === undefined
        ? current.slots
        : addToSlot(addToSlot(current.slots, index, POINTS_FIELD[lease.api], POINTS_PER_REQUEST), index, RESPONSE_FIELD[lease.api], responseMs),
    estimateMs:
      responseMs === undefined
        ? current.estimateMs
        : { ...current.estimateMs, [lease.api]: estimate === 0 ? responseMs : estimate + (responseMs - estimate) * ESTIMATE_WEIGHT },
    heldUntil: holdMs !== undefined && holdMs > 0 ? Math.max(current.heldUntil, now + holdMs) : current.heldUntil,
  };
}

/** Drops lapsed leases and slots that left the window. */
function prune(ledger: PacingLedger, now: number, ceilings: PacingCeilings): PacingLedger {
  return {
    ...ledger,
    leases: ledger.leases.filter((lease) => lease.expiresAt > now),
    slots: ledger.slots.filter((slot) => slotLeavesAt(slot, ceilings) > now),
  };
}

/** Milliseconds until the slots' `amount` sums to at most `room`, oldest slots leaving first; 0 when it already does. */
function slotWait(ledger: PacingLedger, amount: (slot: Slot) => number, room: number, now: number, ceilings: PacingCeilings): number {
  let total = ledger.slots.reduce((sum, slot) => sum + amount(slot), 0);
  if (total <= room) return 0;
  for (const slot of [...ledger.slots].sort((a, b) => a.index - b.index)) {
    total -= amount(slot);
    if (total <= room) return slotLeavesAt(slot, ceilings) - now;
  }
  return ceilings.windowMs; // unreachable while room ≥ 0: every slot gone leaves a total of 0
}

type SlotField = Exclude<keyof Slot, 'index'>;
const RESPONSE_FIELD: Record<GitHubApi, SlotField> = { graphql: 'graphqlResponseMs', rest: 'restResponseMs' };
const POINTS_FIELD = { graphql: 'graphqlPoints', rest: 'restPoints' } as const;
const slotWidth = (ceilings: PacingCeilings) => ceilings.windowMs / SLOTS_PER_WINDOW;
const slotIndex = (now: number, ceilings: PacingCeilings) => Math.floor(now / slotWidth(ceilings));
const slotLeavesAt = (slot: Slot, ceilings: PacingCeilings) => (slot.index + 1) * slotWidth(ceilings) + ceilings.windowMs;

function addToSlot(slots: Slot[], index: number, field: SlotField, amount: number): Slot[] {
  const found = slots.find((slot) => slot.index === index);
  if (!found) return [...slots, { index, graphqlPoints: 0, restPoints: 0, graphqlResponseMs: 0, restResponseMs: 0, [field]: amount }];
  return slots.map((slot) => (slot === found ? { ...slot, [field]: slot[field] + amount } : slot));
}
