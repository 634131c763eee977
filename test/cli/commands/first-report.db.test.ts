// `collect` then `report` on a fresh install: the last complete week holds no figures,
// so the report is the week so far, titled so; a past week says why it is empty.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { createMigratedTestDatabase } from '../../helpers/database.ts';

const TOKEN = 'ghp_firstreporttoken00000000000000000001';
const CONFIG = 'github:\n  repos: [THUDM/ChatGLM-6B, never/seen]\n';
/** Friday of 2026-W49: the first `collect` ever. */
const FIRST_COLLECT = new Date('2026-12-04T09:00:00Z');

describe('the first report after collect', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const env = () => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN });

  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    cwd = await tempWorkdir(CONFIG);
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 1, fullName: 'THUDM/ChatGLM-6B', stars: 41_000, forks: 5_300, subscribers: 500, openIssues: 700, openPullRequests: 10 });
    const collected = await runCli(['collect'], { env: env(), cwd, now: () => FIRST_COLLECT });
    expect(collected.code).toBe(1); // never/seen is not found
  }, 60_000);
  afterAll(async () => {
    await Promise.all([up.close(), db.drop()]);
  });

  it('is the week so far when the last complete week holds no figures, and says so in its title', async () => {
    const result = await runCli(['report', '--format', 'md,json'], { env: env(), cwd, now: () => new Date('2026-12-04T09:05:00Z') });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('oss-pulse-2026-W49.md');
    const markdown = await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W49.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('# OSS Pulse weekly report: 2026-W49 so far (2026-11-30 – 2026-12-04)');
    expect(markdown).toContain('ChatGLM-6B');
    expect(markdown).not.toContain('first figures on');
    const json = JSON.parse(await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W49.json'), 'utf8')) as { complete: boolean; rows: unknown[] };
    expect(json.complete).toBe(false);
    expect(json.rows.length).toBeGreaterThan(0);
  });

  it('names the week before the first figures as such, with what to run, and lists its subjects by their first day', async () => {
    const result = await runCli(['report', '--week', '2026-W48', '--format', 'md'], { env: env(), cwd, now: () => new Date('2026-12-04T09:05:00Z') });
    expect(result.code, result.stderr).toBe(0);
    const markdown = await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W48.md'), 'utf8');
    expect(markdown).toContain('No figures for this week: the first figures are from 2026-12-04. Run `oss-pulse backfill`');
    expect(markdown).toContain('- GitHub repositories, not found upstream: never/seen\n- GitHub repositories, first figures on 2026-12-04: THUDM/ChatGLM-6B');
  });

  it('keeps the last complete week as the default once it has figures', async () => {
    const result = await runCli(['report', '--format', 'md'], { env: env(), cwd, now: () => new Date('2026-12-08T09:05:00Z') });
    expect(result.code, result.stderr).toBe(0);
    const markdown = await readFile(join(cwd, 'oss-pulse-reports', 'oss-pulse-2026-W49.md'), 'utf8');
    expect(markdown.split('\n')[0]).toBe('# OSS Pulse weekly report: 2026-W49 (2026-11-30 – 2026-12-06)');
  });
});
