/**
 * What went wrong delivering to a channel, in the terms that decide what happens next:
 * - `kind: 'retry'`: transient (5xx, 408, 429, timeout, network, SMTP 4xx); try again later,
 *   not before `retryAfterMs` when the receiver said so.
 * - `kind: 'drop'`: retrying the same request will not help (other 4xx, a redirect, SMTP
 *   5xx, a broken channel config); the delivery is recorded as failed.
 *
 * Messages name the channel, never its URL or credentials: they end up in logs, job data
 * and the `deliveries` table, and a Slack webhook URL is itself a secret. For the same
 * reason no underlying error is attached as `cause` (Node's own messages can quote the URL).
 */
export type DeliveryErrorKind = 'retry' | 'drop';

/** Where it failed, for metrics and for the message a person reads. */
export type DeliveryErrorReason = 'http' | 'rate_limit' | 'timeout' | 'network' | 'redirect' | 'smtp' | 'config';

/** Which channel failed: its type and its name in the config (`alerts.channels.<name>`). */
export interface ChannelRef {
  target: 'slack' | 'webhook' | 'email';
  name: string;
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  readonly kind: DeliveryErrorKind;
  readonly reason: DeliveryErrorReason;
  readonly channel: ChannelRef;
  /** HTTP status, or SMTP reply code. */
  readonly status?: number;
  /** How long the receiver asked us to wait (429 `Retry-After`). */
  readonly retryAfterMs?: number;
  /** A system or library error code, when there was one: `ECONNREFUSED`, `EENVELOPE`. */
  readonly code?: string;

  constructor(
    kind: DeliveryErrorKind,
    reason: DeliveryErrorReason,
    channel: ChannelRef,
    message: string,
    options: { status?: number; retryAfterMs?: number; code?: string } = {},
  ) {
    super(`${channel.target} channel "${channel.name}": ${message}`);
    this.kind = kind;
    this.reason = reason;
    this.channel = channel;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
}
