import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../alerts/channels/delivery-error.ts';
import { sendWebhook, signature, webhookBody } from '../../../alerts/channels/webhook.ts';
import { startHttpReceiver, type HttpReceiver } from '../../helpers/alert-receivers.ts';
import { closedPort } from '../../helpers/closed-port.ts';
import { ALERT } from './alert-fixture.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The path token of the endpoint: a secret, like a Slack webhook's path. */
const TOKEN = 'T0KEN-9f8e7d6c5b4a3210';
const SECRET = 'whsec_0123456789abcdef';

/** What no error may contain. */
function expectNoSecrets(error: unknown): void {
  const seen = [String(error), (error as Error).stack ?? '', JSON.stringify(error), String((error as Error).cause ?? '')].join('\n');
  expect(seen).not.toContain(TOKEN);
  expect(seen).not.toContain(SECRET);
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  expectNoSecrets(error);
  return error as DeliveryError;
}

describe('webhookBody', () => {
  it('has exactly the documented fields, in a stable order', () => {
    expect(webhookBody(ALERT)).toBe(
      '{"id":"evt_3f9c2a1b7d4e","rule":"llama-7k","kind":"github_search","key":"llama","label":"LLaMA","metric":"repositories",' +
        '"value":7012,"previous_value":6950,"delta":62,"week":"2026-W49","observed_at":"2026-12-04T06:00:00.000Z",' +
        '"message":"LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04",' +
        '"url":"https://pulse.example.org/series/github_search/llama?metric=repositories"}',
    );
  });

  it('leaves out label and url when there are none, and keeps nulls', () => {
    const body = JSON.parse(webhookBody({ ...ALERT, label: null, url: undefined, kind: null, previous_value: null, delta: null })) as object;
    expect(Object.keys(body)).toEqual(['id', 'rule', 'kind', 'key', 'metric', 'value', 'previous_value', 'delta', 'week', 'observed_at', 'message']);
    expect(body).toMatchObject({ kind: null, previous_value: null, delta: null });
  });

  it('never carries a link that is not http(s)', () => {
    expect(JSON.parse(webhookBody({ ...ALERT, url: 'javascript:alert(1)' }))).not.toHaveProperty('url');
  });
});

describe('signature', () => {
  it('is the hex HMAC-SHA256 of the body, prefixed like GitHub', () => {
    // A published example: HMAC-SHA256 with key "key" of "The quick brown fox jumps over the lazy dog".
    expect(signature('key', 'The quick brown fox jumps over the lazy dog')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });
});

describe('sendWebhook', () => {
  let receiver: HttpReceiver;
  const deps = { fetch, timeoutMs: 2000, channel: 'ops-hook' };
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });
  const endpoint = () => `${receiver.url}/hooks/${TOKEN}`;

  it('posts the body with the event id, a signature the receiver can verify, and its user agent', async () => {
    await sendWebhook(endpoint(), ALERT, SECRET, deps);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request).toMatchObject({ method: 'POST', path: `/hooks/${TOKEN}`, body: webhookBody(ALERT) });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-oss-pulse-event': 'evt_3f9c2a1b7d4e',
      'user-agent': `oss-pulse/${VERSION}`,
    });
    // What a receiver does: recompute over the raw body, compare in constant time.
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(request?.body ?? '').digest('hex')}`);
    const received = Buffer.from(request?.headers['x-oss-pulse-signature'] ?? '');
    expect(received.length).toBe(expected.length);
    expect(timingSafeEqual(received, expected)).toBe(true);
  });

  it('sends no signature header without a secret', async () => {
    await sendWebhook(endpoint(), ALERT, undefined, deps);
    expect(receiver.requests[0]?.headers).not.toHaveProperty('x-oss-pulse-signature');
  });

  it('retries a 5xx and a 408', async () => {
    for (const status of [500, 502, 503, 408]) {
      receiver.answer({ status, body: 'try later' });
      const error = await failure(sendWebhook(endpoint(), ALERT, SECRET, deps));
      expect(error).toMatchObject({ kind: 'retry', reason: 'http', status, channel: { target: 'webhook', name: 'ops-hook' } });
      expect(error.message).toBe(`webhook channel "ops-hook": the receiver answered HTTP ${status}: try later`);
    }
  });

  it('retries a 429 after its Retry-After, in seconds or as a date', async () => {
    receiver.answer({ status: 429, headers: { 'retry-after': '1' } });
    expect(await failure(sendWebhook(endpoint(), ALERT, SECRET, deps))).toMatchObject({ kind: 'retry', reason: 'rate_limit', status: 429, retryAfterMs: 1000 });

    const now = Date.parse('2026-12-04T10:00:00Z');
    receiver.answer({ status: 429, headers: { 'retry-after': 'Fri, 04 Dec 2026 10:00:30 GMT' } });
    expect(await failure(sendWebhook(endpoint(), ALERT, SECRET, { ...deps, now: () => now }))).toMatchObject({ kind: 'retry', retryAfterMs: 30_000 });

    receiver.answer({ status: 429 });
    const bare = await failure(sendWebhook(endpoint(), ALERT, SECRET, deps));
    expect(bare).toMatchObject({ kind: 'retry', reason: 'rate_limit' });
    expect(bare.retryAfterMs).toBeUndefined();
  });

  it('drops other 4xx, with the receiver\'s words but never the URL', async () => {
    receiver.answer({ status: 410, body: `gone: /hooks/${TOKEN} was deleted` });
    const error = await failure(sendWebhook(endpoint(), ALERT, SECRET, deps));
    expect(error).toMatchObject({ kind: 'drop', reason: 'http', status: 410 });
    expect(error.message).toBe('webhook channel "ops-hook": the receiver answered HTTP 410: gone: [redacted] was deleted');

    receiver.answer({ status: 400, body: 'x'.repeat(5000) });
    const long = await failure(sendWebhook(endpoint(), ALERT, SECRET, deps));
    expect(long.kind).toBe('drop');
    expect(long.message.length).toBeLessThan(300);
  });

  it('does not follow a redirect, so the signed payload goes nowhere else', async () => {
    const elsewhere = await startHttpReceiver();
    try {
      for (const status of [301, 302, 307, 308]) {
        receiver.answer({ status, headers: { location: `${elsewhere.url}/collect` } });
        const error = await failure(sendWebhook(endpoint(), ALERT, SECRET, deps));
        expect(error).toMatchObject({ kind: 'drop', reason: 'redirect', status });
        expect(error.message).toContain('configure the final URL');
        expect(error.message).not.toContain(elsewhere.url);
      }
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('retries when the receiver does not answer in time', async () => {
    receiver.answer('hang');
    const started = Date.now();
    const error = await failure(sendWebhook(endpoint(), ALERT, SECRET, { ...deps, timeoutMs: 300 }));
    expect(error).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(error.message).toBe('webhook channel "ops-hook": no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const error = await failure(sendWebhook(`http://127.0.0.1:${port}/hooks/${TOKEN}`, ALERT, SECRET, deps));
    expect(error).toMatchObject({ kind: 'retry', reason: 'network', code: 'ECONNREFUSED' });
    expect(error.message).toBe('webhook channel "ops-hook": could not reach the receiver (ECONNREFUSED)');
  });

  it('drops a URL that is not one, without quoting it', async () => {
    for (const url of [`hooks/${TOKEN}`, `ftp://example.org/${TOKEN}`]) {
      expect(await failure(sendWebhook(url, ALERT, SECRET, deps))).toMatchObject({ kind: 'drop', reason: 'config' });
    }
    expect(receiver.requests).toEqual([]);
  });
});
