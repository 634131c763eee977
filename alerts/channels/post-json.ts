import { DeliveryError, type ChannelRef } from './delivery-error.ts';
import { redactSecrets, snippet, urlSecrets } from './redact-secrets.ts';
import { parseRetryAfter } from './retry-after.ts';

/** What the HTTP senders (Slack, webhook) need from the outside. */
export interface HttpDeliveryDeps {
  fetch: typeof fetch;
  /** For the whole exchange, from connecting to the last byte of the answer. */
  timeoutMs: number;
  /**
   * The channel's name in the config, which errors use in place of the URL.
   * @defaultValue the target's type (`slack`, `webhook`)
   */
  channel?: string;
  /** Clock for a `Retry-After` given as a date. @defaultValue Date.now */
  now?: () => number;
}

/**
 * Answers worth another try: 408 (the receiver timed out reading us) and every 5xx.
 * 429 is retried too, but as a rate limit with its `Retry-After`.
 */
const TRANSIENT = (status: number) => status === 408 || status >= 500;

/** Bytes of an error answer read for the message; the rest is not waited for. */
const ERROR_BODY_BYTES = 2048;

/**
 * POSTs `body` and throws a DeliveryError unless the receiver answered 2xx. Redirects
 * are not followed: the request would go, with its signature, to an address nobody
 * configured (and `fetch` would turn a 303 into a GET without the payload).
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, channel: ChannelRef, deps: HttpDeliveryDeps, secrets: readonly string[] = []): Promise<void> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new DeliveryError('drop', 'config', channel, 'the configured URL is not an absolute http(s) URL');
  }
  const redact = (text: string) => redactSecrets(text, [...urlSecrets(url), ...secrets]);
  let response: Response;
  try {
    response = await deps.fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(deps.timeoutMs) });
  } catch (error) {
    throw transportError(error, channel, deps.timeoutMs);
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    await response.body?.cancel().catch(() => undefined); // frees the connection; the answer says nothing more
    return;
  }
  // Redacted before it is cut, so a cut never leaves half a secret that no longer matches.
  const said = snippet(redact(await readSome(response)));
  const answer = `the receiver answered HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status >= 300 && status < 400) {
    throw new DeliveryError('drop', 'redirect', channel, `the receiver answered HTTP ${status} (a redirect), which is not followed so the payload and its signature go nowhere else; configure the final URL`, { status });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), (deps.now ?? Date.now)());
    throw new DeliveryError('retry', 'rate_limit', channel, answer, { status, retryAfterMs });
  }
  throw new DeliveryError(TRANSIENT(status) ? 'retry' : 'drop', 'http', channel, answer, { status });
}

/** A failure before any answer: a timeout or a network error, both worth another try. */
function transportError(error: unknown, channel: ChannelRef, timeoutMs: number): DeliveryError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new DeliveryError('retry', 'timeout', channel, `no answer within ${timeoutMs} ms`, { code: 'ETIMEDOUT' });
  }
  // Only the system error code is kept: undici's messages can quote the URL.
  const code = systemCode(error);
  return new DeliveryError('retry', 'network', channel, `could not reach the receiver${code ? ` (${code})` : ''}`, { code });
}

/** `ECONNREFUSED` and the like, from the error or its causes (fetch wraps them in `TypeError: fetch failed`). */
function systemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  }
  return undefined;
}

/** The start of an error answer, for the message; an answer that cannot be read says nothing. */
async function readSome(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A timeout or reset while reading the error text: the status alone decides.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES));
}
