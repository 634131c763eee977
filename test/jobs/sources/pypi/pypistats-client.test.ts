import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestSpacing } from '../../../../jobs/clients/request-spacing.ts';
import { createPypistatsClient, type PypistatsClientOptions } from '../../../../jobs/sources/pypi/pypistats-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';
import { FakeClock } from '../../../helpers/fake-clock.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

/** The client and the fake share one fake clock; the client's sleeps advance it. */
describe('pypistats client against the fake pypistats', () => {
  let time: FakeClock;
  let up: FakeUpstream;
  const names = Array.from({ length: 40 }, (_, i) => `project-${i}`);

  beforeEach(async () => {
    time = new FakeClock(T0);
    up = await startFakeUpstream({ now: time.read });
    // From 1: a project without a download in any window is a 404 on pypistats.
    names.forEach((name, i) => up.pypistats.addPackage(name, { lastDay: i + 1, lastWeek: 7 * (i + 1), lastMonth: 30 * (i + 1) }));
    up.pypistats.addPackage('llama-cpp-python', { lastDay: 1, lastWeek: 2, lastMonth: 3 });
  });
  afterEach(() => up.close());

  const client = (options: PypistatsClientOptions = {}) =>
    createPypistatsClient({
      baseUrl: up.pypistats.url,
      clock: time.read,
      sleep: time.sleep,
      ...options,
    });
  const arrivals = () => up.requests.filter((r) => r.upstream === 'pypistats').map((r) => r.at - T0);

  it('spaces requests 2 s apart by default: never more than 30 in a minute', async () => {
    up.pypistats.limitRequestsPerMinute(30);
    const pypi = client();
    for (const name of names) await pypi.fetchRecent(name);
    expect(arrivals()).toEqual(names.map((_, i) => 2_000 * i));
    expect(up.pypistats.maxRequestsPerMinute()).toBe(30);
    expect(up.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('hands out turns in call order to concurrent callers', async () => {
    const pypi = client({ minIntervalMs: 5_000 });
    const answers = await Promise.all(names.slice(0, 4).map((name) => pypi.fetchRecent(name)));
    expect(answers.map((a) => a.lastWeek)).toEqual([7, 14, 21, 28]);
    // All four asked at once: the first goes, each other one wakes at its own turn.
    expect(time.wakes).toEqual([5_000, 10_000, 15_000]);
  });

  it('without spacing, the fake counts and refuses the 31st request of a minute with an HTML 429', async () => {
    up.pypistats.limitRequestsPerMinute(30);
    const pypi = client({ minIntervalMs: 0, retries: 0 });
    for (const name of names.slice(0, 30)) await pypi.fetchRecent(name);
    const error = await pypi.fetchRecent(names[30] ?? '').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 60_000 });
    expect(up.pypistats.maxRequestsPerMinute()).toBe(31);
  });

  it('asks for the PEP 503 name and returns the figures', async () => {
    const recent = await client().fetchRecent('Llama_CPP.python');
    expect(recent).toEqual({ package: 'llama-cpp-python', lastDay: 1, lastWeek: 2, lastMonth: 3 });
    expect(up.requests.map((r) => r.path)).toEqual(['/api/packages/llama-cpp-python/recent']);
  });

  it('reads the plain-text 404 as not_found, without retrying', async () => {
    const error = await client().fetchRecent('no-such-project').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(up.requests.map((r) => r.status)).toEqual([404]);
  });

  it('answers 404 for a project without a row in any asked window, as pypistats does; a window without a row reads 0', async () => {
    up.pypistats.addPackage('quiet-project', { lastDay: 0, lastWeek: 0, lastMonth: 0 });
    up.pypistats.addPackage('weekend-project', { lastDay: 0, lastWeek: 12, lastMonth: 40 });
    const error = await client().fetchRecent('quiet-project').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(await client().fetchRecent('weekend-project')).toEqual({ package: 'weekend-project', lastDay: 0, lastWeek: 12, lastMonth: 40 });
    const dayOnly = await fetch(`${up.pypistats.url}/api/packages/weekend-project/recent?period=day`);
    expect([dayOnly.status, await dayOnly.text()]).toEqual([404, '404']);
  });

  it('waits a minute after a 429 HTML page (no headers to read), then tries again', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/project-3/recent' }, fault: { kind: 'rate-limit' } });
    const recent = await client().fetchRecent('project-3');
    expect(recent.lastMonth).toBe(120);
    expect(up.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(time.sleeps).toContain(60_000);
    expect(arrivals()[1]).toBeGreaterThanOrEqual(60_000);
  });

  it('gives up with a rate_limit error carrying the wait when the 429s go on', async () => {
    up.pypistats.inject({ fault: { kind: 'rate-limit' }, times: Infinity });
    const error = await client({ retries: 2 }).fetchRecent('project-3').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 60_000 });
    expect(up.requests).toHaveLength(3);
  });
});

