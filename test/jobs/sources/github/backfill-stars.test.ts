import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconstructStars, starsBackfillJob } from '../../../../jobs/sources/github/backfill-stars.ts';
import type { GitHubClient } from '../../../../jobs/sources/github/github-client.ts';
import type { JobDeps } from '../../../../jobs/source-job.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';

const DAY = 86_400;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('reconstructStars', () => {
  it("maps days[0] to the week's Sunday: GitHub's weeks start on Sunday", () => {
    const sunday = Date.parse('2026-11-22T00:00:00Z') / 1000;
    const totals = reconstructStars(100, [{ week: sunday, days: [5, 0, 0, 0, 0, 0, 3] }], day('2026-11-20'), day('2026-11-30'));
    expect(Object.fromEntries(totals.map(({ day: d, stars }) => [d.toISOString().slice(0, 10), stars]))).toEqual({
      '2026-11-20': 92,
      '2026-11-21': 92, // Saturday: before the week
      '2026-11-22': 97, // Sunday: days[0]
      '2026-11-23': 97,
      '2026-11-24': 97,
      '2026-11-25': 97,
      '2026-11-26': 97,
      '2026-11-27': 97,
      '2026-11-28': 100, // Saturday: days[6]
      '2026-11-29': 100,
    });
  });

  const sundayAt = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
  const byDay = (totals: { day: Date; stars: number }[]) =>
    Object.fromEntries(totals.map(({ day: d, stars }) => [d.toISOString().slice(0, 10), stars]));

  it('subtracts from the current count every star acquired after each day, across weeks served newest first', () => {
    // Acquired: Sun 11-08: 1, Mon 11-09: 2, Sat 11-14: 4, Tue 11-17: 3, Sun 11-22: 10 (after the range).
    const weeks = [
      { week: sundayAt('2026-11-22'), days: [10, 0, 0, 0, 0, 0, 0] },
      { week: sundayAt('2026-11-15'), days: [0, 0, 3, 0, 0, 0, 0] },
      { week: sundayAt('2026-11-08'), days: [1, 2, 0, 0, 0, 0, 4] },
    ];
    expect(byDay(reconstructStars(50, weeks, day('2026-11-13'), day('2026-11-18')))).toEqual({
      '2026-11-13': 33, // 50 - (4 + 3 + 10)
      '2026-11-14': 37, // the 4 of that Saturday are held by its end
      '2026-11-15': 37,
      '2026-11-16': 37,
      '2026-11-17': 40, // only the 10 of 11-22 come after
    });
  });

  it('gives the current count on every day when no star was acquired since, and nothing for an empty range', () => {
    expect(byDay(reconstructStars(7, [], day('2026-01-30'), day('2026-02-02')))).toEqual({ '2026-01-30': 7, '2026-01-31': 7, '2026-02-01': 7 });
    expect(reconstructStars(7, [{ week: sundayAt('2026-11-22'), days: [1, 1, 1, 1, 1, 1, 1] }], day('2026-11-24'), day('2026-11-24'))).toEqual([]);
  });

  it('takes a bucket as the UTC day its timestamp falls in', () => {
    // A week stamped Saturday 23:00 UTC (a Sunday west of UTC): days[0] is that Saturday, days[1] the Sunday.
    const weeks = [{ week: Date.parse('2026-11-21T23:00:00Z') / 1000, days: [5, 1, 0, 0, 0, 0, 0] }];
    expect(byDay(reconstructStars(20, weeks, day('2026-11-20'), day('2026-11-23')))).toEqual({
      '2026-11-20': 14,
      '2026-11-21': 19,
      '2026-11-22': 20,
    });
  });
});

/**
 * The job against the real client and the fake GitHub, without Postgres: 3,000 weeks
 * of days would take the write path half a minute on these shared machines.
 */
describe('stars backfill of a history longer than GitHub serves', () => {
  const TOKEN = 'ghp_backfillstarstoken00000000000000001';
  const NOW = new Date('2026-11-30T12:00:00Z');
  const NEWEST = Date.parse('2026-11-29T00:00:00Z') / 1000;
  /** 3,010 weeks of one star each: 10 more than the 100 pages of 30 GitHub serves. */
  const history = Array.from({ length: 3_010 }, (_, i) => ({ week: NEWEST - i * 7 * DAY, days: [1, 0, 0, 0, 0, 0, 0] }));
  const oldestServed = new Date((NEWEST - 2_999 * 7 * DAY) * 1000).toISOString().slice(0, 10);
  let up: FakeUpstream;
  let deps: JobDeps<GitHubClient>;

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 9, fullName: 'old/timer', stars: 3_010, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setStarHistory('old/timer', history);
    const github = testGitHubClient(up.github.url, { tokens: [TOKEN] });
    deps = { client: github, now: () => NOW, sampledSince: async () => new Set(), lastValues: async () => new Map() };
  });
  afterAll(() => up.close());

  it('reconstructs the days from the oldest week served and records that earlier ones are missing', async () => {
    const outcome = await starsBackfillJob(day('1960-01-01')).collect({ repos: ['old/timer'], since: '1960-01-01T00:00:00.000Z' }, deps);
    expect(up.requests.filter((r) => r.path.endsWith('/stargazers/history'))).toHaveLength(100);
    const days = outcome.observations.map((observation) => ({ day: observation.observedAt.toISOString().slice(0, 10), stars: observation.metrics.stars }));
    // The oldest week served holds one star on its Sunday; the 10 acquired before it are unknown.
    expect(days[0]).toEqual({ day: oldestServed, stars: 3_010 - 2_999 });
    expect(days.at(-1)).toEqual({ day: '2026-11-29', stars: 3_010 });
    expect(outcome.failures.map(({ key, metric, error }) => ({ key, metric, kind: error.kind, message: error.message }))).toEqual([
      {
        key: 'old/timer',
        metric: 'stars',
        kind: 'incomplete',
        message: `GitHub serves stars history back to ${oldestServed} only (its last page); days before it were not reconstructed`,
      },
    ]);
  });
});
