import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCratesClient, CRATES_USER_AGENT } from '../../../../jobs/sources/crates/crates-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

// The crates.io client's contract, on the answers of test/fixtures/recorded/crates/ (see
// each file's `source`: one recording of crates.io itself, the rest what its server code
// answers in its own test suite; no recorded `/downloads` answer could be found).

const FIXTURES = ['crates/crate-xdg.json', 'crates/crate-include-downloads.json', 'crates/downloads-two-versions.json', 'crates/crate-not-found.json'];
/** The day of the downloads fixture; the fake counts the 90 days up to its clock. */
const NOW = Date.parse('2026-11-29T12:00:00Z');

/** Where a contract test points the client: recorded answers replayed, or the fake holding the same figures. */
interface ContractUpstream {
  url: string;
  /** `STATUS path?query` of each request, in order. */
  exchanges(): string[];
  close(): Promise<void>;
}

async function replayCrates(): Promise<ContractUpstream> {
  const answers = await Promise.all(FIXTURES.map(readRecorded));
  const replay = await serveRecorded(answers);
  const statusOf = (path: string) => answers.find((answer) => answer.request.path === path)?.response.status ?? 599;
  return {
    url: replay.url,
    exchanges: () => replay.requests.map((r) => `${statusOf(r.path)} ${r.path}${r.query ? `?${r.query}` : ''}`),
    close: () => replay.close(),
  };
}

async function fakeCrates(): Promise<ContractUpstream> {
  const up = await startFakeUpstream({ now: () => NOW });
  // xdg: 37,562 downloads in the last 90 days, 147,014 in all.
  up.crates.addCrate('xdg', { versions: ['2.0.0', '2.1.0'], daily: { '2026-11-01': { '2.1.0': 37_562 } }, earlierDownloads: 109_452 });
  // foo: two versions with 3 and 1 downloads on the fixture's day (ids in the order given: 1.0.0 is id 1).
  up.crates.addCrate('foo', { versions: ['1.0.0', '2.0.0'], daily: { '2026-11-28': { '1.0.0': 3, '2.0.0': 1 } } });
  return { url: up.crates.url, exchanges: () => up.requests.map((r) => `${r.status} ${r.url}`), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayCrates],
  ['the fake crates.io', fakeCrates],
])('crates.io client contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = () => createCratesClient({ baseUrl: upstream.url, retries: 0, minIntervalMs: 0 });

  it("reads a crate's all-time and 90-day downloads", async () => {
    expect(await client().fetchCrate('xdg')).toEqual({ name: 'xdg', downloads: 147_014, recentDownloads: 37_562 });
    expect(upstream.exchanges()).toEqual(['200 /api/v1/crates/xdg?include=downloads']);
  });

  it("reads a crate's daily downloads, versions summed per day", async () => {
    expect(await client().fetchDailyDownloads('foo')).toEqual([{ day: '2026-11-28', downloads: 4 }]);
    expect(upstream.exchanges()).toEqual(['200 /api/v1/crates/foo/downloads']);
  });

  it('reads the 404 of an unknown crate as not_found', async () => {
    await expect(client().fetchCrate('unknown')).rejects.toMatchObject({ kind: 'not_found', message: 'crates.io: crate `unknown` does not exist' });
  });
});

describe('the fake crates.io answers in the recorded shapes', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream({ now: () => NOW });
    up.crates.addCrate('foo_show', { versions: ['0.5.0', '0.5.1', '1.0.0'], daily: { '2026-11-20': { '1.0.0': 10 } }, earlierDownloads: 10 });
    up.crates.addCrate('xdg', { versions: ['2.0.0', '2.1.0'], keywords: ['linux'], daily: { '2026-11-01': { '2.1.0': 1 } } });
    up.crates.addCrate('foo', { versions: ['1.0.0', '2.0.0'], daily: { '2026-11-28': { '1.0.0': 3, '2.0.0': 1 } } });
  });
  afterEach(() => up.close());

  const get = (path: string, userAgent = CRATES_USER_AGENT) => fetch(`${up.crates.url}${path}`, { headers: { 'user-agent': userAgent } });
  const body = async (fixture: string) => (await readRecorded(fixture)).response.body;

  it('answers include=downloads with exactly the keys of the server-code answer', async () => {
    const answer = await get('/api/v1/crates/foo_show?include=downloads');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const fake = await answer.json();
    expect(keyPaths(fake)).toEqual(keyPaths(await body('crates/crate-include-downloads.json')));
    expect(fake).toMatchObject({ crate: { downloads: 20, recent_downloads: 10, versions: null }, versions: null });
  });

  it('answers the full crate with every key crates.io answered in the recording (today it answers more)', async () => {
    const fake = keyPaths(await (await get('/api/v1/crates/xdg')).json());
    expect(fake).toEqual(expect.arrayContaining(keyPaths(await body('crates/crate-xdg.json'))));
  });

  it('answers /downloads with the keys of the server-code answer', async () => {
    type Downloads = { version_downloads: { date: string; downloads: number; version: number }[] };
    const fake = (await (await get('/api/v1/crates/foo/downloads')).json()) as Downloads;
    const recorded = (await body('crates/downloads-two-versions.json')) as Downloads;
    expect(keyPaths(fake)).toEqual(keyPaths(recorded));
    // Rows in the same order (by day, then newest version id first); the fake's ids are its own.
    const rows = (answer: Downloads) => answer.version_downloads.map(({ date, downloads }) => ({ date, downloads }));
    expect(rows(fake)).toEqual(rows(recorded));
    expect(fake.version_downloads.map((row) => row.version)).toEqual([...fake.version_downloads.map((row) => row.version)].sort((a, b) => b - a));
  });

  it("answers an unknown crate with crates.io's 404", async () => {
    const recorded = await readRecorded('crates/crate-not-found.json');
    const answer = await get('/api/v1/crates/unknown');
    expect(answer.status).toBe(recorded.response.status);
    expect(await answer.json()).toEqual(recorded.response.body);
  });

  it('refuses a request with only a library User-Agent with the recorded crawler-policy 403', async () => {
    const recorded = await readRecorded('crates/crawler-policy-refused.json');
    const answer = await get(recorded.request.path, 'Go-http-client/1.1');
    expect(answer.status).toBe(recorded.response.status);
    const detail = (value: unknown) => (value as { errors: { detail: string }[] }).errors[0]?.detail.replace(/request id \S+$/, 'request id N');
    expect(detail(await answer.json())).toBe(detail(recorded.response.body));
  });
});