describe('requestSpacing', () => {
  it('lets the first call through at once and spaces the next ones from the previous turn', async () => {
    let clock = 1_000;
    const waits: number[] = [];
    const waitTurn = requestSpacing(2_000, () => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    await waitTurn();
    clock += 500;
    await waitTurn();
    clock += 10_000; // idle: the next turn is due already
    await waitTurn();
    expect(waits).toEqual([1_500]);
  });
});

/** Where a contract test points the client: recorded answers replayed, or the fake holding the same figures. */
interface ContractUpstream {
  url: string;
  /** Paths requested, in order. */
  paths(): string[];
  close(): Promise<void>;
}

const PIP = { lastDay: 2_295_765, lastWeek: 15_706_750, lastMonth: 67_759_913 };

async function replayPypistats(): Promise<ContractUpstream> {
  const replay = await serveRecorded([await readRecorded('pypistats/recent-pip.json'), await readRecorded('pypistats/recent-no-rows.json')]);
  return { url: replay.url, paths: () => replay.requests.map((r) => r.path), close: () => replay.close() };
}

async function fakePypistats(): Promise<ContractUpstream> {
  const up = await startFakeUpstream();
  up.pypistats.addPackage('pip', PIP);
  up.pypistats.addPackage('no-rows-in-window', { lastDay: 0, lastWeek: 0, lastMonth: 0 });
  return { url: up.pypistats.url, paths: () => up.requests.map((r) => r.path), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayPypistats],
  ['the fake pypistats', fakePypistats],
])('pypistats client contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = () => createPypistatsClient({ baseUrl: upstream.url, minIntervalMs: 0, retries: 0 });

  it("reads pip's last day, week and month", async () => {
    expect(await client().fetchRecent('pip')).toEqual({ package: 'pip', ...PIP });
    expect(upstream.paths()).toEqual(['/api/packages/pip/recent']);
  });

  it('reads the text 404 of a query that finds no row as not_found', async () => {
    const error = await client().fetchRecent('no-rows-in-window').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(upstream.paths()).toEqual(['/api/packages/no-rows-in-window/recent']);
  });
});

describe('the fake pypistats answers in the recorded shape', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream();
    up.pypistats.addPackage('pip', PIP);
  });
  afterEach(() => up.close());

  it('has the keys of the recorded /recent answer', async () => {
    const recorded = await readRecorded('pypistats/recent-pip.json');
    const answer = await fetch(`${up.pypistats.url}/api/packages/pip/recent`);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(keyPaths(await answer.json())).toEqual(keyPaths(recorded.response.body));
  });

  it("answers a query without rows with pypistats' 404: the text 404, sent as HTML", async () => {
    const recorded = await readRecorded('pypistats/recent-no-rows.json');
    const answer = await fetch(`${up.pypistats.url}/api/packages/no-rows-in-window/recent`);
    expect(answer.status).toBe(recorded.response.status);
    expect(answer.headers.get('content-type')).toBe(recorded.response.headers['content-type']);
    expect(await answer.text()).toBe(recorded.response.body);
  });
});
