import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCratesClient, CRATES_USER_AGENT, type CratesClientOptions, cratesUserAgent } from '../../../../jobs/sources/crates/crates-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { FakeClock } from '../../../helpers/fake-clock.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

/** The client and the fake share one fake clock; the client's sleeps advance it. */
describe('crates.io client against the fake crates.io', () => {
  let time: FakeClock;
  let up: FakeUpstream;

  beforeEach(async () => {
    time = new FakeClock(T0);
    up = await startFakeUpstream({ now: time.read });
    up.crates.addCrate('candle-core', { daily: { '2026-11-29': { '1.0.0': 40 } }, earlierDownloads: 1_000 });
    up.crates.addCrate('tokenizers', { daily: { '2026-11-20': { '1.0.0': 7 } } });
    up.crates.addCrate('llama-cpp-2', { daily: { '2026-11-28': { '1.0.0': 3 } } });
  });
  afterEach(() => up.close());

  const client = (options: CratesClientOptions = {}) =>
    createCratesClient({
      baseUrl: up.crates.url,
      clock: time.read,
      sleep: time.sleep,
      ...options,
    });
  const sent = () => up.requests.filter((r) => r.upstream === 'crates');
  const exchanges = () => sent().map((r) => `${r.status} ${r.url}`);

  it('asks for the crate with include=downloads and reads its all-time and 90-day downloads', async () => {
    expect(await client().fetchCrate('candle-core')).toEqual({ name: 'candle-core', downloads: 1_040, recentDownloads: 40 });
    expect(exchanges()).toEqual(['200 /api/v1/crates/candle-core?include=downloads']);
  });

  it('sends the descriptive User-Agent the crawler policy asks for, with the contact when given', async () => {
    await client().fetchCrate('tokenizers');
    await client({ userAgent: cratesUserAgent('ops@example.org') }).fetchCrate('tokenizers');
    expect(sent().map((r) => r.headers['user-agent'])).toEqual([
      'oss-pulse (open-source ecosystem metrics collector)',
      'oss-pulse (open-source ecosystem metrics collector; contact: ops@example.org)',
    ]);
    expect(CRATES_USER_AGENT).toBe('oss-pulse (open-source ecosystem metrics collector)');
    // A header value must stay printable ASCII, or every request would fail.
    expect(cratesUserAgent(' ops\n@example.org ')).toBe('oss-pulse (open-source ecosystem metrics collector; contact: ops@example.org)');
  });

  it('spaces requests 1 s apart by default, the most the crawler policy allows', async () => {
    const results = await client().fetchCrates(['candle-core', 'tokenizers', 'llama-cpp-2']);
    expect([...results.values()].every((result) => result.ok)).toBe(true);
    expect(sent().map((r) => r.at - T0)).toEqual([0, 1_000, 2_000]);
    expect(time.sleeps).toEqual([1_000, 1_000]);
  });

  it('finds a crate whatever the case and whether `-` or `_`, and answers its own spelling', async () => {
    expect((await client({ minIntervalMs: 0 }).fetchCrate('Candle_Core')).name).toBe('candle-core');
  });

  it('reads the 404 of an unknown crate as not_found with crates.io words, without retrying', async () => {
    const error = await client({ baseDelayMs: 1 }).fetchCrate('no-such-crate').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404, message: 'crates.io: crate `no-such-crate` does not exist' });
    expect(exchanges()).toEqual(['404 /api/v1/crates/no-such-crate?include=downloads']);
  });

  it('stops at a 429 whose Retry-After is too long to sit out: that crate and the rest fail with it, unsent', async () => {
    up.crates.inject({ match: { path: '/api/v1/crates/tokenizers' }, fault: { kind: 'crates-rate-limit', retryAfter: 3_600 } });
    const results = await client({ minIntervalMs: 0 }).fetchCrates(['candle-core', 'tokenizers', 'llama-cpp-2']);
    expect(results.get('candle-core')).toMatchObject({ ok: true });
    expect(results.get('tokenizers')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 3_600_000 } });
    expect(results.get('llama-cpp-2')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 3_600_000 } });
    expect(exchanges()).toEqual(['200 /api/v1/crates/candle-core?include=downloads', '429 /api/v1/crates/tokenizers?include=downloads']);
  });

  it('sits out a short Retry-After, then asks again after its turn', async () => {
    up.crates.inject({ fault: { kind: 'crates-rate-limit', retryAfter: 5 } });
    expect((await client().fetchCrate('tokenizers')).downloads).toBe(7);
    expect(exchanges()).toEqual(['429 /api/v1/crates/tokenizers?include=downloads', '200 /api/v1/crates/tokenizers?include=downloads']);
    expect(time.sleeps).toEqual([5_000]);
  });

  it('throws a parse error for a 200 that is not a crate', async () => {
    const malformed = createCratesClient({
      baseUrl: up.crates.url,
      retries: 0,
      minIntervalMs: 0,
      fetch: async () => new Response('{"crate": {"downloads": 5}}', { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(malformed.fetchCrate('candle-core')).rejects.toMatchObject({ kind: 'parse', message: 'unexpected crates.io answer for candle-core' });
    await expect(malformed.fetchDailyDownloads('candle-core')).rejects.toMatchObject({ kind: 'parse' });
  });

  it('retries a truncated body, then gives up with a parse error', async () => {
    up.crates.inject({ fault: { kind: 'truncated-json' }, times: Infinity });
    const error = await client({ retries: 1, baseDelayMs: 1, minIntervalMs: 0 }).fetchCrate('candle-core').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'parse' });
    expect(sent()).toHaveLength(2);
  });

  it("sums each day's downloads over the listed versions and the others' extra_downloads", async () => {
    const versions = ['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0', '0.6.0', '0.7.0'];
    up.crates.addCrate('hf-hub', {
      versions,
      daily: {
        '2026-11-27': Object.fromEntries(versions.map((num, i) => [num, 10 ** i])),
        '2026-11-29': { '0.1.0': 5, '0.7.0': 2 },
      },
    });
    expect(await client({ minIntervalMs: 0 }).fetchDailyDownloads('hf-hub')).toEqual([
      { day: '2026-11-27', downloads: 1_111_111 },
      { day: '2026-11-29', downloads: 7 },
    ]);
    const body = (await (await fetch(`${up.crates.url}/api/v1/crates/hf-hub/downloads`, { headers: { 'user-agent': CRATES_USER_AGENT } })).json()) as {
      version_downloads: unknown[];
      meta: { extra_downloads: unknown[] };
    };
    // The two oldest versions are not listed alone: their counts come summed per day.
    expect(body.meta.extra_downloads).toEqual([
      { date: '2026-11-27', downloads: 11 },
      { date: '2026-11-29', downloads: 5 },
    ]);
    expect(body.version_downloads).toHaveLength(6);
  });
});

