import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeReleaseInput } from '../../../fake-upstream/github-releases.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

const TOKEN = 'ghp_releasedownloadstoken000000000000001';

/** llama.cpp-like: 250 releases of 12 assets, one of them with 230 (past a page of assets), and a draft. */
function llamaReleases(): FakeReleaseInput[] {
  return Array.from({ length: 250 }, (_, i) => ({
    tag: `b${6000 - i}`,
    draft: i === 0,
    assets: Array.from({ length: i === 120 ? 230 : 12 }, (_, j) => ({ name: `llama-b${6000 - i}-bin-${j}.zip`, downloads: (i + 1) * 10 + j })),
  }));
}
/** The sum over published releases (the draft, release 0, left out). */
const LLAMA_DOWNLOADS = llamaReleases()
  .filter((release) => !release.draft)
  .flatMap((release) => release.assets)
  .reduce((sum, asset) => sum + asset.downloads, 0);

describe('github-releases: downloads of release assets, summed over every release', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 500, fullName: 'ggml-org/llama.cpp', stars: 80_000, forks: 12_000, subscribers: 600, openIssues: 400, openPullRequests: 300 });
    up.github.addRepo({ id: 501, fullName: 'acme/no-releases', stars: 3, forks: 0, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    up.github.setReleases('ggml-org/llama.cpp', llamaReleases());
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.github.clearFaults();
    up.github.addToken(TOKEN); // a fresh budget
    up.clearRequests();
    await clearCollectedData(db.url);
  });

  async function collect(repos: string[], options: { token?: boolean; sources?: string[]; github?: string } = {}) {
    const github = options.github ?? `github:\n  releases: [${repos.join(', ')}]\n`;
    const cwd = await tempWorkdir(github);
    const usedBefore = up.github.rateLimit(options.token === false ? undefined : TOKEN);
    const result = await runCli(['collect', ...(options.sources ?? ['github-releases'])], {
      env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: options.token === false ? '' : TOKEN },
      cwd,
    });
    const usedAfter = up.github.rateLimit(options.token === false ? undefined : TOKEN);
    return {
      result,
      graphqlPoints: usedAfter.graphql.used - usedBefore.graphql.used,
      corePoints: usedAfter.core.used - usedBefore.core.used,
      requests: up.requests.filter((r) => r.upstream === 'github'),
    };
  }

  const downloadsOf = async () =>
    Object.fromEntries(
      (await sqlRows<{ key: string; value: string }>(db.url, `SELECT key, value::text FROM latest_metrics WHERE metric = 'release_downloads' ORDER BY key`)).map(
        (row) => [row.key, Number(row.value)],
      ),
    );

  it('with a token: exact sums over GraphQL pages of releases and of assets, 1 point a page', async () => {
    const { result, graphqlPoints, requests } = await collect(['ggml-org/llama.cpp', 'acme/no-releases']);
    expect(result.code, result.logs.slice(-2_000)).toBe(0);
    expect(await downloadsOf()).toEqual({ 'acme/no-releases': 0, 'ggml-org/llama.cpp': LLAMA_DOWNLOADS });
    // llama.cpp: 3 pages of releases, then 2 more pages of its 230-asset release; the empty repository: 1.
    expect(requests.map((r) => r.path)).toEqual(Array(6).fill('/graphql'));
    expect(graphqlPoints).toBe(6);
    const [subject] = await sqlRows(db.url, `SELECT kind, key, label, external_id FROM subjects WHERE key = 'ggml-org/llama.cpp'`);
    expect(subject).toEqual({ kind: 'github_repo', key: 'ggml-org/llama.cpp', label: 'ggml-org/llama.cpp', external_id: '500' });
    expect(result.stdout).toMatch(/github-releases\s+2 ok\s+0 failed\s+2 samples\s+6 requests/);
  });

  it('without a token: asks nothing, stores nothing, fails nothing, and the warning says release downloads need one', async () => {
    const { result, requests } = await collect(['ggml-org/llama.cpp', 'acme/no-releases'], { token: false });
    expect(result.code, result.logs.slice(-2_000)).toBe(0);
    expect(await downloadsOf()).toEqual({});
    expect(requests).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT key FROM collection_failures')).toEqual([]);
    expect(result.logs).toContain('the release downloads of github.releases are not collected');
  });

  it('shows in the weekly report and in status like any metric of github_repo', async () => {
    const cwd = await tempWorkdir('github:\n  releases: [ggml-org/llama.cpp]\n');
    const env = { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN };
    expect((await runCli(['collect', 'github-releases'], { env, cwd, now: () => new Date('2026-11-25T12:00:00Z') })).code).toBe(0);
    const report = await runCli(['report', '--week', '2026-W48', '--format', 'csv', '--out', cwd], { env, cwd, now: () => new Date('2026-11-30T06:00:00Z') });
    expect(report.code, report.stderr).toBe(0);
    const csv = await readFile(join(cwd, 'oss-pulse-2026-W48.csv'), 'utf8');
    expect(csv).toContain(`2026-W48,github_repo,ggml-org/llama.cpp,ggml-org/llama.cpp,release_downloads,${LLAMA_DOWNLOADS},,,`);
    const status = await runCli(['status', '--json'], { env, cwd, now: () => new Date('2026-11-25T13:00:00Z') });
    expect(status.stdout).toContain('"github-releases"');
  });

  it('lands a renamed repository on the subject of its stars, keyed by its new name', async () => {
    up.github.addRepo({ id: 502, fullName: 'old-org/tool', stars: 5, forks: 1, subscribers: 2, openIssues: 3, openPullRequests: 0 });
    up.github.setReleases('old-org/tool', [{ tag: 'v1', assets: [{ name: 'tool.tar.gz', downloads: 70 }] }]);
    const config = 'github:\n  repos: [old-org/tool]\n  releases: [old-org/tool]\n';
    expect((await collect([], { github: config, sources: ['github-repos', 'github-releases'] })).result.code).toBe(0);
    up.github.renameRepo('old-org/tool', 'new-org/tool');
    const { result } = await collect([], { github: config, sources: ['github-releases'] });
    expect(result.code, result.logs.slice(-2_000)).toBe(0);
    const subjects = await sqlRows(db.url, `SELECT key, aliases, external_id, status FROM subjects WHERE external_id = '502'`);
    expect(subjects).toEqual([{ key: 'new-org/tool', aliases: ['old-org/tool'], external_id: '502', status: 'active' }]);
    const metrics = await sqlRows(db.url, `SELECT metric, value::int AS value FROM latest_metrics WHERE key = 'new-org/tool' ORDER BY metric`);
    expect(metrics).toEqual([
      { metric: 'forks', value: 1 },
      { metric: 'open_issues', value: 3 },
      { metric: 'release_downloads', value: 70 },
      { metric: 'stars', value: 5 },
      { metric: 'watchers', value: 2 },
    ]);
  });

  it('marks a deleted repository not_found and stores the rest', async () => {
    up.github.addRepo({ id: 503, fullName: 'acme/doomed', stars: 1, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setReleases('acme/doomed', [{ tag: 'v1', assets: [{ name: 'a.zip', downloads: 5 }] }]);
    const config = `github:\n  releases: [acme/doomed, acme/no-releases]\n`;
    expect((await collect([], { github: config })).result.code).toBe(0);
    up.github.deleteRepo('acme/doomed');
    const { result } = await collect([], { github: config });
    expect(result.code).toBe(1);
    const failures = await sqlRows(db.url, `SELECT kind, key, error_kind FROM collection_failures`);
    expect(failures).toEqual([{ kind: 'github_repo', key: 'acme/doomed', error_kind: 'not_found' }]);
    const [gone] = await sqlRows(db.url, `SELECT status FROM subjects WHERE key = 'acme/doomed'`);
    expect(gone).toEqual({ status: 'not_found' });
    expect((await downloadsOf())['acme/no-releases']).toBe(0);
  });

  const RIDDEN_OUT: [string, (up: FakeUpstream) => void][] = [
    ['a burst of 502s on GraphQL', (up) => up.github.inject({ match: { path: '/graphql' }, times: 2, fault: { kind: 'status', status: 502 } })],
    ['a secondary limit (403 with retry-after) on GraphQL', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', retryAfter: 2 } })],
    ['a secondary limit without retry-after (429)', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', status: 429 } })],
    ['GraphQL RATE_LIMITED until the reset', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'primary-limit', resetInSeconds: 1 } })],
    ['a truncated GraphQL answer', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'truncated-json' } })],
  ];

  it.each(RIDDEN_OUT)('rides out %s: the exact sum, once', async (_name, inject) => {
    inject(up);
    const { result, requests } = await collect(['ggml-org/llama.cpp']);
    expect(result.code, result.logs.slice(-2_000)).toBe(0);
    expect(requests.some((r) => r.fault !== undefined)).toBe(true);
    expect(await downloadsOf()).toEqual({ 'ggml-org/llama.cpp': LLAMA_DOWNLOADS });
    expect(await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 1 }]);
  });

  it('records a failure, never a sum, when GitHub keeps failing', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'status', status: 502 } });
    const { result } = await collect(['ggml-org/llama.cpp']);
    expect(result.code).toBe(1);
    expect(await downloadsOf()).toEqual({});
    expect(await sqlRows(db.url, 'SELECT key, error_kind FROM collection_failures')).toEqual([{ key: 'ggml-org/llama.cpp', error_kind: 'http' }]);
  });
});
