// Which budget an answer's rate-limit headers are filed under: the resource the HTTP
// clients' gate asks for, so a budget seen by one worker holds the others back.
import { describe, expect, it } from 'vitest';
import type { UpstreamResponse } from '../../jobs/clients/upstream-response.ts';
import { budgetFrom } from '../../workers/rate-limit-budgets.ts';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const answer = (upstream: string, headers: Record<string, string>): UpstreamResponse => ({ upstream, status: 200, headers: new Headers(headers) });

describe('budgetFrom', () => {
  it("files GitHub's budgets under the resource it names", () => {
    const budget = budgetFrom(answer('github', { 'x-ratelimit-remaining': '4990', 'x-ratelimit-reset': '1796400000', 'x-ratelimit-limit': '5000', 'x-ratelimit-resource': 'search' }), NOW);
    expect(budget).toMatchObject({ upstream: 'github', resource: 'search', limit: 5000, remaining: 4990, resetAt: '2026-12-04T16:00:00.000Z' });
  });

  it("files Docker Hub's X-RateLimit-* (no resource named) under api, the resource the HTTP client's gate asks for", () => {
    const budget = budgetFrom(answer('dockerhub', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1796400060', 'x-ratelimit-limit': '180' }), NOW);
    expect(budget).toMatchObject({ upstream: 'dockerhub', resource: 'api', limit: 180, remaining: 0 });
  });

  it("files the Hub's RateLimit header under its policy name", () => {
    const budget = budgetFrom(answer('huggingface', { ratelimit: '"api";r=499;t=120', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' }), NOW);
    expect(budget).toMatchObject({ upstream: 'huggingface', resource: 'api', limit: 500, remaining: 499, resetAt: '2026-12-04T12:02:00.000Z' });
  });
});
