// The demo world `npm run fake-upstream` serves, driven as a user drives it: collect,
// collect again hours later, backfill, then the report of the last complete week.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../reports/report.ts';
import { DEFAULT_CONFIG } from '../../config/config.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { DEMO_GITHUB_TOKEN, DEMO_HF_TOKEN, type DemoWorld, seedDemoWorld } from './demo-world.ts';
import { type FakeUpstream, startFakeUpstream } from './index.ts';

const HOUR = 3_600_000;
/** A Wednesday morning: the last complete week, until the test ends, is 2026-W48 (November 23rd to 29th). */
const START = Date.parse('2026-12-02T09:00:00Z');

describe('the demo world, on the default watchlist', () => {
  let clock = START;
  let up: FakeUpstream;
  let world: DemoWorld;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const env = () => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: DEMO_GITHUB_TOKEN, HF_TOKEN: DEMO_HF_TOKEN });
  const cli = (...args: string[]) => runCli(args, { env: env(), cwd, now: () => new Date(clock) });

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => clock });
    world = seedDemoWorld(up, DEFAULT_CONFIG, () => clock);
    db = await createMigratedTestDatabase();
    cwd = await tempWorkdir(); // no oss-pulse.yaml: the built-in watchlist, as the demo serves it
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });

  /** The share of each kind's series (`kind metric`) whose collected figures differ. */
  const movedShares = async () => {
    const rows = await sqlRows<{ series: string; share: number }>(
      db.url,
      `SELECT s.kind || ' ' || x.metric AS series, avg((x.moved)::int)::float8 AS share
       FROM (SELECT subject_id, metric, min(value) < max(value) AS moved FROM samples GROUP BY subject_id, metric) x
       JOIN subjects s ON s.id = x.subject_id GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((row) => [row.series, row.share]));
  };

  it('gives collections hours apart different live figures, and whole-day counts the next day', async () => {
    expect((await cli('collect')).code).toBe(0);
    clock += 6 * HOUR;
    world.refresh();
    expect((await cli('collect')).code).toBe(0);
    const sixHours = await movedShares();
    // Cumulative figures move for most subjects (the slowest gain less than one in six
    // hours); a 30-day window moves by the difference of two days' rates, so less often.
    expect(sixHours['github_repo stars'], JSON.stringify(sixHours)).toBeGreaterThanOrEqual(0.8);
    expect(sixHours['github_search repositories']).toBeGreaterThanOrEqual(0.6);
    expect(sixHours['hf_model downloads_all_time']).toBe(1);
    expect(sixHours['hf_model downloads_30d']).toBeGreaterThanOrEqual(0.5);
    expect(sixHours['modelscope_model downloads_all_time']).toBe(1);
    expect(sixHours['docker_image pulls']).toBe(1);
    // npm and pypistats count whole days: they move at midnight.
    expect(sixHours['npm_package downloads_7d']).toBe(0);
    expect(sixHours['pypi_package downloads_1d']).toBe(0);

    clock += 18 * HOUR;
    world.refresh();
    expect((await cli('collect')).code).toBe(0);
    const nextDay = await movedShares();
    for (const series of ['github_repo stars', 'github_search repositories', 'npm_package downloads_7d', 'pypi_package downloads_1d']) {
      expect(nextDay[series], `${series}: ${JSON.stringify(nextDay)}`).toBe(1);
    }
  });

  it('backfills a past that rises, at different paces, with a recent spike', async () => {
    expect((await cli('backfill')).code).toBe(0);
    const result = await cli('report', '--format', 'md,json');
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W48.json'), 'utf8')) as Report;
    const md = await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W48.md'), 'utf8');

    const deltas = (metric: string) => report.rows.filter((row) => row.metric === metric).map((row) => row.delta);
    expect(deltas('stars')).toHaveLength(15);
    expect(deltas('stars').every((delta) => delta !== null && delta > 0)).toBe(true);
    expect(deltas('repositories')).toHaveLength(14);
    expect(deltas('repositories').every((delta) => delta !== null && delta > 0)).toBe(true);

    const [llamaVsGpt4] = report.comparisons;
    expect(llamaVsGpt4).toMatchObject({ leader: { key: 'llama' }, runnerUp: { key: 'gpt-4' } });
    expect(llamaVsGpt4?.gap).toBeGreaterThan(1_000);
    expect(llamaVsGpt4?.gapChange).toBeLessThan(0); // GPT-4 grows faster
    expect(md).toMatch(/LLaMA leads GPT-4 by [\d,]+ repositories; the gap narrowed by [\d,]+ this week\./);
    expect(md).not.toMatch(/ by 0 /);

    // Twelve weeks of history per series, rising every week, some series much faster than others.
    const growth = report.history
      .filter((series) => series.metric === 'stars')
      .map((series) => {
        const values = series.weeks.map((week) => week.value ?? 0);
        expect(values.every((value, i) => i === 0 || value > (values[i - 1] ?? 0)), series.key).toBe(true);
        return values.at(-1)! / values[0]! - 1;
      });
    expect(Math.max(...growth) / Math.min(...growth)).toBeGreaterThan(5);
    expect(report.spikes.map((spike) => `${spike.kind} ${spike.key}`)).toEqual(
      expect.arrayContaining(['github_repo QwenLM/Qwen', 'github_repo FlagAI-Open/FlagAI', 'github_search qwen']),
    );
  });

  it('backfills npm downloads that rise for some packages and fall for others', async () => {
    const trend = await sqlRows<{ key: string; change: number }>(
      db.url,
      `SELECT key, round(100.0 * (array_agg(value ORDER BY day DESC))[1] / (array_agg(value ORDER BY day))[1] - 100)::int AS change
       FROM daily_metrics WHERE kind = 'npm_package' AND metric = 'downloads_30d' GROUP BY key ORDER BY key`,
    );
    expect(trend).toHaveLength(5);
    expect(trend.filter((row) => row.change > 20).length, JSON.stringify(trend)).toBeGreaterThanOrEqual(2);
    expect(trend.filter((row) => row.change < -20).length, JSON.stringify(trend)).toBeGreaterThanOrEqual(1);
  });
});