describe('the fake crates.io', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream({ now: () => T0 });
    up.crates.addCrate('quiet', { daily: { '2026-01-02': { '1.0.0': 9 } } });
  });
  afterEach(() => up.close());

  it("refuses a request without a User-Agent, or with only an HTTP library's, with the crawler-policy 403", async () => {
    // Node's fetch sends `node` when the caller sets none.
    const answer = await fetch(`${up.crates.url}/api/v1/crates/quiet`);
    expect(answer.status).toBe(403);
    expect(JSON.stringify(await answer.json())).toContain('violation of our crawler policy');
    const client = createCratesClient({ baseUrl: up.crates.url, userAgent: 'Go-http-client/1.1', retries: 0, minIntervalMs: 0 });
    await expect(client.fetchCrate('quiet')).rejects.toMatchObject({ kind: 'http', status: 403 });
  });

  it('answers null recent_downloads for a crate without a download in 90 days, which the client reads as 0', async () => {
    const raw = await fetch(`${up.crates.url}/api/v1/crates/quiet?include=downloads`, { headers: { 'user-agent': CRATES_USER_AGENT } });
    expect(((await raw.json()) as { crate: unknown }).crate).toMatchObject({ downloads: 9, recent_downloads: null });
    const client = createCratesClient({ baseUrl: up.crates.url, minIntervalMs: 0 });
    expect(await client.fetchCrate('quiet')).toEqual({ name: 'quiet', downloads: 9, recentDownloads: 0 });
  });
});
