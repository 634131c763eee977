import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from '../../jobs/sources/github/github-client.ts';

/**
 * The real GitHub client pointed at a fake or a replay server, with the waits a test
 * cannot afford shrunk (a second of upstream-requested wait lasts 1 ms, backoff 1 ms)
 * and no ETag memory. `overrides` sets anything else (tokens, retries, a log to read).
 */
export function testGitHubClient(baseUrl: string, overrides: Partial<GitHubClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    baseUrl,
    tokens: [],
    etagCache: { get: async () => undefined, set: async () => {} },
    secondMs: 1,
    searchIntervalMs: 0,
    log: { debug() {}, warn() {} },
    ...overrides,
    retry: { baseDelayMs: 1, ...overrides.retry },
  });
}
