// The fake GitHub enforces the secondary limits: the rules on a hand-driven clock, then
// the answer a refused request gets over HTTP.
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITHUB_SECONDARY_RULES, SecondaryLimits } from './github-secondary-limits.ts';
import { type FakeUpstream, startFakeUpstream } from './index.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const SECOND = 1000;

describe('the secondary-limit rules', () => {
  let clock = T0;
  let limits: SecondaryLimits;
  beforeEach(() => {
    clock = T0;
    limits = new SecondaryLimits(() => clock);
  });
  const admitted = (caller: string, api: 'graphql' | 'rest') => {
    const admission = limits.admit(caller, api);
    if (!('finish' in admission)) throw new Error(`refused: ${admission.refused.rule}`);
    return admission.finish;
  };

  it('are GitHub documented ones unless a test changes them', () => {
    expect(GITHUB_SECONDARY_RULES).toEqual({ maxConcurrent: 100, restPoints: 900, graphqlPoints: 2_000, graphqlResponseMs: 60_000, responseMs: 90_000, windowMs: 60_000 });
  });

  it('refuse a request over the concurrency, per caller, until one in flight is answered and the wait has passed', () => {
    limits.setRules({ maxConcurrent: 2 });
    const first = admitted('user:1', 'graphql');
    admitted('user:1', 'rest');
    admitted('user:2', 'graphql'); // another user has a budget of its own
    expect(limits.admit('user:1', 'graphql')).toEqual({ refused: { at: T0, rule: 'concurrency', retryAfter: 60 } });
    first();
    clock += 60 * SECOND;
    expect('finish' in limits.admit('user:1', 'graphql')).toBe(true);
    expect(limits.stats('user:1')).toMatchObject({ peakConcurrent: 2, refusals: [{ rule: 'concurrency' }] });
  });

  it('count points per sliding window, REST and GraphQL apart, and say when the oldest leaves', () => {
    limits.setRules({ graphqlPoints: 3, restPoints: 1 });
    for (let i = 0; i < 3; i++) {
      admitted('user:1', 'graphql')();
      clock += 10 * SECOND;
    }
    admitted('user:1', 'rest')();
    // The first query (at T0) leaves the window at T0 + 60 s: 30 s from now.
    expect(limits.admit('user:1', 'graphql')).toEqual({ refused: { at: T0 + 30 * SECOND, rule: 'points', retryAfter: 30 } });
    clock = T0 + 90 * SECOND; // past the wait the refusal set
    expect('finish' in limits.admit('user:1', 'graphql')).toBe(true);
    expect(limits.stats('user:1').peakPoints).toEqual({ graphql: 3, rest: 1 });
  });

  it('count the GraphQL response time answered in the window, and refuse once it is over', () => {
    limits.setRules({ graphqlResponseMs: 1_000 });
    const slow = admitted('user:1', 'graphql');
    clock += 1_200;
    slow();
    // A REST request is not held by the GraphQL rule, only by the one of both APIs (90 s).
    expect('finish' in limits.admit('user:1', 'rest')).toBe(true);
    expect(limits.admit('user:1', 'graphql')).toMatchObject({ refused: { rule: 'graphql-response-time' } });
    expect(limits.stats('user:1').peakGraphqlResponseMs).toBe(1_200);
  });

  it('start the wait over for a request sent before retry-after has passed', () => {
    limits.setRules({ graphqlPoints: 1 });
    admitted('user:1', 'graphql')();
    expect(limits.admit('user:1', 'graphql')).toMatchObject({ refused: { rule: 'points', retryAfter: 60 } });
    clock += 59 * SECOND;
    expect(limits.admit('user:1', 'graphql')).toMatchObject({ refused: { rule: 'retried-early', retryAfter: 60 } });
    clock += 59 * SECOND; // past the first wait, not the second
    expect(limits.admit('user:1', 'graphql')).toMatchObject({ refused: { rule: 'retried-early' } });
    clock += 61 * SECOND;
    expect('finish' in limits.admit('user:1', 'graphql')).toBe(true);
  });
});

describe('a refused request, over HTTP', () => {
  let clock = T0;
  let up: FakeUpstream;
  beforeEach(async () => {
    clock = T0;
    up = await startFakeUpstream({ now: () => clock });
    up.github.addToken('ghp_one');
    up.github.addRepo({ id: 613, fullName: 'THUDM/ChatGLM-6B', stars: 40_000, forks: 5_000, subscribers: 300, openIssues: 200, openPullRequests: 20 });
  });
  afterEach(() => up.close());

  it("gets GitHub's 403 with retry-after and the rate-limit headers; the fake records which limit refused it", async () => {
    up.github.setSecondaryLimits({ restPoints: 1 });
    const octokit = new Octokit({ baseUrl: up.github.url, auth: 'ghp_one', log: { debug() {}, info() {}, warn() {}, error() {} } });
    await octokit.rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' });
    const refused = await octokit.rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' }).then(
      () => expect.fail('expected a refusal'),
      (error: { status: number; message: string; response: { headers: Record<string, string>; data: { documentation_url: string } } }) => error,
    );
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./);
    expect(refused.response.data.documentation_url).toMatch(/#about-secondary-rate-limits$/);
    expect(refused.response.headers).toMatchObject({ 'retry-after': '60', 'x-ratelimit-resource': 'core', 'x-ratelimit-remaining': '4999' });
    expect(up.requests.map((request) => [request.status, request.refusedBy])).toEqual([[200, undefined], [403, 'points']]);
    // Refused, it cost no primary budget.
    expect(up.github.rateLimit('ghp_one').core.used).toBe(1);
    expect(up.github.secondaryLimits('ghp_one')).toMatchObject({ peakPoints: { rest: 1, graphql: 0 }, refusals: [{ rule: 'points', retryAfter: 60 }] });
  });

  it('counts requests in flight until their (delayed) answers are written', async () => {
    up.github.setSecondaryLimits({ maxConcurrent: 2 });
    up.github.inject({ fault: { kind: 'delay', ms: 100 }, times: 3 });
    const get = () => fetch(`${up.github.url}/repos/THUDM/ChatGLM-6B`, { headers: { authorization: 'token ghp_one' } }).then((response) => response.status);
    expect((await Promise.all([get(), get(), get()])).sort()).toEqual([200, 200, 403]);
    expect(up.github.secondaryLimits('ghp_one')).toMatchObject({ peakConcurrent: 2, refusals: [{ rule: 'concurrency' }] });
  });
});
