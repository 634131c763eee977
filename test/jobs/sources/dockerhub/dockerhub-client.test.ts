import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDockerHubClient, type DockerHubClientOptions } from '../../../../jobs/sources/dockerhub/dockerhub-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { FakeClock } from '../../../helpers/fake-clock.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const json = (body: unknown) => async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** The client and the fake share one fake clock; the client's sleeps advance it. */
describe('Docker Hub client against the fake Docker Hub', () => {
  let time: FakeClock;
  let up: FakeUpstream;

  beforeEach(async () => {
    time = new FakeClock(T0);
    up = await startFakeUpstream({ now: time.read });
    up.dockerhub.addRepository('ollama/ollama', { pulls: 104_000_000, stars: 1_800 });
    up.dockerhub.addRepository('vllm/vllm-openai', { pulls: 9_500_000, stars: 320 });
    up.dockerhub.addRepository('library/postgres', { pulls: 1_000_000_000, stars: 14_000 });
  });
  afterEach(() => up.close());

  const client = (options: DockerHubClientOptions = {}) =>
    createDockerHubClient({
      baseUrl: up.dockerhub.url,
      clock: time.read,
      now: time.read,
      sleep: time.sleep,
      ...options,
    });
  const sent = () => up.requests.filter((r) => r.upstream === 'dockerhub');
  const exchanges = () => sent().map((r) => `${r.status} ${r.url}`);

  it('asks the documented route and reads the pulls and stars, with the name as Docker Hub spells it', async () => {
    expect(await client().fetchRepository('ollama/ollama')).toEqual({ name: 'ollama/ollama', pulls: 104_000_000, stars: 1_800 });
    expect(exchanges()).toEqual(['200 /v2/namespaces/ollama/repositories/ollama']);
  });

  it('asks for an official image under library/, as `docker pull postgres` does', async () => {
    expect(await client().fetchRepository('postgres')).toEqual({ name: 'library/postgres', pulls: 1_000_000_000, stars: 14_000 });
    expect(exchanges()).toEqual(['200 /v2/namespaces/library/repositories/postgres']);
  });

  it('spaces requests 1 s apart by default', async () => {
    const results = await client().fetchRepositories(['ollama/ollama', 'vllm/vllm-openai', 'library/postgres']);
    expect([...results.values()].every((result) => result.ok)).toBe(true);
    expect(sent().map((r) => r.at - T0)).toEqual([0, 1_000, 2_000]);
    expect(time.sleeps).toEqual([1_000, 1_000]);
  });

  it("reads the 404 of an unknown repository as not_found with Docker Hub's words, without retrying", async () => {
    const error = await client({ baseDelayMs: 1 }).fetchRepository('ollama/no-such-image').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404, message: 'Docker Hub: ollama/no-such-image: object not found' });
    expect(exchanges()).toEqual(['404 /v2/namespaces/ollama/repositories/no-such-image']);
  });

  it('sits out a 429 whose Retry-After is in seconds, as documented, then asks again', async () => {
    up.dockerhub.inject({ fault: { kind: 'dockerhub-rate-limit', resetSeconds: 5 } });
    expect((await client({ minIntervalMs: 0 }).fetchRepository('ollama/ollama')).pulls).toBe(104_000_000);
    expect(exchanges()).toEqual(['429 /v2/namespaces/ollama/repositories/ollama', '200 /v2/namespaces/ollama/repositories/ollama']);
    expect(sent()[0]?.fault).toBe('dockerhub-rate-limit');
    expect(time.sleeps).toEqual([5_000]);
  });

  it('reads a Retry-After holding the Unix timestamp of the reset, as recorded in May 2025, as a wait until then', async () => {
    up.dockerhub.setRetryAfterStyle('timestamp');
    up.dockerhub.inject({ fault: { kind: 'dockerhub-rate-limit', resetSeconds: 7 } });
    await client({ minIntervalMs: 0 }).fetchRepository('ollama/ollama');
    // Read as seconds, it would be a wait of 56 years, thrown as a rate limit.
    expect(time.sleeps).toEqual([7_000]);
  });

  it('waits a minute after an overall-limit 429 that carries no rate-limit headers', async () => {
    up.dockerhub.inject({ fault: { kind: 'dockerhub-overall-limit' } });
    await client({ minIntervalMs: 0 }).fetchRepository('ollama/ollama');
    expect(time.sleeps).toEqual([60_000]);
  });

  it('stops at a 429 too long to sit out: that image and the rest fail with it, unsent', async () => {
    up.dockerhub.inject({ match: { path: '/v2/namespaces/vllm/repositories/vllm-openai' }, fault: { kind: 'dockerhub-rate-limit', resetSeconds: 3_600 } });
    const results = await client({ minIntervalMs: 0 }).fetchRepositories(['ollama/ollama', 'vllm/vllm-openai', 'library/postgres']);
    expect(results.get('ollama/ollama')).toMatchObject({ ok: true });
    expect(results.get('vllm/vllm-openai')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 3_600_000 } });
    expect(results.get('library/postgres')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 3_600_000 } });
    expect(exchanges()).toEqual(['200 /v2/namespaces/ollama/repositories/ollama', '429 /v2/namespaces/vllm/repositories/vllm-openai']);
  });

  it('once an answer says the minute is spent (X-RateLimit-Remaining: 0), waits for its reset instead of meeting a 429', async () => {
    up.dockerhub.setLimit(2);
    const results = await client({ minIntervalMs: 0 }).fetchRepositories(['ollama/ollama', 'vllm/vllm-openai', 'library/postgres']);
    expect([...results.values()].every((result) => result.ok)).toBe(true);
    expect(exchanges().map((line) => line.slice(0, 3))).toEqual(['200', '200', '200']);
    expect(time.sleeps).toEqual([60_000]);
    expect(sent().map((r) => r.at - T0)).toEqual([0, 0, 60_000]);
  });

  it('fails the rest, unsent, when the spent minute resets later than it would sit out', async () => {
    up.dockerhub.setLimit(1);
    const results = await client({ minIntervalMs: 0, maxRateLimitWaitMs: 10_000 }).fetchRepositories(['ollama/ollama', 'vllm/vllm-openai', 'library/postgres']);
    expect(results.get('ollama/ollama')).toMatchObject({ ok: true });
    expect(results.get('vllm/vllm-openai')).toMatchObject({ ok: false, error: { kind: 'rate_limit', retryAfterMs: 60_000 } });
    expect(results.get('library/postgres')).toMatchObject({ ok: false, error: { kind: 'rate_limit' } });
    expect(exchanges()).toEqual(['200 /v2/namespaces/ollama/repositories/ollama']);
  });

  it('retries a 503, then reads the answer', async () => {
    up.dockerhub.inject({ fault: { kind: 'status', status: 503 } });
    expect((await client({ minIntervalMs: 0, baseDelayMs: 1 }).fetchRepository('ollama/ollama')).stars).toBe(1_800);
    expect(exchanges()).toEqual(['503 /v2/namespaces/ollama/repositories/ollama', '200 /v2/namespaces/ollama/repositories/ollama']);
  });

  it('retries a truncated body, then gives up with a parse error', async () => {
    up.dockerhub.inject({ fault: { kind: 'truncated-json' }, times: Infinity });
    const error = await client({ retries: 1, baseDelayMs: 1, minIntervalMs: 0 }).fetchRepository('ollama/ollama').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'parse' });
    expect(sent()).toHaveLength(2);
  });

  it('leaves a figure the answer left out undefined, never 0', async () => {
    up.dockerhub.updateRepository('ollama/ollama', { omit: ['star_count'] });
    expect(await client().fetchRepository('ollama/ollama')).toEqual({ name: 'ollama/ollama', pulls: 104_000_000, stars: undefined });
  });
});

