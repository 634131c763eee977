// The GitHub client against a fake that enforces GitHub's secondary limits, with the
// minute shrunk (to a fraction of a second) on both sides so the limits bind in a short
// test. What is asserted is what the fake saw: refusals, peaks per token, requests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient, GitHubClientOptions } from '../../../../jobs/sources/github/github-client.ts';
import type { PacingCeilings, PacingRule } from '../../../../jobs/sources/github/github-pacing.ts';
import { type FakeUpstream, type SecondaryLimitRules, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';

const TOKENS = ['ghp_pacingtesttoken00000000000000000001', 'ghp_pacingtesttoken00000000000000000002'];
const REPOS = Array.from({ length: 1_500 }, (_, i) => `acme/r${i}`);
const QUERIES = Array.from({ length: 600 }, (_, i) => `topic-${i}`);
const HISTORIES = REPOS.slice(0, 15);

/**
 * GitHub's concurrency and points with a one-second "minute", smaller numbers. Its
 * response-time rules are left at a real minute's here: the next tests shrink them.
 */
const FAKE_RULES: Partial<SecondaryLimitRules> = { windowMs: 1_000, maxConcurrent: 8, graphqlPoints: 20, restPoints: 12 };
/** The client's ceilings below them, as its defaults sit below GitHub's. */
const CEILINGS: PacingCeilings = { windowMs: 1_000, maxConcurrent: 6, graphqlPoints: 15, restPoints: 9, graphqlResponseMs: 50_000, responseMs: 75_000 };

describe('GitHub client pacing against the enforcing fake', () => {
  let up: FakeUpstream;
  let pauses: PacingRule[];
  const client = (ceilings: Partial<PacingCeilings>, overrides: Partial<GitHubClientOptions> = {}): GitHubClient =>
    testGitHubClient(up.github.url, {
      tokens: [TOKENS[0] as string],
      pacing: { ceilings, onPause: ({ rule }) => pauses.push(rule) },
      ...overrides,
    });
  const latency = (ms: number, path?: string) => up.github.inject({ ...(path && { match: { path } }), fault: { kind: 'delay', ms }, times: Infinity });
  const graphqlSent = () => up.requests.filter((request) => request.path === '/graphql').length;
  /** Gives up at the first refusal: no retry, no wait (each early retry would only extend the fake's penalty). */
  const noRetry: Partial<GitHubClientOptions> = { retry: { retries: 0, maxRateLimitWaitMs: 0 } };

  beforeAll(async () => {
    up = await startFakeUpstream();
    REPOS.forEach((fullName, i) => up.github.addRepo({ id: i + 1, fullName, stars: i, forks: 1, subscribers: 1, openIssues: 0, openPullRequests: 0 }));
    for (const fullName of HISTORIES) up.github.setStarHistory(fullName, [{ week: 1_795_910_400, days: [1, 0, 0, 0, 0, 0, 0] }]);
    // The fake builds GitHub's schema on its first query (a second of CPU, which would
    // stretch the first answers of a test far beyond its latency): built here, unmeasured.
    up.github.addToken(TOKENS[0] as string);
    await testGitHubClient(up.github.url, { tokens: [TOKENS[0] as string] }).countRepositories(['warm-up']);
  });
  afterAll(() => up.close());
  beforeEach(() => {
    for (const token of TOKENS) up.github.addToken(token);
    up.github.clearFaults();
    up.github.clearSecondaryLimits();
    up.github.setSecondaryLimits(FAKE_RULES);
    up.clearRequests();
    pauses = [];
  });

  /** Repositories, keyword counts and star histories at once: 15 + 10 GraphQL requests and 15 REST ones. */
  const largeRound = (github: GitHubClient) =>
    Promise.all([
      github.fetchRepositories(REPOS, { withCounts: new Set() }),
      github.countRepositories(QUERIES.slice(0, 200)),
      github.starHistory(HISTORIES, new Date('2026-11-01T00:00:00Z')),
    ]).then((maps) => maps.flatMap((map) => [...map.values()]));

  it('runs a large round without one secondary-limit answer, every ceiling kept per token', async () => {
    latency(20);
    const results = await largeRound(client(CEILINGS));
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(up.github.secondaryRefusals()).toEqual([]);
    const seen = up.github.secondaryLimits(TOKENS[0]);
    expect(seen.peakConcurrent).toBeLessThanOrEqual(CEILINGS.maxConcurrent);
    expect(seen.peakPoints.graphql).toBeLessThanOrEqual(CEILINGS.graphqlPoints);
    expect(seen.peakPoints.rest).toBeLessThanOrEqual(CEILINGS.restPoints);
    // Sent side by side, not one after another: the ceilings, not a spacing, held them back.
    expect(seen.peakConcurrent).toBeGreaterThan(1);
    expect(pauses.length).toBeGreaterThan(0);
    expect(graphqlSent()).toBe(25);
    expect(up.requests).toHaveLength(40);
  });

  it('is refused by the same fake when its ceilings are above the limits (the fake binds at this load)', async () => {
    latency(200); // long enough for the whole burst to be in flight at once
    await largeRound(client({ ...CEILINGS, maxConcurrent: 25, graphqlPoints: 100, restPoints: 100 }, noRetry));
    expect(up.github.secondaryRefusals().map((refusal) => refusal.rule)).toContain('concurrency');
  });

  describe('when answers are slow enough for the response-time rule to bind', () => {
    // A request admitted now reaches the fake a little later, when the answers in flight
    // may have taken longer than reserved for them: wide margins and few requests in
    // flight keep that under the limit even on a busy test machine, where the delay is a
    // sizeable part of a one-second window (of a real minute, a tiny one).
    const SLOW_RULES: Partial<SecondaryLimitRules> = { graphqlResponseMs: 600, responseMs: 900 };
    const SLOW_CEILINGS: PacingCeilings = { ...CEILINGS, maxConcurrent: 2, graphqlPoints: 100, graphqlResponseMs: 200, responseMs: 300 };
    const SLOW_QUERIES = QUERIES.slice(0, 240); // 12 requests of 40 ms: 480 ms of response time

    it('slows down instead of being refused', async () => {
      up.github.setSecondaryLimits(SLOW_RULES);
      latency(40, '/graphql');
      const counts = await client(SLOW_CEILINGS).countRepositories(SLOW_QUERIES);
      expect([...counts.values()].filter((result) => !result.ok)).toEqual([]);
      expect(up.github.secondaryRefusals()).toEqual([]);
      expect(up.github.secondaryLimits(TOKENS[0]).peakGraphqlResponseMs).toBeLessThanOrEqual(600);
      expect(pauses).toContain('graphql-response-time');
      expect(graphqlSent()).toBe(12); // none refused and sent again
    });

    it('is refused without the response-time ceiling, once more than the fake allows has been answered', async () => {
      up.github.setSecondaryLimits(SLOW_RULES);
      latency(40, '/graphql');
      // 30 requests: 1,200 ms of answers, twice what the fake takes in its window.
      await client({ ...SLOW_CEILINGS, graphqlResponseMs: 60_000, responseMs: 90_000 }, noRetry).countRepositories(QUERIES);
      expect(up.github.secondaryRefusals().map((refusal) => refusal.rule)).toContain('graphql-response-time');
    });
  });

  it('runs the tokens of a pool side by side, each under its own ceilings', async () => {
    latency(50);
    const pooled = client({ ...CEILINGS, maxConcurrent: 3 }, { tokens: TOKENS });
    const counts = await pooled.countRepositories(QUERIES.slice(0, 240));
    expect([...counts.values()].every((result) => result.ok)).toBe(true);
    expect(up.github.secondaryRefusals()).toEqual([]);
    for (const token of TOKENS) {
      expect(up.requests.filter((request) => request.token === token)).toHaveLength(6);
      // Each token at its own ceiling: together 6 in flight, twice what one token may have.
      expect(up.github.secondaryLimits(token).peakConcurrent).toBe(3);
    }
  });
});
