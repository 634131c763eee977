import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { fromOctokitError } from '../../../../jobs/sources/github/github-octokit.ts';
import { SourceError } from '../../../../jobs/clients/source-error.ts';

/** 2027-01-15T08:00:00Z */
const NOW = 1_800_000_000_000;
const request = { method: 'GET' as const, url: 'https://api.github.com/repos/octo/cat', headers: {} };

/** A RequestError as Octokit throws it for an HTTP answer. */
const answered = (status: number, message: string, headers: Record<string, string> = {}) =>
  new RequestError(message, status, { request, response: { status, url: request.url, headers, data: { message } } });

/** A RequestError as Octokit throws it when fetch itself failed: a 500 with no response. */
const unanswered = (message: string, cause: unknown) => {
  const error = new RequestError(message, 500, { request });
  error.cause = cause;
  return error;
};

const fields = (error: SourceError) => ({ kind: error.kind, status: error.status, retryAfterMs: error.retryAfterMs, message: error.message });

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. - https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

describe('fromOctokitError', () => {
  it('reads a 401 as a refused token', () => {
    expect(fields(fromOctokitError(answered(401, 'Bad credentials'), NOW))).toEqual({
      kind: 'auth',
      status: 401,
      retryAfterMs: undefined,
      message: 'GitHub refused the token: Bad credentials',
    });
  });

  it('reads a 403 or 429 with no requests remaining as a rate limit lasting until a second after the reset', () => {
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 120) };
    for (const status of [403, 429]) {
      expect(fields(fromOctokitError(answered(status, 'API rate limit exceeded for user ID 1.', headers), NOW))).toEqual({
        kind: 'rate_limit',
        status,
        retryAfterMs: 121_000,
        message: 'GitHub rate limit exhausted: API rate limit exceeded for user ID 1.',
      });
    }
    // No reset header: a minute.
    expect(fromOctokitError(answered(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }), NOW).retryAfterMs).toBe(60_000);
  });

  it("reads a secondary rate limit, waiting its retry-after or else GitHub's advised minute", () => {
    expect(fields(fromOctokitError(answered(403, SECONDARY, { 'retry-after': '30', 'x-ratelimit-remaining': '4000' }), NOW))).toEqual({
      kind: 'rate_limit',
      status: 403,
      retryAfterMs: 30_000,
      message: `GitHub secondary rate limit: ${SECONDARY}`,
    });
    expect(fromOctokitError(answered(429, SECONDARY), NOW)).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 60_000 });
    expect(fromOctokitError(answered(403, SECONDARY, { 'retry-after': '0' }), NOW).retryAfterMs).toBe(60_000);
    // GitHub's 429 is a rate limit whatever it says: reworded, it must not turn into a permanent failure.
    expect(fromOctokitError(answered(429, 'Too Many Requests', { 'retry-after': '12' }), NOW)).toMatchObject({ kind: 'rate_limit', retryAfterMs: 12_000 });
  });

  it('reads any other 403 as a plain refusal, never retried', () => {
    const error = fromOctokitError(answered(403, 'Resource not accessible by personal access token', { 'x-ratelimit-remaining': '4999' }), NOW);
    expect(fields(error)).toEqual({
      kind: 'http',
      status: 403,
      retryAfterMs: undefined,
      message: 'GitHub answered 403: Resource not accessible by personal access token',
    });
    expect(error.retryable).toBe(false);
  });

  it('reads 404 and 410 as not found', () => {
    expect(fields(fromOctokitError(answered(404, 'Not Found'), NOW))).toEqual({ kind: 'not_found', status: 404, retryAfterMs: undefined, message: 'Not Found' });
    expect(fromOctokitError(answered(410, 'Repository access blocked'), NOW)).toMatchObject({ kind: 'not_found', status: 410 });
  });

  it('reads a 500 GitHub answered as a retryable HTTP error', () => {
    const error = fromOctokitError(answered(500, 'Internal Server Error'), NOW);
    expect(error).toMatchObject({ kind: 'http', status: 500, message: 'GitHub answered 500: Internal Server Error' });
    expect(error.retryable).toBe(true);
  });

  it('tells a request nobody answered apart from one that ran out of time', () => {
    const refused = unanswered('connect ECONNREFUSED 127.0.0.1:9', Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }));
    expect(fromOctokitError(refused, NOW)).toMatchObject({ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:9', cause: refused });

    const slow = unanswered('The operation was aborted due to timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(fromOctokitError(slow, NOW)).toMatchObject({ kind: 'timeout', message: 'GitHub did not answer in time', cause: slow });

    // Octokit rethrows an AbortError as it is; the timeout signal's own error may arrive bare too.
    expect(fromOctokitError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), NOW).kind).toBe('timeout');
    expect(fromOctokitError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), NOW).kind).toBe('timeout');
  });

  it("gives back the SourceError our fetch threw, whether bare or wrapped in Octokit's 500", () => {
    const gaveUp = new SourceError('unreachable', 'api.github.com could not be reached');
    expect(fromOctokitError(unanswered(gaveUp.message, gaveUp), NOW)).toBe(gaveUp);
    expect(fromOctokitError(gaveUp, NOW)).toBe(gaveUp);
  });

  it("reads the throttling plugin's GraphQL Rate Limit Exceeded as a rate limit until x-ratelimit-reset", () => {
    const data = { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] };
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 300) };
    const error = Object.assign(new Error('GraphQL Rate Limit Exceeded'), { response: { status: 200, url: 'https://api.github.com/graphql', headers, data }, data });
    expect(fields(fromOctokitError(error, NOW))).toEqual({
      kind: 'rate_limit',
      status: undefined,
      retryAfterMs: 301_000,
      message: 'GitHub GraphQL rate limit exhausted until 2027-01-15T08:05:01.000Z: API rate limit already exceeded for user ID 1.',
    });
    // Without the header: a minute.
    const bare = Object.assign(new Error('GraphQL Rate Limit Exceeded'), { data });
    expect(fromOctokitError(bare, NOW)).toMatchObject({ kind: 'rate_limit', retryAfterMs: 60_000 });
  });

  it('reads any other thrown value as a network failure', () => {
    const other = Object.assign(new Error('GraphQL Rate Limit Exceeded'), { data: { errors: [{ type: 'NOT_FOUND', message: 'gone' }] } });
    expect(fromOctokitError(other, NOW)).toMatchObject({ kind: 'network', message: 'GraphQL Rate Limit Exceeded' });
    expect(fromOctokitError('socket hang up', NOW)).toMatchObject({ kind: 'network', message: 'socket hang up' });
  });
});
