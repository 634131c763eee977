import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPypistatsClient, type PypistatsClientOptions } from '../../../../jobs/sources/pypi/pypistats-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { type RecordedAnswer, readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

// pypistats' daily series (`/api/packages/{name}/overall`), for the PyPI backfill: the
// client against the recorded answer and against the fake holding the same figures, the
// fake's own shape, and what the client refuses.

/** pip's figures in the recorded answer (test/fixtures/recorded/pypistats/overall-pip.json). */
const PIP_WITHOUT_MIRRORS = { '2020-05-01': 2_083_472, '2020-05-02': 1_475_979 };
const PIP_MIRRORS = { '2020-05-01': 2_100_139 - 2_083_472, '2020-05-02': 1_487_218 - 1_475_979 };
const PIP_DAYS = [
  { day: '2020-05-01', downloads: 2_083_472 },
  { day: '2020-05-02', downloads: 1_475_979 },
];
/** The day after the recorded answer's last one: pypistats has loaded through 2020-05-02. */
const PIP_NOW = Date.parse('2020-05-03T12:00:00Z');

const dayAfter = (first: string, days: number) => new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The recorded 404 of a query without rows, aimed at `path`. */
async function noRowsAt(path: string): Promise<RecordedAnswer> {
  const recorded = await readRecorded('pypistats/recent-no-rows.json');
  return { ...recorded, request: { ...recorded.request, path } };
}

interface ContractUpstream {
  url: string;
  /** Path and query of each request, in order. */
  urls(): string[];
  close(): Promise<void>;
}

async function replayPypistats(): Promise<ContractUpstream> {
  const replay = await serveRecorded([await readRecorded('pypistats/overall-pip.json'), await noRowsAt('/api/packages/no-rows-in-window/overall')]);
  return { url: replay.url, urls: () => replay.requests.map((r) => `${r.path}?${r.query}`), close: () => replay.close() };
}

