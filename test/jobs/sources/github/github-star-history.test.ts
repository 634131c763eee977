import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../../../jobs/sources/github/github-client.ts';
import type { StarWeek } from '../../../../jobs/sources/github/github-star-history.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';

const TOKEN = 'ghp_historytesttoken0000000000000000001';
const WEEK = 7 * 86_400;
const NEWEST = Date.parse('2026-11-29T00:00:00Z') / 1000; // a Sunday, as GitHub's weeks start
/** `count` consecutive weeks, newest first, each with one star on its Sunday. */
const weeksBack = (count: number): StarWeek[] => Array.from({ length: count }, (_, i) => ({ week: NEWEST - i * WEEK, days: [1, 0, 0, 0, 0, 0, 0] }));

/** Stars history through the real client against the fake GitHub. */
describe('GitHub client: stars history', () => {
  let up: FakeUpstream;
  let client: GitHubClient;
  const historyPages = () =>
    up.requests.filter((r) => r.path.endsWith('/stargazers/history')).map((r) => ({ page: r.query.page, per_page: r.query.per_page, status: r.status }));

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 1, fullName: 'old/timer', stars: 3_030, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setStarHistory('old/timer', weeksBack(3_030));
    up.github.addRepo({ id: 2, fullName: 'young/one', stars: 40, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setStarHistory('young/one', weeksBack(40));
    client = testGitHubClient(up.github.url, { tokens: [TOKEN] });
  });
  afterAll(() => up.close());
  beforeEach(() => up.clearRequests());

  it('stops at page 100, the last GitHub serves, and says where the history was cut short', async () => {
    const result = (await client.starHistory(['old/timer'], new Date('1900-01-01T00:00:00Z'))).get('old/timer');
    if (!result?.ok) throw new Error(`expected a history, got ${result?.error.message}`);
    const pages = historyPages();
    expect(pages).toHaveLength(100);
    expect(pages.map((page) => Number(page.page))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(pages.every((page) => page.per_page === '30' && page.status === 200)).toBe(true);
    expect(result.value.weeks).toEqual(weeksBack(3_000));
    expect(result.value.cutShortAt).toBe(NEWEST - 2_999 * WEEK);
  });

  it('reads only the pages back to `since`, and a history that ends on its own is whole', async () => {
    const sinceReached = (await client.starHistory(['old/timer'], new Date('2026-01-01T00:00:00Z'))).get('old/timer');
    expect(sinceReached).toEqual({ ok: true, value: { weeks: weeksBack(60) } });
    const ended = (await client.starHistory(['young/one'], new Date('1900-01-01T00:00:00Z'))).get('young/one');
    expect(ended).toEqual({ ok: true, value: { weeks: weeksBack(40) } });
    expect(historyPages().map((page) => page.page)).toEqual(['1', '2', '1', '2']);
  });
});
