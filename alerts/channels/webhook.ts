import { createHmac } from 'node:crypto';
import { dashboardLink, type AlertMessage } from './alert-message.ts';
import { DeliveryError } from './delivery-error.ts';
import { postJson, type HttpDeliveryDeps } from './post-json.ts';
import { userAgent } from './user-agent.ts';

/**
 * The JSON a generic webhook receives, keys always in this order so the signed bytes of
 * one event are the same on every attempt: id, rule, kind, key, label (when known),
 * metric, value, previous_value, delta, week, observed_at, message, url (when set).
 */
export function webhookBody(message: AlertMessage): string {
  const link = dashboardLink(message);
  return JSON.stringify({
    id: message.id,
    rule: message.rule,
    kind: message.kind,
    key: message.key,
    ...(message.label !== null ? { label: message.label } : {}),
    metric: message.metric,
    value: message.value,
    previous_value: message.previous_value,
    delta: message.delta,
    week: message.week,
    observed_at: message.observed_at,
    message: message.message,
    ...(link ? { url: link.href } : {}),
  });
}

/**
 * `sha256=` and the hex HMAC-SHA256 of the exact body bytes, as GitHub signs its webhooks:
 * the receiver recomputes it over the raw body and compares in constant time.
 */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * POSTs the event as JSON with `X-OSS-Pulse-Event` (the event id, for the receiver to
 * drop duplicates: a retry after a timeout may deliver twice) and, when a signing
 * secret is configured, `X-OSS-Pulse-Signature`. A redirect is not followed (see post-json.ts).
 */
export async function sendWebhook(url: string, message: AlertMessage, secret: string | undefined, deps: HttpDeliveryDeps): Promise<void> {
  const channel = { target: 'webhook', name: deps.channel ?? 'webhook' } as const;
  // fetch refuses a header value with control or non-ASCII characters; that would never pass on a retry.
  if (!/^[\x21-\x7e]+$/.test(message.id)) throw new DeliveryError('drop', 'config', channel, 'the event id cannot be sent as a header');
  const body = webhookBody(message);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent(),
    'x-oss-pulse-event': message.id,
    ...(secret ? { 'x-oss-pulse-signature': signature(secret, body) } : {}),
  };
  await postJson(url, body, headers, channel, deps, secret ? [secret] : []);
}
