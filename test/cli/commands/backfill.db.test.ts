import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../reports/report.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../helpers/database.ts';

const TOKEN = 'ghp_backfilltesttoken0000000000000000001';
const DAY = 86_400;
const NOW = new Date('2026-11-29T12:00:00Z'); // a Sunday: the week W48 is not complete yet
/** GitHub's history weeks start on Sundays; 53 of them, the newest holding today. */
const FIRST_WEEK = Date.parse('2025-11-30T00:00:00Z') / 1000;
const history = Array.from({ length: 53 }, (_, w) => ({
  week: FIRST_WEEK + w * 7 * DAY,
  days: Array.from({ length: 7 }, (_, d) => ((w * 7 + d) * 37) % 11),
}));
const currentStars = 1_000 + history.reduce((sum, week) => sum + week.days.reduce((a, b) => a + b, 0), 0);
/** Stars still held that were acquired by the end of `day` (YYYY-MM-DD), as the fake's history says. */
const starsAt = (day: string) => {
  const end = Date.parse(`${day}T00:00:00Z`) / 1000 + DAY;
  const later = history.flatMap((week) => week.days.map((count, d) => ({ at: week.week + d * DAY, count }))).filter((entry) => entry.at >= end);
  return currentStars - later.reduce((sum, entry) => sum + entry.count, 0);
};

