import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNpmClient } from '../../../../jobs/sources/npm/npm-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { type RecordedAnswer, readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

// The npm client's contract with api.npmjs.org, on the answers of test/fixtures/recorded/npm/
// (see each file's `source`: what is recorded, what is documented, what is put together).

const FIXTURES = ['npm/point-last-month-jquery.json', 'npm/point-bulk-last-month.json', 'npm/range-beep.json', 'npm/range-bulk-beep-boop.json'];

type RangeBody = { downloads: { day: string; downloads: number }[] };

/** Where a contract test points the client: recorded answers replayed, or the fake holding the same counts. */
interface ContractUpstream {
  url: string;
  /** Paths requested, in order. */
  paths(): string[];
  close(): Promise<void>;
}

async function replayNpm(): Promise<ContractUpstream> {
  const replay = await serveRecorded(await Promise.all(FIXTURES.map(readRecorded)));
  return { url: replay.url, paths: () => replay.requests.map((r) => r.path), close: () => replay.close() };
}

async function fakeNpm(): Promise<ContractUpstream> {
  const up = await startFakeUpstream();
  // The fake counts nothing before 2015-01-10: jquery's month is put on a later day.
  up.npm.setToday('2026-11-29');
  up.npm.addPackage('jquery', { daily: { '2026-11-28': 31_623 } });
  const beep = (await readRecorded('npm/range-beep.json')).response.body as RangeBody;
  up.npm.addPackage('beep', { daily: Object.fromEntries(beep.downloads.map(({ day, downloads }) => [day, downloads])) });
  return { url: up.npm.url, paths: () => up.requests.map((r) => r.path), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayNpm],
  ['the fake npm API', fakeNpm],
])('npm client contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = () => createNpmClient({ baseUrl: upstream.url, retries: 0 });

  it("reads one package's point answer", async () => {
    const results = await client().fetchPoint('last-month', ['jquery']);
    expect(results.get('jquery')).toEqual({ ok: true, value: 31_623 });
    expect(upstream.paths()).toEqual(['/downloads/point/last-month/jquery']);
  });

  it('reads a bulk point answer: figures by name, null as not_found', async () => {
    const results = await client().fetchPoint('last-month', ['jquery', 'unknown_package_name']);
    expect(results.get('jquery')).toEqual({ ok: true, value: 31_623 });
    expect(results.get('unknown_package_name')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(upstream.paths()).toEqual(['/downloads/point/last-month/jquery,unknown_package_name']);
  });

  it("reads one package's daily counts over a range (a day without downloads may be left out)", async () => {
    const days = await client().fetchRange('beep', '2015-12-08', '2016-01-06');
    const counted = days.filter((entry) => entry.downloads > 0);
    expect(counted).toHaveLength(24);
    expect(counted.slice(0, 3)).toEqual([
      { day: '2015-12-08', downloads: 1 },
      { day: '2015-12-09', downloads: 28 },
      { day: '2015-12-10', downloads: 40 },
    ]);
    expect(counted.reduce((sum, entry) => sum + entry.downloads, 0)).toBe(319);
    expect(upstream.paths()).toEqual(['/downloads/range/2015-12-08:2016-01-06/beep']);
  });
});

describe('the fake npm API answers in the recorded shapes', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream();
    up.npm.setToday('2026-11-29');
    up.npm.addPackage('jquery', { daily: { '2026-11-28': 31_623 } });
    up.npm.addPackage('beep', { daily: { '2015-12-08': 1 } });
    up.npm.addPackage('boop', { daily: { '2015-12-08': 4 } });
  });
  afterEach(() => up.close());

  /** The fake's answer to the request a fixture recorded, and the fixture. */
  async function both(fixture: string): Promise<[unknown, RecordedAnswer]> {
    const recorded = await readRecorded(fixture);
    const answer = await fetch(`${up.npm.url}${recorded.request.path}`);
    expect(answer.status).toBe(recorded.response.status);
    return [await answer.json(), recorded];
  }

  it.each(['npm/point-last-month-jquery.json', 'npm/range-beep.json'])('answers %s with the same keys', async (fixture) => {
    const [fake, recorded] = await both(fixture);
    expect(keyPaths(fake)).toEqual(keyPaths(recorded.response.body));
  });

  it.each(['npm/point-bulk-last-month.json', 'npm/range-bulk-beep-boop.json'])('answers %s keyed by name, null for the unknown', async (fixture) => {
    const [fake, recorded] = await both(fixture);
    const body = recorded.response.body as Record<string, unknown>;
    // Keyed by package name: the same names, and each entry's keys as recorded.
    expect(Object.keys(fake as object).sort()).toEqual(Object.keys(body).sort());
    expect(keyPaths(fake, [''])).toEqual(keyPaths(body, ['']));
    expect((fake as Record<string, unknown>).unknown_package_name).toBeNull();
  });
});
