import { describe, expect, it } from 'vitest';
import { recentWindows } from '../../../../jobs/sources/pypi/backfill-pypi.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';

const DAY_MS = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const byDay = (windows: ReturnType<typeof recentWindows>) => Object.fromEntries(windows.map(({ day: d, metrics }) => [isoDay(d.getTime()), metrics]));

/** `count` days from `first`, the n-th (from 0) with `value(n)` downloads. */
const series = (first: string, count: number, value: (n: number) => number) =>
  Array.from({ length: count }, (_, n) => ({ day: isoDay(day(first).getTime() + n * DAY_MS), downloads: value(n) }));

describe('recentWindows: what pypistats `recent` answered at the end of each day', () => {
  it("holds windows ending the day before: the sample of day X is recent's answer on X, after pypistats loaded X-1", () => {
    // 2026-11-01 .. 2026-11-28 (28 days): the n-th day of November had n downloads.
    const daily = series('2026-11-01', 28, (n) => n + 1);
    const windows = byDay(recentWindows(daily, day('2026-11-01'), day('2026-11-29')));
    // 11-02: yesterday is 11-01, the first day answered: the week before it is not known.
    expect(windows['2026-11-02']).toEqual({ downloads_1d: 1 });
    // 11-08: the 7 days 11-01..11-07 (1+..+7).
    expect(windows['2026-11-08']).toEqual({ downloads_1d: 7, downloads_7d: 28 });
    // 11-29 is today (until): not rebuilt; 11-28 holds 11-27 and the week 11-21..11-27.
    expect(windows['2026-11-28']).toEqual({ downloads_1d: 27, downloads_7d: 21 + 22 + 23 + 24 + 25 + 26 + 27 });
    expect(Object.keys(windows)).toHaveLength(27); // 11-02 .. 11-28
    expect(Object.values(windows).some((metrics) => 'downloads_30d' in metrics)).toBe(false); // 28 days answered
  });

  it('rebuilds the 30-day window once 30 answered days lie before the day, summing exactly those', () => {
    const daily = series('2026-06-01', 181, (n) => 1_000 + ((n * 37) % 101));
    const windows = recentWindows(daily, day('2025-12-01'), day('2026-12-01'));
    const sum = (from: number, to: number) => daily.slice(from, to + 1).reduce((total, entry) => total + entry.downloads, 0);
    const at = byDay(windows);
    expect(at['2026-07-01']).toEqual({ downloads_1d: daily[29]?.downloads, downloads_7d: sum(23, 29), downloads_30d: sum(0, 29) });
    expect(at['2026-06-30']).toEqual({ downloads_1d: daily[28]?.downloads, downloads_7d: sum(22, 28) });
    // The last day answered (06-01 + 180 = 11-28) is yesterday of 11-29, the last day rebuilt.
    expect(windows.at(-1)?.day).toEqual(day('2026-11-29'));
    expect(at['2026-11-29']).toEqual({ downloads_1d: daily[180]?.downloads, downloads_7d: sum(174, 180), downloads_30d: sum(151, 180) });
    const counted = (metric: string) => windows.filter((w) => metric in w.metrics).length;
    expect([counted('downloads_1d'), counted('downloads_7d'), counted('downloads_30d')]).toEqual([181, 175, 152]);
  });

  it('counts a day pypistats has no row for, between answered days, as 0 (as its own sums do)', () => {
    const daily = [
      { day: '2026-03-01', downloads: 5 },
      { day: '2026-03-04', downloads: 7 }, // 03-02 and 03-03: no download, no row
      { day: '2026-03-08', downloads: 11 },
    ];
    const windows = byDay(recentWindows(daily, day('2026-01-01'), day('2026-04-01')));
    expect(windows['2026-03-03']).toEqual({ downloads_1d: 0 });
    expect(windows['2026-03-08']).toEqual({ downloads_1d: 0, downloads_7d: 12 }); // 03-01..03-07
    expect(windows['2026-03-09']).toEqual({ downloads_1d: 11, downloads_7d: 18 }); // 03-02..03-08
    // Nothing after the last row: pypistats may not have loaded those days yet.
    expect(Object.keys(windows).at(-1)).toBe('2026-03-09');
  });

  it('starts at `from` and stops before `until`, whatever the answer covers', () => {
    const daily = series('2026-01-01', 90, () => 2);
    const windows = recentWindows(daily, day('2026-03-10'), day('2026-03-13'));
    expect(byDay(windows)).toEqual({
      '2026-03-10': { downloads_1d: 2, downloads_7d: 14, downloads_30d: 60 },
      '2026-03-11': { downloads_1d: 2, downloads_7d: 14, downloads_30d: 60 },
      '2026-03-12': { downloads_1d: 2, downloads_7d: 14, downloads_30d: 60 },
    });
    expect(recentWindows(daily, day('2026-05-01'), day('2026-05-05'))).toEqual([]); // after the answer
    expect(recentWindows([], day('2026-01-01'), day('2026-05-05'))).toEqual([]);
  });

  it('reads the days in any order', () => {
    const daily = series('2026-01-01', 10, (n) => 10 * n);
    expect(recentWindows([...daily].reverse(), day('2026-01-01'), day('2026-01-12'))).toEqual(recentWindows(daily, day('2026-01-01'), day('2026-01-12')));
  });
});

describe('backfill help, from the source declarations', () => {
  it('lists pypi among the sources with history, in `backfill --help` and in the error for one without', async () => {
    const cwd = await tempWorkdir();
    const help = await runCli(['backfill', '--help'], { env: {}, cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/github-repos, github-search, npm, pypi, crates/);
    const refused = await runCli(['backfill', 'modelscope'], { env: {}, cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('backfill works for github-repos, github-search, npm, pypi, crates');
  });
});
