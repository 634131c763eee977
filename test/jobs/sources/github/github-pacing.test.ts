// The pacing rules on a hand-driven clock: no request, no sleep.
import { describe, expect, it } from 'vitest';
import { type Admission, admit, DEFAULT_PACING_CEILINGS, emptyLedger, type GitHubApi, type PacingCeilings, type PacingLedger, settle } from '../../../../jobs/sources/github/github-pacing.ts';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0); // a whole second: slots of 1 s start on it
const CEILINGS: PacingCeilings = { maxConcurrent: 3, graphqlPoints: 4, restPoints: 2, graphqlResponseMs: 1_000, responseMs: 1_500, windowMs: 60_000 };
const LEASE_MS = 35_000;

/** A ledger driven through a scenario: each call admits or settles at the given time. */
function scenario(ceilings: PacingCeilings = CEILINGS) {
  let ledger: PacingLedger = emptyLedger();
  let next = 0;
  return {
    admit(at: number, api: GitHubApi = 'graphql'): Admission & { id: string } {
      const id = `r${next++}`;
      const answer = admit(ledger, { id, api, leaseMs: LEASE_MS }, at, ceilings);
      ledger = answer.ledger;
      return { ...answer, id };
    },
    settle(id: string, at: number, responseMs?: number, api: GitHubApi = 'graphql', holdMs?: number) {
      ledger = settle(ledger, { id, api }, { ...(responseMs !== undefined && { responseMs }), ...(holdMs !== undefined && { holdMs }) }, at, ceilings);
    },
    get ledger() {
      return ledger;
    },
  };
}

