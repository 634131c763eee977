import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../alerts/channels/retry-after.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');

  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('Fri, 04 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
  });

  it('takes a date in the past as now, and anything else as no answer', () => {
    expect(parseRetryAfter('Fri, 04 Dec 2026 09:00:00 GMT', now)).toBe(0);
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '2026-12-04']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
