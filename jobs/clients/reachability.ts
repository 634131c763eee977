// An upstream that cannot be reached at all (no DNS, nothing listening, no route) is
// not asked again for a while: without this, a `collect` with no network spent an
// hour and a half retrying every subject of every upstream, logging "500 with id
// UNKNOWN" instead of the cause.
import { SourceError } from './source-error.ts';

/**
 * Failures before any answer: the name does not resolve, nothing accepts the
 * connection, or there is no route. A reset or a timeout after connecting is an
 * upstream that is there but struggling, retried as usual.
 */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Failures of requests that were never sent (the upstream was given up on), so no one counts them as requests. */
const neverSentErrors = new WeakSet<object>();

export function wasNeverSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && neverSentErrors.has(error);
}

export interface ReachabilityOptions {
  /** Consecutive connection failures (one batch's attempts) that make an upstream unreachable. @defaultValue 4 */
  failuresToGiveUp?: number;
  /** How long an unreachable upstream is not asked; a round is usually over by then. @defaultValue 600_000 */
  coolDownMs?: number;
  /** Told once each time an upstream is given up on: the error its requests fail with from then on. */
  onUnreachable?: (error: SourceError, upstream: string, host: string) => void;
  /** @defaultValue Date.now */
  now?: () => number;
}

interface UpstreamState {
  consecutive: number;
  /** Until when requests fail at once, and why. */
  givenUp?: { until: number; cause: string };
}

export interface Reachability {
  /** `fetchFn` for one upstream, failing at once with `SourceError('unreachable')` while that upstream is given up on. */
  fetchFor(upstream: string, fetchFn: typeof fetch): typeof fetch;
}

export function createReachability(options: ReachabilityOptions = {}): Reachability {
  const failuresToGiveUp = options.failuresToGiveUp ?? 4;
  const coolDownMs = options.coolDownMs ?? 600_000;
  const now = options.now ?? Date.now;
  const states = new Map<string, UpstreamState>();

  return {
    fetchFor(upstream, fetchFn) {
      const state: UpstreamState = states.get(upstream) ?? { consecutive: 0 };
      states.set(upstream, state);
      return async (input, init) => {
        const host = hostOf(input);
        if (state.givenUp && now() < state.givenUp.until) {
          const refused = unreachable(upstream, host, state.givenUp.cause);
          neverSentErrors.add(refused);
          throw refused;
        }
        try {
          const response = await fetchFn(input, init);
          state.consecutive = 0;
          state.givenUp = undefined;
          return response;
        } catch (error) {
          const cause = connectionFailure(error);
          if (cause === undefined) throw error;
          state.consecutive++;
          if (state.consecutive >= failuresToGiveUp) {
            state.givenUp = { until: now() + coolDownMs, cause };
            const givenUp = unreachable(upstream, host, cause, error);
            options.onUnreachable?.(givenUp, upstream, host);
            throw givenUp;
          }
          throw error;
        }
      };
    },
  };
}

function unreachable(upstream: string, host: string, cause: string, error?: unknown): SourceError {
  return new SourceError('unreachable', `${upstream} (${host}) cannot be reached: ${cause}; not asked again this round`, { cause: error });
}

/** The system's words for a connection that never happened (`getaddrinfo ENOTFOUND api.github.com`), or undefined. */
export function connectionFailure(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && UNREACHABLE_CODES.has(code)) return current.message;
    // undici wraps several attempts (IPv4 and IPv6) in an AggregateError.
    if (current instanceof AggregateError) {
      const inner = current.errors.map(connectionFailure).find((message) => message !== undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

function hostOf(input: Parameters<typeof fetch>[0]): string {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).host;
  } catch {
    return 'unknown host';
  }
}
