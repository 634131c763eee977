/**
 * What went wrong talking to an upstream, in the terms that decide what happens next:
 * - `not_found`: the subject does not exist (or is private); never retried.
 * - `rate_limit`: wait `retryAfterMs`, then try again.
 * - `auth`: the token was refused; another token may work, retrying this one will not.
 * - `http`: retried with backoff when the status is transient (5xx, 408), not for other 4xx.
 * - `network`, `timeout`: transient; retried with backoff.
 * - `unreachable`: the upstream could not be reached at all (DNS, refused, no route) for a
 *   whole batch's attempts; not asked again this round (see reachability.ts), never retried.
 * - `incomplete`: the upstream said its figure is partial (GitHub search timed out); retried, never stored.
 * - `parse`: the answer did not have the documented shape; retried (a truncated body is usually transient).
 */
export type SourceErrorKind =
  | 'not_found'
  | 'rate_limit'
  | 'auth'
  | 'http'
  | 'network'
  | 'timeout'
  | 'unreachable'
  | 'parse'
  | 'incomplete';

export class SourceError extends Error {
  override name = 'SourceError';
  readonly kind: SourceErrorKind;
  readonly status?: number;
  /** How long to wait before the next request to this upstream, when it said so. */
  readonly retryAfterMs?: number;

  constructor(kind: SourceErrorKind, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  get retryable(): boolean {
    if (this.kind === 'not_found' || this.kind === 'auth' || this.kind === 'unreachable') return false;
    if (this.kind === 'http' && this.status !== undefined) return this.status >= 500 || this.status === 408;
    return true;
  }
}

/** Wraps anything thrown while talking to an upstream into a SourceError. */
export function toSourceError(error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return new SourceError('timeout', 'upstream did not answer in time', { cause: error });
    }
    if (error instanceof SyntaxError) return new SourceError('parse', `invalid JSON: ${error.message}`, { cause: error });
    return new SourceError('network', error.message, { cause: error });
  }
  return new SourceError('network', String(error));
}
