import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDockerHubClient } from '../../../../jobs/sources/dockerhub/dockerhub-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

// The Docker Hub client's contract, on the answers of test/fixtures/recorded/dockerhub/
// (see each file's `source`: one recording of the deprecated route, the 404 body and the
// 429 headers quoted from live answers, the rest reconstructed from Docker Hub's API
// description; no recording of the documented route could be found).

const FIXTURES = ['dockerhub/get-repository.json', 'dockerhub/get-repository-official.json', 'dockerhub/repository-not-found.json', 'dockerhub/rate-limited.json'];
/** The `date` of the recorded 429: its reset is a minute later. */
const LIMITED_AT = Date.parse('2025-05-01T22:01:18Z');

/** Where a contract test points the client: recorded answers replayed, or the fake holding the same figures. */
interface ContractUpstream {
  url: string;
  /** `STATUS path` of each request, in order. */
  exchanges(): string[];
  close(): Promise<void>;
}

async function replayDockerHub(): Promise<ContractUpstream> {
  const answers = await Promise.all(FIXTURES.map(readRecorded));
  const replay = await serveRecorded(answers);
  const statusOf = (path: string) => answers.find((answer) => answer.request.path === path)?.response.status ?? 599;
  return { url: replay.url, exchanges: () => replay.requests.map((r) => `${statusOf(r.path)} ${r.path}`), close: () => replay.close() };
}

async function fakeDockerHub(): Promise<ContractUpstream> {
  const up = await startFakeUpstream({ now: () => LIMITED_AT });
  up.dockerhub.addRepository('ebusinessdocker/disney', { pulls: 275, stars: 0 });
  up.dockerhub.addRepository('library/postgres', { pulls: 1_000_000_000, stars: 14_512 });
  // The recorded 429: its reset's Unix timestamp in Retry-After, a minute away.
  up.dockerhub.addRepository('nobody/limited', { pulls: 1, stars: 1 });
  up.dockerhub.setRetryAfterStyle('timestamp');
  up.dockerhub.inject({ match: { path: '/v2/namespaces/nobody/repositories/limited' }, fault: { kind: 'dockerhub-rate-limit', resetSeconds: 60 }, times: Infinity });
  return { url: up.dockerhub.url, exchanges: () => up.requests.map((r) => `${r.status} ${r.path}`), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayDockerHub],
  ['the fake Docker Hub', fakeDockerHub],
])('Docker Hub client contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = (maxRateLimitWaitMs?: number) =>
    createDockerHubClient({ baseUrl: upstream.url, retries: 0, minIntervalMs: 0, now: () => LIMITED_AT, maxRateLimitWaitMs });

  it("reads a repository's pulls and stars from the documented route", async () => {
    expect(await client().fetchRepository('ebusinessdocker/disney')).toEqual({ name: 'ebusinessdocker/disney', pulls: 275, stars: 0 });
    expect(upstream.exchanges()).toEqual(['200 /v2/namespaces/ebusinessdocker/repositories/disney']);
  });

  it('asks for an official image under library/', async () => {
    expect(await client().fetchRepository('postgres')).toEqual({ name: 'library/postgres', pulls: 1_000_000_000, stars: 14_512 });
    expect(upstream.exchanges()).toEqual(['200 /v2/namespaces/library/repositories/postgres']);
  });

  it('reads the 404 of an unknown repository as not_found', async () => {
    await expect(client().fetchRepository('nobody/nothing')).rejects.toMatchObject({ kind: 'not_found', message: 'Docker Hub: nobody/nothing: object not found' });
  });

  it('reads the recorded 429, whose Retry-After is the reset as a Unix timestamp, as a wait of a minute', async () => {
    await expect(client(1_000).fetchRepository('nobody/limited')).rejects.toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 60_000 });
  });
});

describe('the fake Docker Hub answers in the recorded shapes', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream({ now: () => LIMITED_AT });
    up.dockerhub.addRepository('ebusinessdocker/disney', { pulls: 275, stars: 0 });
    up.dockerhub.addRepository('library/postgres', {
      pulls: 1,
      stars: 1,
      description: 'The PostgreSQL object-relational database system provides reliability and data integrity.',
      fullDescription: '# Quick reference',
      categories: [{ name: 'Databases & storage', slug: 'databases-and-storage' }],
    });
  });
  afterEach(() => up.close());

  const get = (path: string) => fetch(`${up.dockerhub.url}${path}`);
  const body = async (fixture: string) => (await readRecorded(fixture)).response.body;

  it('answers both routes with exactly the keys of the recorded answer', async () => {
    const recorded = keyPaths(await body('dockerhub/repository-deprecated-route.json'));
    const documented = await get('/v2/namespaces/ebusinessdocker/repositories/disney');
    expect(documented.headers.get('content-type')).toMatch(/^application\/json/);
    expect(keyPaths(await documented.json())).toEqual(recorded);
    expect(keyPaths(await (await get('/v2/repositories/ebusinessdocker/disney')).json())).toEqual(recorded);
  });

  it('answers a repository with an overview with the keys of the reconstructed official image, which the recorded ones all are in', async () => {
    const official = keyPaths(await body('dockerhub/get-repository-official.json'));
    expect(keyPaths(await (await get('/v2/namespaces/library/repositories/postgres')).json())).toEqual(official);
    expect(official).toEqual(expect.arrayContaining(keyPaths(await body('dockerhub/repository-deprecated-route.json'))));
  });

  it("answers with every key of the documented example too (full_description when there is an overview)", async () => {
    const example = keyPaths(await body('dockerhub/get-repository-documented-example.json'));
    const fake = keyPaths(await (await get('/v2/namespaces/library/repositories/postgres')).json());
    expect(fake).toEqual(expect.arrayContaining(example));
  });

  it("answers an unknown repository with Docker Hub's 404", async () => {
    const recorded = await readRecorded('dockerhub/repository-not-found.json');
    const answer = await get(recorded.request.path);
    expect(answer.status).toBe(recorded.response.status);
    expect(await answer.json()).toEqual(recorded.response.body);
  });

  it('answers a spent minute with the headers of the recorded 429', async () => {
    const recorded = await readRecorded('dockerhub/rate-limited.json');
    up.dockerhub.setLimit(0);
    up.dockerhub.setRetryAfterStyle('timestamp');
    const answer = await get('/v2/namespaces/ebusinessdocker/repositories/disney');
    expect(answer.status).toBe(429);
    const names = (headers: Iterable<[string, string]>) => [...headers].map(([name]) => name).filter((name) => /^(x-ratelimit-(limit|remaining|reset)|retry-after)$/.test(name)).sort();
    expect(names(answer.headers)).toEqual(names(Object.entries(recorded.response.headers)));
    expect(answer.headers.get('retry-after')).toBe(answer.headers.get('x-ratelimit-reset'));
    expect(answer.headers.get('x-ratelimit-reset')).toBe(String((LIMITED_AT + 60_000) / 1000));
  });
});
