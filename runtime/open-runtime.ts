// The composition root: the one place that reads the environment and opens connections.
import type { FetchLike } from '../jobs/clients/http-json.ts';
import type { RetryOptions } from '../jobs/clients/retry.ts';
import type { CollectDeps } from '../jobs/collect-source.ts';
import type { RateLimitGate } from '../jobs/clients/rate-limit-gate.ts';
import { createReachability } from '../jobs/clients/reachability.ts';
import type { ClientContext } from '../jobs/clients/upstream.ts';
import type { OnUpstreamResponse } from '../jobs/clients/upstream-response.ts';
import { RequestTally } from '../jobs/request-tally.ts';
import { readLastValues } from '../jobs/last-values.ts';
import { keysSampledSince } from '../jobs/sampled-since.ts';
import { UPSTREAMS } from '../jobs/sources/registry.ts';
import { secretsOf } from './read-env.ts';
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
  // One batch's attempts all failing to connect gives an upstream up for the round: said once, with the system's cause.
  const reachability = createReachability({
    onUnreachable: (error, upstream, host) => logger.warn({ upstream, host }, error.message),
  });
  const fetchFor = (upstream: string) => reachability.fetchFor(upstream, options.fetch ?? globalThis.fetch);
  // A rate-limit pause is said, with its end, rather than looking like a hang.
  const retry: RetryOptions = {
    ...options.retry,
    onWait: ({ ms, reason }) => {
      const until = new Date(Date.now() + ms).toISOString();
      logger.info({ waitMs: ms, until }, `waiting ${formatWait(ms, until)}: ${reason}`);
    },
  };
  const context: ClientContext = {
    env,
    db: database.db,
    now,
    fetchFor,
    retry,
    onResponse,
    gate: options.gate,
    timeoutMs: options.timeoutMs,
    secondMs: options.secondMs,
    intervalMs: { github: options.searchIntervalMs, pypi: options.pypiIntervalMs },
    log: { debug: (message) => logger.debug(message), warn: (message) => logger.warn(message) },
  };
  return {
    database,
    db: database.db,
    logger,
    now,
    sampledSince: (query) => keysSampledSince(database.db, query),
    lastValues: (query) => readLastValues(database.db, query),
    countRequests: (work) => tally.count(work),
    redact: secretScrubber(secretsOf(env)),
    clients: Object.fromEntries(UPSTREAMS.map((upstream) => [upstream.name, upstream.createClient(context)])),
    close: () => database.close(),
  };
}
