import { askEach } from '../../clients/ask-each.ts';
import { createHttpClient, type HttpClientOptions, type JsonAnswer } from '../../clients/http-json.ts';
import { requestSpacing } from '../../clients/request-spacing.ts';
import { defaultSleep, RATE_LIMIT_FALLBACK_WAIT_MS, withRetries } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { errorMessage, readRepository, type RepositorySnapshot } from './dockerhub-answers.ts';
import { rateLimitWaitSeconds, spentBudgetWaitSeconds } from './dockerhub-waits.ts';
import { canonicalImageName } from './image-names.ts';

/**
 * One request a second. Docker Hub limits its API per minute without publishing the
 * anonymous figure (a recorded answer said 180); a third of that leaves room for
 * whatever else shares the address.
 */
export const DOCKERHUB_MIN_INTERVAL_MS = 1_000;
/** A 429 that names no end waits this long: a whole window of the per-minute limit. */
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

export interface DockerHubClientOptions extends HttpClientOptions {
  /** Docker Hub's API root (`DOCKERHUB_URL`). @defaultValue 'https://hub.docker.com' */
  baseUrl?: string;
  /** Least time between the starts of two requests, retries included. @defaultValue 1_000 */
  minIntervalMs?: number;
  /** The clock the spacing is measured on, in ms. @defaultValue performance.now */
  clock?: () => number;
  /** The wall clock `X-RateLimit-Reset` (a Unix timestamp) is read against, epoch ms. @defaultValue Date.now */
  now?: () => number;
  /** Milliseconds per second of rate-limit wait; only tests shrink it. @defaultValue 1000 */
  secondMs?: number;
}

export interface DockerHubClient {
  /** Pulls and stars of one repository (`namespace/name`, or an official image's bare name); an unknown one throws `SourceError('not_found')`. */
  fetchRepository(name: string): Promise<RepositorySnapshot>;
  /** Each repository in turn, spaced, until a rate limit stops the rest. */
  fetchRepositories(names: readonly string[]): Promise<Map<string, SubjectResult<RepositorySnapshot>>>;
}

export function createDockerHubClient(options: DockerHubClientOptions = {}): DockerHubClient {
  const baseUrl = (options.baseUrl ?? 'https://hub.docker.com').replace(/\/+$/, '');
  const secondMs = options.secondMs ?? 1000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const maxWaitMs = options.maxRateLimitWaitMs ?? RATE_LIMIT_FALLBACK_WAIT_MS;
  // Retries are done here, so that every attempt waits for its turn before its timeout starts.
  const http = createHttpClient('dockerhub', {
    ...options,
    retries: 0,
    rateLimitWaitMs: (headers) => (rateLimitWaitSeconds(headers, now()) ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS) * secondMs,
  });
  const waitTurn = requestSpacing(options.minIntervalMs ?? DOCKERHUB_MIN_INTERVAL_MS, options.clock ?? (() => performance.now()), sleep);
  /** The wait the last answer announced (its minute's budget spent), until a request sits it out. */
  let spentWaitMs: number | undefined;

  /** Sits out a spent budget before asking again, or throws its rate limit, unsent, when that is too long to sit out. */
  async function waitForBudget(): Promise<void> {
    if (spentWaitMs === undefined || spentWaitMs <= 0) return;
    const ms = spentWaitMs;
    const reason = "Docker Hub's per-minute API budget is spent (X-RateLimit-Remaining: 0) until its reset";
    if (ms > maxWaitMs) throw new SourceError('rate_limit', reason, { retryAfterMs: ms });
    options.onWait?.({ ms, reason });
    await sleep(ms);
    spentWaitMs = undefined;
  }

  async function getRepositoryJson(name: string): Promise<JsonAnswer> {
    const [namespace = '', repository = ''] = name.split('/');
    // The documented route; the older `/v2/repositories/{namespace}/{repository}/` is deprecated since 2025-09-19.
    const url = `${baseUrl}/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(repository)}`;
    return withRetries(async () => {
      await waitTurn();
      await waitForBudget();
      const answer = await http.getJson(url, { passStatuses: [404] });
      const spent = spentBudgetWaitSeconds(answer.headers, now());
      spentWaitMs = spent === undefined ? undefined : spent * secondMs;
      return answer;
    }, options);
  }

  const client: DockerHubClient = {
    fetchRepositories: (names) => askEach(names, (name) => client.fetchRepository(name)),
    async fetchRepository(requested) {
      const name = canonicalImageName(requested);
      const answer = await getRepositoryJson(name);
      if (answer.status === 404) {
        throw new SourceError('not_found', `Docker Hub: ${name}: ${errorMessage(answer.body) ?? 'not found'}`, { status: 404 });
      }
      const repository = readRepository(answer.body);
      if (!repository) throw new SourceError('parse', `unexpected Docker Hub answer for ${name}`);
      return repository;
    },
  };
  return client;
}