describe('backfill against the fake upstream', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const env = () => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN });
  const backfill = (...args: string[]) => runCli(['backfill', ...args], { env: env(), cwd, now: () => NOW });

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 7, fullName: 'THUDM/ChatGLM-6B', stars: currentStars, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 });
    up.github.setStarHistory('THUDM/ChatGLM-6B', history);
    // Repository counts as of each Sunday since June: the fake answers exact query strings.
    for (let day = Date.parse('2026-06-07T00:00:00Z'); day <= Date.parse('2026-11-22T00:00:00Z'); day += 7 * DAY * 1000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      up.github.setSearchCount(`llama created:<=${iso}`, 4_000 + (day - Date.parse('2026-06-07T00:00:00Z')) / (7 * DAY * 1000) * 100);
    }
    const daily: Record<string, number> = {};
    for (let day = Date.parse('2025-10-01T00:00:00Z'); day < Date.parse('2026-11-29T00:00:00Z'); day += DAY * 1000) {
      daily[new Date(day).toISOString().slice(0, 10)] = 1_000 + ((day / (DAY * 1000)) % 13) * 97;
    }
    up.npm.addPackage('openai', { daily });
    up.npm.setToday('2026-11-29');
    cwd = await tempWorkdir('github:\n  repos: [THUDM/ChatGLM-6B]\n  searches: [llama]\nnpm:\n  packages: [openai]\n');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(() => up.clearRequests());

  it('reconstructs daily star totals back to --since that equal the history, from the pages needed only', async () => {
    const result = await backfill('github-repos', '--since', '2026-06-01');
    expect(result.code).toBe(0);
    const pages = up.requests.filter((r) => r.path.endsWith('/stargazers/history'));
    expect(pages).toHaveLength(1); // 30 weeks reach back past June 1st
    expect(pages[0]?.headers['x-github-api-version']).toBe('2026-03-10');
    const weekly = await sqlRows<{ week_start: string; value: string }>(
      db.url,
      `SELECT week_start::text, value FROM weekly_metrics WHERE key = 'THUDM/ChatGLM-6B' AND metric = 'stars' AND week_start < '2026-11-23' ORDER BY week_start`,
    );
    expect(weekly.length).toBe(25); // W23 (June 1st is its Monday) to W47
    for (const row of weekly) {
      const sunday = new Date(Date.parse(`${row.week_start}T00:00:00Z`) + 6 * DAY * 1000).toISOString().slice(0, 10);
      expect(Number(row.value), sunday).toBe(starsAt(sunday));
    }
    const [span] = await sqlRows(db.url, `SELECT min(observed_at)::text AS first, max(observed_at)::text AS last, count(*)::int AS days, bool_and(origin = 'backfill') AS backfilled FROM samples`);
    expect(span).toEqual({ first: '2026-06-01 23:59:59.999+00', last: '2026-11-28 23:59:59.999+00', days: 181, backfilled: true });
  });

  it('a longer span reads more pages; running again adds nothing', async () => {
    expect((await backfill('github-repos', '--since', '2025-12-01')).code).toBe(0);
    expect(up.requests.filter((r) => r.path.endsWith('/stargazers/history'))).toHaveLength(2);
    const [before] = await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples');
    expect(before).toEqual({ n: 363 });
    await backfill('github-repos', '--since', '2025-12-01');
    expect(await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples')).toEqual([before]);
  });

  it('reconstructs weekly keyword counts from created:<= qualifiers, in batched GraphQL requests', async () => {
    expect((await backfill('github-search', '--since', '2026-06-01')).code).toBe(0);
    const weekly = await sqlRows<{ week: string; value: string }>(
      db.url,
      `SELECT week, value FROM weekly_metrics WHERE key = 'llama' AND week_start < '2026-11-23' ORDER BY week_start`,
    );
    expect(weekly.map((row) => Number(row.value))).toEqual(Array.from({ length: 25 }, (_, i) => 4_000 + i * 100));
    expect(weekly[0]?.week).toBe('2026-W23');
    expect(up.requests.filter((r) => r.path === '/graphql')).toHaveLength(2); // 25 counts, 20 per request
  });

  it('a report right after backfill shows the reconstructed weeks, and says so', async () => {
    const result = await runCli(['report', '--week', '2026-W47', '--format', 'md,json'], { env: env(), cwd, now: () => NOW });
    expect(result.code).toBe(0);
    const md = await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W47.md'), 'utf8');
    // Every figure of each table is rebuilt: said once under its heading, not on each row.
    const once = '_Every figure in this table is reconstructed from history (backfill), not observed._';
    expect(md).toContain(`## GitHub repositories\n\n${once}\n`);
    expect(md).toContain(`## GitHub repository counts\n\n${once}\n`);
    expect(md).toMatch(/\| THUDM\/ChatGLM-6B \| [\d,]+ \| \+\d+ \| [^|]+ \| {2}\|/);
    expect(md).toContain('| llama | 6,400 | +100 | +1.6% |  |');
    const report = JSON.parse(await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W47.json'), 'utf8')) as Report;
    const stars = report.history.find((series) => series.metric === 'stars');
    expect(stars?.weeks.map((week) => week.value)).toEqual(
      ['2026-09-06', '2026-09-13', '2026-09-20', '2026-09-27', '2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25', '2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22'].map(starsAt),
    );
  });

  it('rebuilds npm rolling windows for each day from daily downloads, in as few range calls as allowed', async () => {
    expect((await backfill('npm', '--since', '2026-06-01')).code).toBe(0);
    expect(up.requests.filter((r) => r.upstream === 'npm').map((r) => r.path)).toEqual(['/downloads/range/2026-05-03:2026-11-28/openai']);
    const rows = await sqlRows<{ day: string; metric: string; value: string }>(
      db.url,
      `SELECT day::text, metric, value FROM daily_metrics WHERE kind = 'npm_package' ORDER BY day, metric`,
    );
    expect(rows).toHaveLength(181 * 2);
    const shifted = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY * 1000).toISOString().slice(0, 10);
    for (const row of rows) {
      const span = row.metric === 'downloads_7d' ? 7 : 30;
      expect(Number(row.value), `${row.day} ${row.metric}`).toBe(up.npm.downloads('openai', shifted(row.day, 1 - span), row.day));
    }
    up.clearRequests();
    expect((await backfill('npm', '--since', '2025-11-29')).code).toBe(0);
    expect(up.requests.filter((r) => r.upstream === 'npm')).toHaveLength(2); // 395 days: two calls of at most 365
  });

  it('never stands beside observed samples: only days before the first observation are filled', async () => {
    await clearCollectedData(db.url);
    const observedAt = new Date('2026-09-15T10:00:00Z');
    expect((await runCli(['collect', 'github-repos'], { env: env(), cwd, now: () => observedAt })).code).toBe(0);
    await backfill('github-repos', '--since', '2026-09-01');
    const rows = await sqlRows<{ origin: string; n: number; last: string }>(
      db.url,
      `SELECT origin, count(*)::int AS n, max(observed_at)::text AS last FROM samples WHERE metric = 'stars' GROUP BY origin ORDER BY origin`,
    );
    expect(rows).toEqual([
      { origin: 'backfill', n: 14, last: '2026-09-14 23:59:59.999+00' },
      { origin: 'observed', n: 1, last: '2026-09-15 10:00:00+00' },
    ]);
  });

  it('rejects bad dates and sources without history, writing nothing', async () => {
    const empty = await tempWorkdir('github:\n  repos: [THUDM/ChatGLM-6B]\n');
    for (const args of [['--since', '2026-13-01'], ['--since', 'yesterday'], ['--since', '2027-01-01'], ['modelscope']]) {
      const result = await runCli(['backfill', ...args], { env: env(), cwd: empty, now: () => NOW });
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});
