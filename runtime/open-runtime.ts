// The composition root: the one place that reads the environment and opens connections.
import { createGitHubClient } from '../jobs/sources/github/github-client.ts';
import type { FetchLike } from '../jobs/clients/http-json.ts';
import { createHuggingFaceClient } from '../jobs/sources/huggingface/huggingface-client.ts';
import { createModelScopeClient } from '../jobs/sources/modelscope/modelscope-client.ts';
import { createNpmClient } from '../jobs/sources/npm/npm-client.ts';
import { createPypiJsonClient } from '../jobs/sources/pypi/pypi-json-client.ts';
import { createPypistatsClient } from '../jobs/sources/pypi/pypistats-client.ts';
import type { RetryOptions } from '../jobs/clients/retry.ts';
import type { CollectDeps } from '../jobs/collect-source.ts';
import type { RateLimitGate } from '../jobs/clients/rate-limit-gate.ts';
import { createReachability } from '../jobs/clients/reachability.ts';
import type { OnUpstreamResponse, UpstreamName } from '../jobs/clients/upstream-response.ts';
import { RequestTally } from '../jobs/request-tally.ts';
import { createEtagCache } from '../jobs/etag-cache.ts';
import { readLastValues } from '../jobs/last-values.ts';
import { keysSampledSince } from '../jobs/sampled-since.ts';
import { type DatabaseHandle, openDatabase } from '../schema/db.ts';
import { type Logger, secretScrubber } from './logger.ts';

/** The clock and the network as commands and tests may set them. */
export interface RuntimeSeams {
  /** @defaultValue () => new Date() */
  now?: () => Date;
  /** @defaultValue globalThis.fetch */
  fetch?: FetchLike;
  /** Milliseconds per second of upstream-requested wait; tests shrink it. @defaultValue 1000 */
  secondMs?: number;
  retry?: RetryOptions;
  /** Spacing of anonymous REST search calls. @defaultValue 6_000 (GitHub: 10 per minute) */
  searchIntervalMs?: number;
  /** Spacing of pypistats calls. @defaultValue 2_000 (pypistats: 30 per minute) */
  pypiIntervalMs?: number;
  /** How long an upstream request may take before it is abandoned (and retried). @defaultValue 30_000 */
  timeoutMs?: number;
}

export interface RuntimeOptions extends RuntimeSeams {
  env: NodeJS.ProcessEnv;
  cwd: string;
  logger: Logger;
  /** Also told of every upstream exchange (metrics, rate-limit budgets). */
  onResponse?: OnUpstreamResponse;
  /** Consulted before each upstream request (budgets shared by workers). */
  gate?: RateLimitGate;
}

export interface Runtime extends CollectDeps {
  database: DatabaseHandle;
  logger: Logger;
  close(): Promise<void>;
}

/** GITHUB_TOKEN may hold several tokens separated by commas: a pool. */
export function githubTokens(env: NodeJS.ProcessEnv): string[] {
  return (env.GITHUB_TOKEN ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}

/** Every secret the environment holds, for the logger to scrub. */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return [...githubTokens(env), env.HF_TOKEN ?? ''].filter((secret) => secret.length > 0);
}

/** `60 s (until 14:32:10 UTC)`; waits under a second (tests) in ms. */
function formatWait(ms: number, until: string): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s (until ${until.slice(11, 19)} UTC)` : `${ms} ms`;
}

/** Opens the database (migrated) and builds the upstream clients. */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { env, logger } = options;
  const now = options.now ?? (() => new Date());
  const database = await openDatabase({ env, cwd: options.cwd });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  const tally = new RequestTally();
  const onResponse: OnUpstreamResponse = (response) => {
    tally.record();
    options.onResponse?.(response);
  };
  const tokens = githubTokens(env);
  // One batch's attempts all failing to connect gives an upstream up for the round: said once, with the system's cause.
  const reachability = createReachability({
    onUnreachable: (error, upstream, host) => logger.warn({ upstream, host }, error.message),
  });
  const fetchFor = (upstream: UpstreamName) => reachability.fetchFor(upstream, options.fetch ?? globalThis.fetch);
  // A rate-limit pause is said, with its end, rather than looking like a hang.
  const retry: RetryOptions = {
    ...options.retry,
    onWait: ({ ms, reason }) => {
      const until = new Date(Date.now() + ms).toISOString();
      logger.info({ waitMs: ms, until }, `waiting ${formatWait(ms, until)}: ${reason}`);
    },
  };
  const common = { retry, onResponse, gate: options.gate, timeoutMs: options.timeoutMs };
  const http = { onResponse, gate: options.gate, timeoutMs: options.timeoutMs, ...retry };
  const log = { debug: (msg: string) => logger.debug(msg), warn: (msg: string) => logger.warn(msg) };
  if (env.HF_TOKEN && !env.HF_TOKEN.startsWith('hf_')) logger.warn('HF_TOKEN does not start with hf_; the Hub will likely refuse it');
  return {
    database,
    db: database.db,
    logger,
    now,
    sampledSince: (query) => keysSampledSince(database.db, query),
    lastValues: (query) => readLastValues(database.db, query),
    countRequests: (work) => tally.count(work),
    redact: secretScrubber(secretsOf(env)),
    clients: {
      github: createGitHubClient({
        ...common,
        fetch: fetchFor('github'),
        baseUrl: env.GITHUB_API_URL || undefined,
        tokens,
        etagCache: createEtagCache(database.db, now),
        secondMs: options.secondMs,
        searchIntervalMs: options.searchIntervalMs,
        log,
      }),
      huggingface: createHuggingFaceClient({ ...http, fetch: fetchFor('huggingface'), endpoint: env.HF_ENDPOINT || undefined, token: env.HF_TOKEN || undefined, secondMs: options.secondMs, log }),
      modelscope: createModelScopeClient({ ...http, fetch: fetchFor('modelscope'), endpoint: env.MODELSCOPE_ENDPOINT || undefined, secondMs: options.secondMs }),
      npm: createNpmClient({ ...http, fetch: fetchFor('npm'), baseUrl: env.NPM_DOWNLOADS_URL || undefined }),
      pypistats: createPypistatsClient({
        ...http,
        fetch: fetchFor('pypi'),
        baseUrl: env.PYPISTATS_URL || undefined,
        minIntervalMs: options.pypiIntervalMs,
        secondMs: options.secondMs,
      }),
      pypi: createPypiJsonClient({ ...http, fetch: fetchFor('pypi-json'), baseUrl: env.PYPI_URL || undefined }),
    },
    close: () => database.close(),
  };
}
