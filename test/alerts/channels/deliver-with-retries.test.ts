import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverWithRetries } from '../../../alerts/channels/deliver-with-retries.ts';
import { DeliveryError } from '../../../alerts/channels/delivery-error.ts';
import { sendWebhook } from '../../../alerts/channels/webhook.ts';
import { startHttpReceiver, type HttpReceiver } from '../../helpers/alert-receivers.ts';
import { ALERT } from './alert-fixture.ts';

describe('deliverWithRetries', () => {
  let receiver: HttpReceiver;
  let sleeps: number[];
  const options = () => ({ baseDelayMs: 1000, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) });
  const send = () => sendWebhook(`${receiver.url}/hook`, ALERT, 'secret-key', { fetch, timeoutMs: 2000, channel: 'hook' });
  beforeEach(async () => {
    receiver = await startHttpReceiver();
    sleeps = [];
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('retries 5xx with exponential backoff, sending the same signed event each time', async () => {
    receiver.answer({ status: 500 }, { status: 503 });
    await deliverWithRetries(send, options());
    expect(receiver.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    const [first, ...rest] = receiver.requests;
    for (const request of rest) {
      expect(request.body).toBe(first?.body);
      expect(request.headers['x-oss-pulse-event']).toBe(first?.headers['x-oss-pulse-event']);
      expect(request.headers['x-oss-pulse-signature']).toBe(first?.headers['x-oss-pulse-signature']);
    }
  });

  it('waits what a 429 asks', async () => {
    receiver.answer({ status: 429, headers: { 'retry-after': '1' } });
    await deliverWithRetries(send, options());
    expect(sleeps).toEqual([1000]);
    expect(receiver.requests).toHaveLength(2);
  });

  it('hands a wait longer than it sits out to the caller', async () => {
    receiver.answer({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(deliverWithRetries(send, { ...options(), maxRetryAfterMs: 60_000 })).rejects.toMatchObject({ kind: 'retry', retryAfterMs: 3_600_000 });
    expect(sleeps).toEqual([]);
  });

  it('gives up at once on a drop, and after its retries on a transient fault', async () => {
    receiver.answer({ status: 410 });
    await expect(deliverWithRetries(send, options())).rejects.toMatchObject({ kind: 'drop', status: 410 });
    expect(receiver.requests).toHaveLength(1);

    receiver.answer(...Array.from({ length: 5 }, () => ({ status: 502 })));
    await expect(deliverWithRetries(send, { ...options(), retries: 2 })).rejects.toMatchObject({ kind: 'retry', status: 502 });
    expect(receiver.requests).toHaveLength(1 + 3);
  });

  it('does not retry what is not a delivery error (a bug)', async () => {
    let calls = 0;
    const bug = new TypeError('undefined is not a function');
    await expect(deliverWithRetries(async () => { calls++; throw bug; }, options())).rejects.toBe(bug);
    expect(calls).toBe(1);
    await expect(deliverWithRetries(async () => { calls++; throw new DeliveryError('drop', 'config', { target: 'slack', name: 's' }, 'x'); }, options())).rejects.toThrow('slack channel "s": x');
  });
});