describe('Docker Hub client on answers that are not repositories', () => {
  const client = (fetch: typeof globalThis.fetch) => createDockerHubClient({ baseUrl: 'http://hub.invalid', retries: 0, minIntervalMs: 0, fetch });

  it('throws a parse error for a 200 that does not name a repository', async () => {
    await expect(client(json({ pull_count: 5, star_count: 1 })).fetchRepository('ollama/ollama')).rejects.toMatchObject({
      kind: 'parse',
      message: 'unexpected Docker Hub answer for ollama/ollama',
    });
    await expect(client(json([])).fetchRepository('ollama/ollama')).rejects.toMatchObject({ kind: 'parse' });
  });

  it('does not take a name Docker Hub could not have from an answer', async () => {
    const hostile = { name: '<script>alert(1)</script>', namespace: "x'); DROP TABLE samples; --", pull_count: 7, star_count: 1 };
    expect(await client(json(hostile)).fetchRepository('ollama/ollama')).toEqual({ name: undefined, pulls: 7, stars: 1 });
  });

  it('reads a negative or fractional count as missing', async () => {
    const odd = { name: 'ollama', namespace: 'ollama', pull_count: -1, star_count: 2.5 };
    expect(await client(json(odd)).fetchRepository('ollama/ollama')).toEqual({ name: 'ollama/ollama', pulls: undefined, stars: undefined });
  });
});

describe('the fake Docker Hub', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream({ now: () => T0 });
    up.dockerhub.addRepository('ollama/ollama', { pulls: 10, stars: 2 });
  });
  afterEach(() => up.close());

  it('answers the deprecated route with the same repository, and counts every answer against the minute', async () => {
    const documented = await fetch(`${up.dockerhub.url}/v2/namespaces/ollama/repositories/ollama`);
    const deprecated = await fetch(`${up.dockerhub.url}/v2/repositories/ollama/ollama/`);
    expect(await deprecated.json()).toEqual(await documented.json());
    expect(deprecated.headers.get('x-ratelimit-limit')).toBe('180');
    expect(deprecated.headers.get('x-ratelimit-remaining')).toBe('178');
    expect(deprecated.headers.get('x-ratelimit-reset')).toBe(String((T0 + 60_000) / 1000));
    expect(up.dockerhub.budget()).toMatchObject({ used: 2, remaining: 178 });
  });

  it('answers 429 with Retry-After once the minute is spent', async () => {
    up.dockerhub.setLimit(1);
    await fetch(`${up.dockerhub.url}/v2/namespaces/ollama/repositories/ollama`);
    const refused = await fetch(`${up.dockerhub.url}/v2/namespaces/ollama/repositories/ollama`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});