async function fakePypistats(): Promise<ContractUpstream> {
  const up = await startFakeUpstream({ now: () => PIP_NOW });
  up.pypistats.addPackage('pip', { daily: PIP_WITHOUT_MIRRORS, mirrorDaily: PIP_MIRRORS });
  up.pypistats.addPackage('no-rows-in-window', { daily: {} });
  return { url: up.pypistats.url, urls: () => up.requests.map((r) => r.url), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayPypistats],
  ['the fake pypistats', fakePypistats],
])('pypistats overall contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = () => createPypistatsClient({ baseUrl: upstream.url, minIntervalMs: 0, retries: 0 });

  it("reads pip's daily downloads without mirrors, oldest first, asking mirrors=false with the PEP 503 name", async () => {
    expect(await client().fetchOverall('PIP')).toEqual({ package: 'pip', days: PIP_DAYS });
    expect(upstream.urls()).toEqual(['/api/packages/pip/overall?mirrors=false']);
  });

  it('reads the text 404 of a project without rows as not_found', async () => {
    await expect(client().fetchOverall('no-rows-in-window')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});

describe('the fake pypistats /overall', () => {
  let clock: number;
  let up: FakeUpstream;
  beforeEach(async () => {
    clock = PIP_NOW;
    up = await startFakeUpstream({ now: () => clock });
    up.pypistats.addPackage('pip', { daily: PIP_WITHOUT_MIRRORS, mirrorDaily: PIP_MIRRORS });
  });
  afterEach(() => up.close());
  const get = (path: string) => fetch(`${up.pypistats.url}${path}`);

  it('answers without `mirrors` exactly the recorded body: both categories, by category then date', async () => {
    const recorded = await readRecorded('pypistats/overall-pip.json');
    const answer = await get('/api/packages/pip/overall');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await answer.json();
    expect(keyPaths(body)).toEqual(keyPaths(recorded.response.body));
    expect(JSON.stringify(body)).toBe(JSON.stringify(recorded.response.body)); // key order too (Flask sorts keys)
  });

  it('answers one category by date for mirrors=true or false, and both for anything else', async () => {
    type Rows = { data: { category: string; date: string; downloads: number }[] };
    const rows = async (query: string) => ((await (await get(`/api/packages/pip/overall${query}`)).json()) as Rows).data;
    expect(await rows('?mirrors=false')).toEqual(PIP_DAYS.map(({ day, downloads }) => ({ category: 'without_mirrors', date: day, downloads })));
    expect((await rows('?mirrors=true')).map((row) => `${row.category} ${row.date} ${row.downloads}`)).toEqual([
      'with_mirrors 2020-05-01 2100139',
      'with_mirrors 2020-05-02 1487218',
    ]);
    expect(await rows('?mirrors=False')).toHaveLength(4);
  });

  it('keeps the 181 days up to the last one loaded, with no row for a day without downloads', async () => {
    const daily: Record<string, number> = {};
    for (let n = 0; n < 200; n++) daily[dayAfter('2026-05-01', n)] = n % 10;
    up.pypistats.addPackage('requests', { daily });
    clock = Date.parse('2026-11-16T00:30:00Z'); // 05-01 + 199 days = 11-16: today's figures not loaded
    type Rows = { data: { date: string }[] };
    const dates = ((await (await get('/api/packages/requests/overall?mirrors=false')).json()) as Rows).data.map((row) => row.date);
    expect(dates[0]).toBe('2026-05-19'); // 11-15 - 180
    expect(dates.at(-1)).toBe('2026-11-15');
    expect(dates).toHaveLength(181 - 18); // every tenth day had no download
    up.pypistats.setLoadedThrough('2026-11-14'); // the daily job has not run yet
    const later = ((await (await get('/api/packages/requests/overall?mirrors=false')).json()) as Rows).data.map((row) => row.date);
    expect([later[0], later.at(-1)]).toEqual(['2026-05-18', '2026-11-14']);
  });

  it('answers `recent` from the same days: the day, 7 and 30 days ending on the last day loaded', async () => {
    const daily: Record<string, number> = {};
    for (let n = 1; n <= 40; n++) daily[dayAfter('2026-09-30', n)] = n; // 10-01 .. 11-09: n downloads on the n-th day
    up.pypistats.addPackage('numpy', { daily });
    clock = Date.parse('2026-11-10T09:00:00Z');
    const recent = await (await get('/api/packages/numpy/recent')).json();
    const sum = (from: number, to: number) => ((from + to) * (to - from + 1)) / 2;
    expect(recent).toEqual({ data: { last_day: 40, last_month: sum(11, 40), last_week: sum(34, 40) }, package: 'numpy', type: 'recent_downloads' });
  });

  it("refuses over 30 requests a minute and over 5 a second, overall included, with pypistats' HTML 429", async () => {
    up.pypistats.limitRequestsPerSecond(5);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get('/api/packages/pip/overall?mirrors=false')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get('/api/packages/pip/overall?mirrors=false');
    expect([refused.headers.get('content-type'), refused.headers.get('retry-after')]).toEqual(['text/html; charset=utf-8', null]);
    expect(await refused.text()).toContain('5 per 1 second');
    clock += 1_000;
    up.pypistats.limitRequestsPerMinute(30);
    for (let i = 0; i < 30; i++) {
      clock += 1_000;
      statuses.push((await get('/api/packages/pip/recent')).status);
    }
    // The 7 requests of the first second count in that minute too: room for 23 more.
    expect(statuses.slice(6).filter((status) => status === 429)).toHaveLength(7);
  });

  it('answers a project held as fixed windows only with a crash that says so, not with made-up days', async () => {
    up.pypistats.addPackage('windows-only', { lastDay: 1, lastWeek: 2, lastMonth: 3 });
    const answer = await get('/api/packages/windows-only/overall');
    expect(answer.status).toBe(500);
    expect(await answer.text()).toContain('add it with `daily`');
  });
});

describe('pypistats overall: answers the client refuses or takes in part', () => {
  const answering = async (body: unknown, status = 200) =>
    serveRecorded([{ source: 'test', request: { method: 'GET', path: '/api/packages/pip/overall' }, response: { status, headers: { 'content-type': 'application/json' }, body } }]);
  const overallOf = async (body: unknown, options: PypistatsClientOptions = {}) => {
    const replay = await answering(body);
    try {
      return await createPypistatsClient({ baseUrl: replay.url, minIntervalMs: 0, retries: 0, ...options }).fetchOverall('pip');
    } finally {
      await replay.close();
    }
  };
  const row = (date: string, downloads: unknown, category = 'without_mirrors') => ({ category, date, downloads });
  const answer = (data: unknown[]) => ({ data, package: 'pip', type: 'overall_downloads' });

  it('skips other categories, whatever they hold, and sorts the days', async () => {
    const body = answer([row('2026-05-02', 5), row('2026-05-01', 'n/a', 'with_mirrors'), row('2026-05-01', 3), { category: 'something-new' }]);
    expect(await overallOf(body)).toEqual({ package: 'pip', days: [{ day: '2026-05-01', downloads: 3 }, { day: '2026-05-02', downloads: 5 }] });
  });

  it('answers no day when only other categories came back', async () => {
    expect(await overallOf(answer([row('2026-05-01', 7, 'with_mirrors')]))).toEqual({ package: 'pip', days: [] });
  });

  it.each([
    ['a negative count', answer([row('2026-05-01', -1)])],
    ['a fractional count', answer([row('2026-05-01', 1.5)])],
    ['a day that does not exist', answer([row('2026-02-30', 1)])],
    ['a timestamp for a day', answer([row('2026-05-01T00:00:00Z', 1)])],
    ['the same day twice', answer([row('2026-05-01', 1), row('2026-05-01', 2)])],
    ['a row without its category', answer([{ date: '2026-05-01', downloads: 1 }])],
    ['another type', { data: [], package: 'pip', type: 'recent_downloads' }],
    ['no data', { package: 'pip', type: 'overall_downloads' }],
  ])('throws a parse error naming the project for %s', async (_, body) => {
    await expect(overallOf(body)).rejects.toMatchObject({ kind: 'parse', message: expect.stringContaining('pip') });
  });

  it('throws a parse error for a 200 that is not JSON', async () => {
    await expect(overallOf('<html>maintenance</html>')).rejects.toMatchObject({ kind: 'parse', message: expect.stringContaining('invalid JSON') });
  });
});