describe('the pacing ceilings', () => {
  it('default to a safe share of what GitHub documents', () => {
    expect(DEFAULT_PACING_CEILINGS).toEqual({ maxConcurrent: 25, graphqlPoints: 1_500, restPoints: 675, graphqlResponseMs: 50_000, responseMs: 75_000, windowMs: 60_000 });
  });

  it('let as many requests be in flight as the ceiling, REST and GraphQL together, and one more once one is answered', () => {
    const token = scenario({ ...CEILINGS, graphqlPoints: 100, restPoints: 100 });
    const first = token.admit(T0);
    expect([token.admit(T0, 'rest').admitted, token.admit(T0).admitted]).toEqual([true, true]);
    // Unknown when one ends: at the latest when a lease lapses; answers in this process ring sooner.
    expect(token.admit(T0 + 10)).toMatchObject({ admitted: false, rule: 'concurrency', untilAnswer: true, retryInMs: LEASE_MS - 10 });
    token.settle(first.id, T0 + 20, 20);
    expect(token.admit(T0 + 20).admitted).toBe(true);
  });

  it('keep points per sliding window per API, and say when the oldest slot leaves it', () => {
    const token = scenario({ ...CEILINGS, graphqlResponseMs: 60_000, responseMs: 90_000 });
    for (const at of [T0, T0 + 10_000, T0 + 20_000, T0 + 30_000]) token.settle(token.admit(at).id, at, 1);
    token.settle(token.admit(T0 + 30_000, 'rest').id, T0 + 30_000, 1, 'rest');
    token.settle(token.admit(T0 + 30_000, 'rest').id, T0 + 30_000, 1, 'rest');
    expect(token.admit(T0 + 40_000, 'rest')).toMatchObject({ admitted: false, rule: 'points' });
    // The query of T0 counts until its whole one-second slot has left the window: T0 + 61 s.
    expect(token.admit(T0 + 40_000)).toMatchObject({ admitted: false, rule: 'points', retryInMs: 21_000, untilAnswer: false });
    expect(token.admit(T0 + 60_999).admitted).toBe(false);
    expect(token.admit(T0 + 61_000).admitted).toBe(true);
  });

  it("count a request's point from when it is sent to a window after its answer, and none for one never sent", () => {
    const token = scenario({ ...CEILINGS, maxConcurrent: 10, graphqlPoints: 1, graphqlResponseMs: 60_000, responseMs: 90_000 });
    const unsent = token.admit(T0);
    token.settle(unsent.id, T0 + 10); // given up before it went out
    const slow = token.admit(T0 + 20);
    expect(slow.admitted).toBe(true);
    // Its point counts while it is in flight: GitHub may count it any time before it answers.
    expect(token.admit(T0 + 30)).toMatchObject({ admitted: false, rule: 'points', untilAnswer: true });
    token.settle(slow.id, T0 + 50_000, 49_980);
    // ... and for a window after the answer (to the end of its one-second slot).
    expect(token.admit(T0 + 110_999).admitted).toBe(false);
    expect(token.admit(T0 + 111_000).admitted).toBe(true);
  });

  it('count the GraphQL response time of the window, and reserve for each answer in flight what it has taken or usually takes', () => {
    const token = scenario();
    const slow = token.admit(T0);
    token.settle(slow.id, T0 + 400, 400); // 400 ms counted; a query now usually takes 400 ms
    const running = token.admit(T0 + 400);
    expect(running.admitted).toBe(true);
    // 400 answered + 400 reserved for the one running + 400 for a new one > 1,000: wait for an answer.
    expect(token.admit(T0 + 450)).toMatchObject({ admitted: false, rule: 'graphql-response-time', untilAnswer: true });
    token.settle(running.id, T0 + 600, 200);
    // 600 answered + 350 expected (the estimate moved a quarter of the way to 200) fits.
    expect(token.admit(T0 + 600).admitted).toBe(true);
    // REST answers are not in the GraphQL budget.
    expect(token.admit(T0 + 600, 'rest').admitted).toBe(true);
  });

  it('count REST and GraphQL response time together against the budget of both APIs', () => {
    const token = scenario();
    const [first, second] = [token.admit(T0, 'rest'), token.admit(T0, 'rest')];
    token.settle(first.id, T0 + 1_000, 1_000, 'rest');
    token.settle(second.id, T0 + 1_600, 600, 'rest');
    // 1,600 ms answered: over the 1,500 of both APIs, though no GraphQL time was spent.
    expect(token.admit(T0 + 1_600)).toMatchObject({ admitted: false, rule: 'response-time', untilAnswer: false, retryInMs: 60_400 });
  });

  it('reserve for an answer in flight at least the time it has already taken', () => {
    const token = scenario();
    token.settle(token.admit(T0).id, T0 + 100, 100);
    token.admit(T0 + 100); // still running 950 ms later, far past the 100 ms estimate
    expect(token.admit(T0 + 1_050)).toMatchObject({ admitted: false, rule: 'graphql-response-time', untilAnswer: true });
  });

  it('wait for answered time to leave the window when that alone is over the ceiling', () => {
    const token = scenario();
    const first = token.admit(T0);
    token.settle(first.id, T0 + 1_500, 1_500); // one answer over the whole ceiling
    expect(token.admit(T0 + 2_000)).toMatchObject({ admitted: false, rule: 'graphql-response-time', untilAnswer: false, retryInMs: 60_000 });
  });

  it('always let a lone request go, even one expected to take longer than the whole ceiling', () => {
    const token = scenario();
    const slow = token.admit(T0);
    token.settle(slow.id, T0 + 5_000, 5_000);
    expect(token.admit(T0 + 70_000).admitted).toBe(true);
  });

  it('hold the token back as long as GitHub asked, for every request', () => {
    const token = scenario();
    const refused = token.admit(T0);
    token.settle(refused.id, T0 + 10, 10, 'graphql', 30_000);
    expect(token.admit(T0 + 20, 'rest')).toMatchObject({ admitted: false, rule: 'held', retryInMs: 29_990 });
    expect(token.admit(T0 + 30_010, 'rest').admitted).toBe(true);
  });

  it('give back the place of a request whose process died, once its lease lapses', () => {
    const token = scenario({ ...CEILINGS, maxConcurrent: 1 });
    token.admit(T0); // never settled
    expect(token.admit(T0 + LEASE_MS - 1).admitted).toBe(false);
    expect(token.admit(T0 + LEASE_MS).admitted).toBe(true);
    expect(token.ledger.leases).toHaveLength(1);
  });

  it('keep a ledger no larger than a window of slots and the requests in flight', () => {
    const token = scenario({ ...CEILINGS, graphqlPoints: 10_000, graphqlResponseMs: 10_000_000, responseMs: 10_000_000, maxConcurrent: 10_000 });
    for (let at = T0; at < T0 + 300_000; at += 250) token.settle(token.admit(at).id, at + 100, 100);
    expect(token.ledger.slots.length).toBeLessThanOrEqual(61);
    expect(token.ledger.leases).toEqual([]);
  });
});
