import type { Database } from '../../schema/db.ts';
import type { FetchLike } from './http-json.ts';
import type { RateLimitGate } from './rate-limit-gate.ts';
import type { RetryOptions } from './retry.ts';
import type { OnUpstreamResponse } from './upstream-response.ts';

/**
 * Terminology
 * - upstream: one API the collector asks (GitHub, the Hugging Face Hub, ...). It has
 *   one client per process, shared by its sources, and one queue, so that its rate
 *   limit pauses exactly the jobs that call it.
 */

/** An environment variable an upstream reads; `--help` and the README's table list them. */
export interface EnvironmentVariable {
  name: string;
  /** README cell (Markdown). */
  meaning: string;
  /** What applies when the variable is unset or empty; "unset: ..." when that is not a value. */
  default: string;
  /** `url`: must be an http(s) URL. `secret`: never logged (a comma-separated list is a list of secrets). */
  holds?: 'url' | 'secret';
}

/** What the composition root hands an upstream to build its client: settings, the network, the clock. */
export interface ClientContext {
  /** The process environment, already checked (URLs parse, ...). */
  env: NodeJS.ProcessEnv;
  db: Database;
  now: () => Date;
  /** `fetch` for one named upstream, which gives the upstream up for a while after repeated connection failures. */
  fetchFor(upstream: string): FetchLike;
  /** Retry policy, with the logging of waits. */
  retry: RetryOptions;
  onResponse: OnUpstreamResponse;
  gate?: RateLimitGate;
  /** Per request. */
  timeoutMs?: number;
  /** Milliseconds per second of upstream-requested wait; tests shrink it. */
  secondMs?: number;
  /** Minimum spacing of an upstream's calls where it publishes a per-minute limit, by upstream name; tests shrink it. */
  intervalMs: Record<string, number | undefined>;
  log: { debug(message: string): void; warn(message: string): void };
}

/**
 * One upstream: its name (also its queue's), the variables it reads, and how to
 * build its client. Sources name the upstream they collect from.
 */
export interface Upstream<Client = unknown> {
  name: string;
  environment: readonly EnvironmentVariable[];
  createClient(context: ClientContext): Client;
  /** Checks the upstream's variables beyond their form (a number in range); throws naming the variable. */
  checkEnvironment?(env: NodeJS.ProcessEnv): void;
  /** What a user should hear before a round, given the environment (a missing token and what it costs). */
  advice?(env: NodeJS.ProcessEnv): string | undefined;
  /**
   * Whether requests are spread over several credentials (a token pool): then one
   * spent budget seen by a worker is not every worker's, and must not hold them back.
   */
  pooled?(env: NodeJS.ProcessEnv): boolean;
}

/** The options every HTTP client takes, from the context: retries, reporting, the shared gate, the timeout. */
export function httpOptions(context: ClientContext, upstream: string) {
  return {
    ...context.retry,
    fetch: context.fetchFor(upstream),
    onResponse: context.onResponse,
    gate: context.gate,
    timeoutMs: context.timeoutMs,
  };
}

/** A variable's value, `undefined` when unset or empty (both mean "the default"). */
export function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || undefined;
}
