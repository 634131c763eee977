import { chunks } from '../../chunks.ts';
import { eachAtOnce } from '../../each-at-once.ts';
import { batchWideError, buildSearchCountsQuery, type GraphqlDocument, readAliasedAnswer, toRepositoryCount } from './github-graphql.ts';
import { createOctokit, fromOctokitError, type GitHubOctokit, resetWaitMs } from './github-octokit.ts';
import { ledgerKeyFor, pacedFetch } from './github-paced-fetch.ts';
import { createGitHubPacer, type GitHubPacingOptions } from './github-pacer.ts';
import { listOwnerRepositories, type OwnerRepositoriesPage } from './github-owner-repositories.ts';
import { createRepositoryFetcher } from './github-repositories.ts';
import { type ReleaseDownloads, releaseDownloadsGraphql } from './github-releases.ts';
import { countRepositoriesRest, type EtagCache, fetchRepositoryRest } from './github-rest.ts';
import { fetchStarHistory, type StarHistory } from './github-star-history.ts';
import { TokenPool } from './github-token-pool.ts';
import type { RepositorySnapshot } from './github-types.ts';
import type { FetchLike } from '../../clients/http-json.ts';
import { passGate, type RateLimitGate } from '../../clients/rate-limit-gate.ts';
import { RATE_LIMIT_FALLBACK_WAIT_MS, type RetryOptions, withRetries } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';
import { failAll, failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import { type OnUpstreamResponse, reportingFetch } from '../../clients/upstream-response.ts';

/** GitHub's advice: keep aliased queries at ≤ 100 nodes, or they fail with "Resource limits exceeded". */
export const REPOSITORIES_PER_QUERY = 100;
/** Search has hidden limits of its own (unpublished): stay modest, still ≥ 10 counts per request. */
export const SEARCHES_PER_QUERY = 20;
/** REST search allows 30 calls a minute with a token, 10 without. */
const SEARCH_INTERVAL_MS = { token: 2_000, anonymous: 6_000 };
export interface GitHubClientOptions {
  /** @defaultValue 'https://api.github.com' */
  baseUrl?: string;
  /** A pool: spread over in turn; none means REST only at 60 requests/hour. */
  tokens: readonly string[];
  etagCache: EtagCache;
  fetch?: FetchLike;
  /** @defaultValue 30_000 */
  timeoutMs?: number;
  /** Spacing of REST search calls: GitHub allows 30 a minute with a token, 10 without. @defaultValue 2_000 with tokens, 6_000 without */
  searchIntervalMs?: number;
  /** Milliseconds per second of upstream-requested wait; only tests shrink it. @defaultValue 1000 */
  secondMs?: number;
  /** Retries for answers that failed to parse, and the longest rate-limit wait done in-process. */
  retry?: RetryOptions;
  /** Called once per HTTP exchange, retries included (request counts, metrics, budgets). */
  onResponse?: OnUpstreamResponse;
  /** Consulted before each request (budgets shared by workers). */
  gate?: RateLimitGate;
  /** Requests follow GitHub's secondary limits per token, not a fixed spacing. @defaultValue `DEFAULT_PACING_CEILINGS`, ledgers as the gate shares them */
  pacing?: GitHubPacingOptions;
  log: { debug(msg: string): void; warn(msg: string): void };
}

export interface GitHubClient {
  /** true with a token: GraphQL batches; false: REST, one call per repository or search. */
  readonly authenticated: boolean;
  /**
   * Stars and forks of every repository; watchers and open issues of those in
   * `withCounts` (GraphQL connections, which cost rate-limit points). REST answers
   * watchers for every repository at no extra cost, and no issue count. A connection
   * GitHub refuses is no longer asked for the client's life: refused watchers come from
   * REST `subscribers_count`, refused open issues are `undefined` (a lost figure).
   */
  fetchRepositories(
    fullNames: readonly string[],
    options: { withCounts: ReadonlySet<string> },
  ): Promise<Map<string, SubjectResult<RepositorySnapshot>>>;
  /**
   * Repository counts of searches: GraphQL aliases with a token, which carry no
   * completeness flag (a count GitHub cut short on a timeout looks like any other);
   * REST search without one, which fails an incomplete count with kind `incomplete`.
   */
  countRepositories(queries: readonly string[]): Promise<Map<string, SubjectResult<number>>>;
  /**
   * The same counts through REST search, one call each (search budget: 30 a minute
   * with a token), for its `incomplete_results` flag: an incomplete count fails with
   * kind `incomplete`. For counts that look wrong, not for every round.
   */
  recountRepositories(queries: readonly string[]): Promise<Map<string, SubjectResult<number>>>;
  /** Weekly star buckets, newest first, back to the week containing `since` (REST, core budget). */
  starHistory(fullNames: readonly string[], since: Date): Promise<Map<string, SubjectResult<StarHistory>>>;
  /**
   * The public, non-fork repositories a user or organisation owns, a page of ≤ 100 at a
   * time, scalar figures only (GraphQL, so a token is needed; 1 point a page). An unknown
   * login throws `not_found`; a failing page throws after the pages before it.
   */
  listOwnerRepositories(login: string): AsyncGenerator<OwnerRepositoriesPage>;
  /** Sum of the release assets' download counts, walking every release page (GraphQL, so a token is needed: see github-releases.ts). */
  releaseDownloads(fullNames: readonly string[]): Promise<Map<string, SubjectResult<ReleaseDownloads>>>;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const countingFetch = reportingFetch(options.fetch ?? globalThis.fetch, 'github', options.onResponse);
  const retry: RetryOptions = { maxRateLimitWaitMs: RATE_LIMIT_FALLBACK_WAIT_MS, ...options.retry };
  const tokens = options.tokens.length > 0 ? options.tokens : [undefined];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { pacer, ceilings } = createGitHubPacer(options.pacing, options.gate?.ledgers, timeoutMs);
  const pool: TokenPool<GitHubOctokit> = new TokenPool(
    tokens.map((token) =>
      createOctokit({
        baseUrl: options.baseUrl ?? 'https://api.github.com',
        token,
        send: pacedFetch({
          fetch: countingFetch,
          pacer,
          ledgerKey: ledgerKeyFor(token),
          timeoutMs,
          secondMs: options.secondMs ?? 1000,
          clock: options.pacing?.clock,
        }),
        maxRateLimitWaitMs: retry.maxRateLimitWaitMs ?? RATE_LIMIT_FALLBACK_WAIT_MS,
        searchIntervalMs: options.searchIntervalMs ?? (token === undefined ? SEARCH_INTERVAL_MS.anonymous : SEARCH_INTERVAL_MS.token),
        secondMs: options.secondMs ?? 1000,
        mayWaitForPrimaryLimit: () => !pool.hasSpare(),
        log: options.log,
        onWait: retry.onWait,
      }),
    ),
    Date.now,
    options.log.warn,
  );
  const authenticated = options.tokens.length > 0;
  const graphqlBaseUrl = graphqlBase(options.baseUrl ?? 'https://api.github.com');

  /** One GraphQL request through the gate, the token pool and the retries; an error of the whole batch throws. */
  async function graphqlAnswer(document: GraphqlDocument): Promise<{ data: unknown; errors: unknown }> {
    try {
      return await withRetries(
        async () => {
          await passGate(options.gate, 'github', 'graphql');
          return pool.run(async (octokit) => {
            const { data, errors, headers } = await postGraphql(octokit, graphqlBaseUrl, document);
            const wide = batchWideError(errors);
            if (wide?.type === 'RATE_LIMITED') {
              throw new SourceError('rate_limit', `GitHub GraphQL: ${wide.message}`, {
                retryAfterMs: resetWaitMs(headers['x-ratelimit-reset']),
              });
            }
            if (wide || (data === undefined && !errors)) {
              throw new SourceError('parse', `GitHub GraphQL: ${wide?.message ?? 'answer without data'}`);
            }
            return { data, errors };
          });
        },
        retry,
      );
    } catch (error) {
      throw fromOctokitError(error);
    }
  }

  async function graphqlBatch<T>(
    keys: readonly string[],
    document: GraphqlDocument,
    aliasPrefix: 'r' | 's',
    toValue: (node: unknown) => T | undefined,
  ): Promise<Map<string, SubjectResult<T>>> {
    try {
      const { data, errors } = await graphqlAnswer(document);
      return readAliasedAnswer(keys, aliasPrefix, data, errors, toValue);
    } catch (error) {
      return failAll(keys, fromOctokitError(error));
    }
  }

  /** One REST call per key, `concurrency` at a time (the pacer still decides when each goes out); results in key order. */
  async function eachRest<T>(
    keys: readonly string[],
    resource: 'core' | 'search',
    call: (octokit: GitHubOctokit, key: string) => Promise<T>,
    concurrency = 1,
  ) {
    const answered: SubjectResult<T>[] = [];
    // Once GitHub cannot be reached at all, the rest fail with it rather than wait their turn (search is spaced 6 s apart).
    let unreachable: SourceError | undefined;
    let next = 0;
    const callInTurn = async () => {
      for (let index = next++; index < keys.length; index = next++) {
        const key = keys[index] as string;
        if (unreachable) {
          answered[index] = failed(unreachable);
          continue;
        }
        try {
          const attempt = async () => {
            await passGate(options.gate, 'github', resource);
            return pool.run((octokit) => call(octokit, key));
          };
          answered[index] = succeeded(await withRetries(attempt, retry));
        } catch (error) {
          const sourceError = fromOctokitError(error);
          if (sourceError.kind === 'unreachable') unreachable = sourceError;
          answered[index] = failed(sourceError);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, keys.length)) }, callInTurn));
    return new Map(keys.map((key, index) => [key, answered[index] as SubjectResult<T>]));
  }

  /** Every chunk's request at once (the pacer decides when each goes out); results in chunk order. */
  async function eachChunk<T>(keys: readonly string[], size: number, fetchChunk: (chunk: string[]) => Promise<Map<string, SubjectResult<T>>>) {
    const answers = await Promise.all(chunks(keys, size).map(fetchChunk));
    return new Map(answers.flatMap((answer) => [...answer]));
  }

  // Each repository's pages follow one another; a few repositories are walked side by side. GraphQL only: a token is needed.
  async function releaseDownloads(fullNames: readonly string[]) {
    const deps = { graphql: graphqlAnswer };
    const results = new Map<string, SubjectResult<ReleaseDownloads>>();
    await eachAtOnce(fullNames, 4, async (fullName) => {
      try {
        if (!authenticated) throw new SourceError('auth', 'release downloads are read through GitHub GraphQL, which needs GITHUB_TOKEN');
        results.set(fullName, succeeded(await releaseDownloadsGraphql(fullName, deps)));
      } catch (error) {
        results.set(fullName, failed(fromOctokitError(error)));
      }
    });
    return new Map(fullNames.map((fullName) => [fullName, results.get(fullName) as SubjectResult<ReleaseDownloads>]));
  }

  const fetchRepositoriesRest = (fullNames: readonly string[]) =>
    eachRest(fullNames, 'core', (octokit, name) => fetchRepositoryRest(octokit, name, options.etagCache));
  // Remembers, for the client's life, a count connection GitHub refused.
  const repositories = createRepositoryFetcher({
    graphql: graphqlAnswer,
    restRepository: async (fullName) => (await fetchRepositoriesRest([fullName])).get(fullName) ?? failed(new SourceError('parse', `no REST answer for ${fullName}`)),
    log: options.log,
  });

  return {
    authenticated,
    async fetchRepositories(fullNames, { withCounts }) {
      if (!authenticated) return fetchRepositoriesRest(fullNames);
      return eachChunk(fullNames, REPOSITORIES_PER_QUERY, (chunk) => repositories.fetchBatch(chunk, withCounts));
    },
    // With tokens, histories are fetched side by side up to the pacing ceiling; without, one at a time (60 calls an hour).
    starHistory: (fullNames, since) =>
      eachRest(fullNames, 'core', (octokit, name) => fetchStarHistory(octokit, name, since), authenticated ? ceilings.maxConcurrent * pool.size : 1),
    async countRepositories(queries) {
      if (!authenticated) return eachRest(queries, 'search', countRepositoriesRest);
      return eachChunk(queries, SEARCHES_PER_QUERY, (chunk) => graphqlBatch(chunk, buildSearchCountsQuery(chunk), 's', toRepositoryCount));
    },
    recountRepositories: (queries) => eachRest(queries, 'search', countRepositoriesRest),
    listOwnerRepositories: (login) => listOwnerRepositories(graphqlAnswer, login),
    releaseDownloads: (fullNames) => releaseDownloads(fullNames),
  };
}

/** GitHub Enterprise serves REST under /api/v3 and GraphQL at /api/graphql. */
export function graphqlBase(restBaseUrl: string): string {
  return restBaseUrl.replace(/\/api\/v3\/?$/, '/api');
}

/** POST /graphql through `request`, which keeps partial answers and the rate-limit headers. */
async function postGraphql(
  octokit: GitHubOctokit,
  baseUrl: string,
  document: { query: string; variables: Record<string, string> },
) {
  try {
    const response = await octokit.request('POST /graphql', { baseUrl, query: document.query, variables: document.variables });
    const body = response.data as unknown;
    if (!body || typeof body !== 'object') throw new SourceError('parse', 'GitHub GraphQL answer is not JSON');
    const { data, errors } = body as { data?: unknown; errors?: unknown };
    return { data, errors, headers: response.headers as Record<string, string | undefined> };
  } catch (error) {
    throw fromOctokitError(error);
  }
}
