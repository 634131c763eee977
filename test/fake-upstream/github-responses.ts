// Headers and error bodies that GitHub puts on its answers, shared by REST and GraphQL.
import type { KnownCaller, GitHubResource } from './github-accounts.ts';
import { jsonReply, randomHex, toEpochSeconds, type Reply } from './http-helpers.ts';
import type { BudgetSnapshot } from './rate-limit.ts';

export const DOCS = {
  rest: 'https://docs.github.com/rest',
  getRepository: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  redirects: 'https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects',
  search: 'https://docs.github.com/v3/search',
  pagination: 'https://docs.github.com/v3/#pagination',
  primaryLimit: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
  secondaryLimit: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  graphqlAuth: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
} as const;

/** Shaped like GitHub's `x-github-request-id`, e.g. `C4F2:3B8E:4A1B2C:4B2C3D:6543ABCD`. */
export function newRequestId(): string {
  return [randomHex(2), randomHex(2), randomHex(3), randomHex(3), randomHex(4)].join(':').toUpperCase();
}

/** The headers every GitHub answer carries, rate-limit ones included. */
export function githubHeaders(resource: GitHubResource, budget: BudgetSnapshot, requestId: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': requestId,
    'x-github-media-type': resource === 'graphql' ? 'github.v4; format=json' : 'github.v3; format=json',
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-reset': String(toEpochSeconds(budget.resetAt)),
    'x-ratelimit-used': String(budget.used),
    'x-ratelimit-resource': resource,
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With',
    server: 'github.com',
  };
}

export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

export function notFound(documentationUrl: string = DOCS.rest): Reply {
  return jsonReply(404, { message: 'Not Found', documentation_url: documentationUrl, status: '404' });
}

export function badCredentials(): Reply {
  return jsonReply(401, { message: 'Bad credentials', documentation_url: DOCS.rest, status: '401' });
}

/** The primary-limit message, e.g. "API rate limit exceeded for user ID 1.". */
export function rateLimitedFor(caller: KnownCaller): string {
  return caller.kind === 'token' ? `API rate limit exceeded for user ID ${caller.userId}.` : `API rate limit exceeded for ${caller.ip}.`;
}

export function restRateLimited(caller: KnownCaller, requestId: string, now: number): Reply {
  const hint =
    caller.kind === 'anonymous'
      ? " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
      : '';
  return jsonReply(403, {
    message: `${rateLimitedFor(caller)}${hint} ${supportHint(requestId, now)}`,
    documentation_url: DOCS.primaryLimit,
  });
}

export function secondaryRateLimited(status: 403 | 429, requestId: string, now: number): Reply {
  return jsonReply(status, {
    message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ${supportHint(requestId, now)}`,
    documentation_url: DOCS.secondaryLimit,
  });
}

/** GitHub's 5xx answers are short JSON messages; 504 is its query-timeout text. */
export function serverError(status: number): Reply {
  const message =
    status === 504
      ? "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists."
      : status === 503
        ? 'Service Unavailable'
        : 'Server Error';
  return jsonReply(status, { message });
}

function supportHint(requestId: string, now: number): string {
  const timestamp = new Date(now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${timestamp}.`;
}
