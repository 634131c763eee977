import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNpmClient, rangeSpans } from '../../../../jobs/sources/npm/npm-client.ts';
import { SourceError } from '../../../../jobs/clients/source-error.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';

const DAY_MS = 86_400_000;
const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One count per day from `from` to `to`, each different: the day number since 2014-01-01. */
function dailyCounts(from: string, to: string): Record<string, number> {
  const daily: Record<string, number> = {};
  const origin = Date.parse('2014-01-01T00:00:00Z');
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    daily[dayText(ms)] = (ms - origin) / DAY_MS;
  }
  return daily;
}

describe('npm client against the fake download counts API', () => {
  let up: FakeUpstream;
  const client = () => createNpmClient({ baseUrl: up.npm.url, retries: 1, baseDelayMs: 1 });

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.npm.setToday('2026-11-29');
    up.npm.addPackage('openai', { daily: dailyCounts('2014-06-01', '2026-11-29') });
    up.npm.addPackage('@huggingface/transformers', { daily: { '2026-11-28': 40, '2026-11-22': 2, '2026-11-21': 500 } });
    for (let i = 0; i < 130; i++) up.npm.addPackage(`pkg-${i}`, { daily: { '2026-11-28': i } });
  });
  afterAll(() => up.close());
  beforeEach(() => {
    up.clearRequests();
    up.npm.clearFaults();
  });

  const npmPaths = () => up.requests.filter((r) => r.upstream === 'npm').map((r) => `${r.status} ${r.path}`);

  it('cuts a range into spans of at most 365 days, from npm\'s first day on', () => {
    expect(rangeSpans('2024-01-01', '2025-12-31')).toEqual([
      ['2024-01-01', '2024-12-30'],
      ['2024-12-31', '2025-12-30'],
      ['2025-12-31', '2025-12-31'],
    ]);
    expect(rangeSpans('2010-01-01', '2015-01-12')).toEqual([['2015-01-10', '2015-01-12']]);
    expect(rangeSpans('2026-11-02', '2026-11-01')).toEqual([]);
    expect(() => rangeSpans('2026-11-31', '2026-12-01')).toThrow(RangeError);
  });

  it('fetchRange concatenates the daily counts of several calls, in day order', async () => {
    const days = await client().fetchRange('openai', '2024-01-01', '2025-12-31');
    expect(npmPaths()).toEqual([
      '200 /downloads/range/2024-01-01:2024-12-30/openai',
      '200 /downloads/range/2024-12-31:2025-12-30/openai',
      '200 /downloads/range/2025-12-31:2025-12-31/openai',
    ]);
    const expected = dailyCounts('2024-01-01', '2025-12-31');
    expect(days).toHaveLength(731);
    expect(Object.fromEntries(days.map((d) => [d.day, d.downloads]))).toEqual(expected);
    expect(days.map((d) => d.day)).toEqual(Object.keys(expected));
  });

  it('fetchRange never asks for days before 2015-01-10, and takes scoped names', async () => {
    const days = await client().fetchRange('@huggingface/transformers', '2014-01-01', '2015-01-11');
    expect(days).toEqual([
      { day: '2015-01-10', downloads: 0 },
      { day: '2015-01-11', downloads: 0 },
    ]);
    expect(npmPaths()).toEqual(['200 /downloads/range/2015-01-10:2015-01-11/@huggingface/transformers']);
  });

  it('fetchRange of an unknown package throws not_found', async () => {
    const error = await client().fetchRange('no-such-package', '2026-01-01', '2026-01-31').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('fetchPoint: 128 names per bulk call, scoped names alone, both answer shapes, null as not_found', async () => {
    const names = [...Array.from({ length: 130 }, (_, i) => `pkg-${i}`), 'ghost', '@huggingface/transformers', '@nobody/missing'];
    const results = await client().fetchPoint('last-week', names);
    const paths = npmPaths();
    expect(paths).toHaveLength(4);
    expect(paths[0]?.split(',')).toHaveLength(128);
    expect(paths[1]).toBe('200 /downloads/point/last-week/pkg-128,pkg-129,ghost');
    expect(paths.slice(2)).toEqual([
      '200 /downloads/point/last-week/@huggingface/transformers',
      '404 /downloads/point/last-week/@nobody/missing',
    ]);
    expect(results.get('pkg-17')).toEqual({ ok: true, value: 17 });
    expect(results.get('pkg-129')).toEqual({ ok: true, value: 129 });
    expect(results.get('@huggingface/transformers')).toEqual({ ok: true, value: 42 });
    for (const missing of ['ghost', '@nobody/missing']) {
      expect(results.get(missing)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    }
  });

  it('fetchPoint with one unscoped name reads the single-package shape; unknown alone is a 404', async () => {
    const results = await client().fetchPoint('last-month', ['pkg-5']);
    expect(results.get('pkg-5')).toEqual({ ok: true, value: 5 });
    const missing = await client().fetchPoint('last-month', ['ghost']);
    expect(missing.get('ghost')).toMatchObject({ ok: false, error: { kind: 'not_found', status: 404 } });
  });

  it('a failed bulk call fails its names only; a rate limit stops the calls after it', async () => {
    up.npm.inject({ match: { path: /^\/downloads\/point\/last-week\/pkg-0,/ }, fault: { kind: 'status', status: 503 }, times: 2 });
    const names = [...Array.from({ length: 130 }, (_, i) => `pkg-${i}`)];
    const results = await client().fetchPoint('last-week', names);
    expect(results.get('pkg-0')).toMatchObject({ ok: false, error: { kind: 'http', status: 503 } });
    expect(results.get('pkg-129')).toEqual({ ok: true, value: 129 });

    up.clearRequests();
    // npm documents no rate limit; a 429 asking for an hour is more than the client sits out.
    const limitedFetch: typeof fetch = async (input, init) =>
      String(input).includes('/@a/one') ? new Response('{}', { status: 429, headers: { 'retry-after': '3600' } }) : fetch(input, init);
    const limited = createNpmClient({ baseUrl: up.npm.url, retries: 1, fetch: limitedFetch });
    const scoped = await limited.fetchPoint('last-week', ['pkg-1', '@a/one', '@huggingface/transformers']);
    expect(scoped.get('pkg-1')).toEqual({ ok: true, value: 1 });
    expect(scoped.get('@a/one')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 3_600_000 } });
    expect(scoped.get('@huggingface/transformers')).toMatchObject({ ok: false, error: { kind: 'rate_limit' } });
    expect(npmPaths()).toEqual(['200 /downloads/point/last-week/pkg-1']);
  });
});

