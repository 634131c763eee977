import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPypistatsClient, type PypistatsClientOptions, requestSpacing } from '../../../jobs/clients/pypistats.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

/** The client and the fake share one fake clock; the client's sleeps advance it. */
describe('pypistats client against the fake pypistats', () => {
  let clock: number;
  let sleeps: number[];
  /** The fake clock when each sleep ended. */
  let wakes: number[];
  let up: FakeUpstream;
  const names = Array.from({ length: 40 }, (_, i) => `project-${i}`);

  beforeEach(async () => {
    clock = T0;
    sleeps = [];
    wakes = [];
    up = await startFakeUpstream({ now: () => clock });
    names.forEach((name, i) => up.pypistats.addPackage(name, { lastDay: i, lastWeek: 7 * i, lastMonth: 30 * i }));
    up.pypistats.addPackage('llama-cpp-python', { lastDay: 1, lastWeek: 2, lastMonth: 3 });
  });
  afterEach(() => up.close());

  const client = (options: PypistatsClientOptions = {}) =>
    createPypistatsClient({
      baseUrl: up.pypistats.url,
      clock: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
        wakes.push(clock - T0);
      },
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
    expect(answers.map((a) => a.lastWeek)).toEqual([0, 7, 14, 21]);
    // All four asked at once: the first goes, each other one wakes at its own turn.
    expect(wakes).toEqual([5_000, 10_000, 15_000]);
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

  it('waits a minute after a 429 HTML page (no headers to read), then tries again', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/project-3/recent' }, fault: { kind: 'rate-limit' } });
    const recent = await client().fetchRecent('project-3');
    expect(recent.lastMonth).toBe(90);
    expect(up.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(sleeps).toContain(60_000);
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