describe('fake npm', () => {
  let up: FakeUpstream;
  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => Date.parse('2026-11-29T15:00:00Z') });
    up.npm.addPackage('jquery', { daily: { '2026-11-28': 3, '2026-11-29': 1_000, '2026-11-22': 4, '2026-11-21': 50 } });
  });
  afterAll(() => up.close());
  const get = async (path: string) => {
    const response = await fetch(`${up.npm.url}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('answers windows that end yesterday, relative to the clock\'s day', async () => {
    expect(up.npm.today()).toBe('2026-11-29');
    expect(await get('/downloads/point/last-day/jquery')).toEqual({ status: 200, body: { downloads: 3, start: '2026-11-28', end: '2026-11-28', package: 'jquery' } });
    expect(await get('/downloads/point/last-week/jquery')).toEqual({ status: 200, body: { downloads: 7, start: '2026-11-22', end: '2026-11-28', package: 'jquery' } });
    expect((await get('/downloads/point/last-month/jquery')).body).toMatchObject({ downloads: 57, start: '2026-10-30', end: '2026-11-28' });
    expect((await get('/downloads/point/2026-11-21:2026-11-22/jquery')).body).toMatchObject({ downloads: 54 });
  });

  it('refuses scoped names and more than 128 names in bulk, and answers null for unknown ones', async () => {
    expect(await get('/downloads/point/last-week/jquery,@scope/x')).toEqual({
      status: 400,
      body: { error: 'scoped packages are not currently supported in bulk lookups' },
    });
    expect((await get(`/downloads/point/last-week/${Array.from({ length: 129 }, (_, i) => `p${i}`).join(',')}`)).status).toBe(400);
    expect(await get('/downloads/point/last-week/jquery,ghost')).toEqual({
      status: 200,
      body: { jquery: { downloads: 7, start: '2026-11-22', end: '2026-11-28', package: 'jquery' }, ghost: null },
    });
    expect(await get('/downloads/point/last-week/ghost')).toEqual({ status: 404, body: { error: 'package ghost not found' } });
  });

  it('answers ranges day by day, and refuses spans that are too long', async () => {
    expect(await get('/downloads/range/2026-11-27:2026-11-29/jquery')).toEqual({
      status: 200,
      body: { start: '2026-11-27', end: '2026-11-29', package: 'jquery', downloads: [{ day: '2026-11-27', downloads: 0 }, { day: '2026-11-28', downloads: 3 }] },
    });
    expect((await get('/downloads/range/2024-01-01:2025-12-31/jquery')).status).toBe(400);
    expect((await get('/downloads/range/2025-01-01:2025-12-31/jquery,ghost')).body).toMatchObject({ ghost: null });
  });
});
