// `github.orgs`: every public, non-fork repository of a listed owner collected with the
// configured repositories, into Postgres, against the fake GitHub.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planGithubRepos } from '../../../../jobs/sources/github/github-org-batch.ts';
import { githubReposSource } from '../../../../jobs/sources/github/github-repos-source.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

const TOKEN = 'ghp_githuborgscollectiontoken00000000001';
const HOUR = 3_600_000;
const REFERENCE = Date.UTC(2026, 10, 30);
const figures = (i: number) => ({ stars: 10 * i, forks: i, subscribers: i + 1, openIssues: 2 * i, openPullRequests: 3 });

describe('planGithubRepos and find', () => {
  it('puts configured repositories of a listed owner in its batch, whatever the case, and the rest in batches of 100', () => {
    const repos = ['THUDM/ChatGLM-6B', 'meta-llama/llama', 'thudm/GLM', ...Array.from({ length: 100 }, (_, i) => `solo/r${i}`)];
    const plan = planGithubRepos({ repos, orgs: ['THUDM', 'empty-org'] });
    expect(plan.map((batch) => ('repos' in batch ? batch.repos.length : batch))).toEqual([
      100,
      1,
      { owner: 'THUDM', wanted: ['THUDM/ChatGLM-6B', 'thudm/GLM'] },
      { owner: 'empty-org', wanted: [] },
    ]);
    expect(githubReposSource.subjects(plan[2]!)).toEqual(['THUDM/*', 'THUDM/ChatGLM-6B', 'thudm/GLM']);
  });

  it('finds any owner/name of a listed owner, under its own spelling', () => {
    const [kind] = githubReposSource.kinds;
    const watchlist = { repos: ['a/b'], orgs: ['THUDM'] };
    expect(kind.find(watchlist, 'A/B')).toBe('a/b');
    expect(kind.find(watchlist, 'thudm/CogVLM')).toBe('thudm/CogVLM');
    expect(kind.find(watchlist, 'other/CogVLM')).toBeUndefined();
    expect(kind.find(watchlist, 'THUDM/not a name')).toBeUndefined();
  });
});

describe('collect github-repos with github.orgs', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.github.clearFaults();
    await clearCollectedData(db.url);
  });

  /** A fresh owner per test: 150 public repositories, a fork, a private one; ids from `base`. */
  function seedOwner(owner: string, base: number) {
    for (let i = 0; i < 150; i++) up.github.addRepo({ id: base + i, fullName: `${owner}/repo-${i}`, ...figures(i) });
    up.github.addRepo({ id: base + 500, fullName: `${owner}/a-fork`, ...figures(7), fork: true });
    up.github.addRepo({ id: base + 501, fullName: `${owner}/secret`, ...figures(7), private: true });
  }

  async function collectAt(hours: number, yaml: string, token: string | null = TOKEN) {
    up.clearRequests();
    const used = up.github.rateLimit(TOKEN).graphql.used;
    const result = await runCli(['collect', 'github-repos'], {
      env: { ...up.env(), DATABASE_URL: db.url, ...(token && { GITHUB_TOKEN: token }) },
      cwd: await tempWorkdir(yaml),
      now: () => new Date(REFERENCE + hours * HOUR),
    });
    const queries = up.requests.filter((r) => r.path === '/graphql').map((r) => (JSON.parse(r.body) as { query: string }).query);
    return { result, queries, points: up.github.rateLimit(TOKEN).graphql.used - used };
  }
  const listings = (queries: string[]) => queries.filter((query) => query.includes('repositoryOwner')).length;
  const byName = (queries: string[]) => queries.filter((query) => query.includes('repository(')).length;

  async function stored(hours: number): Promise<Record<string, Record<string, number>>> {
    const rows = await sqlRows<{ key: string; metric: string; value: string }>(
      db.url,
      `SELECT s.key, x.metric, x.value FROM samples x JOIN subjects s ON s.id = x.subject_id WHERE x.observed_at = $1 ORDER BY s.key, x.metric`,
      [new Date(REFERENCE + hours * HOUR)],
    );
    const out: Record<string, Record<string, number>> = {};
    for (const row of rows) out[row.key] = { ...out[row.key], [row.metric]: Number(row.value) };
    return out;
  }
  const failures = () => sqlRows(db.url, 'SELECT key, metric, error_kind FROM collection_failures ORDER BY key, metric');

  it('stores every public non-fork repository over two pages with the figures a configured one gets; the configured one of the owner is collected once', async () => {
    seedOwner('wide-org', 10_000);
    const yaml = 'github:\n  repos: [wide-org/repo-3]\n  orgs: [wide-org]\n';
    const first = await collectAt(0, yaml);
    expect(first.result.code).toBe(0);
    expect(first.result.stdout).toMatch(/github-repos\s+150 ok\s+0 failed/);
    const all = await stored(0);
    expect(Object.keys(all)).toHaveLength(150);
    expect(all['wide-org/a-fork']).toBeUndefined();
    expect(all['wide-org/secret']).toBeUndefined();
    expect(all['wide-org/repo-120']).toEqual({ stars: 1200, forks: 120, watchers: 121, open_issues: 240 });
    // Two listing pages (1 point each); the daily counts asked by name, 100 and 50 (2 and 1 points), the configured one among them.
    expect([listings(first.queries), byName(first.queries), first.points]).toEqual([2, 2, 5]);

    const later = await collectAt(6, yaml);
    expect([listings(later.queries), byName(later.queries), later.points]).toEqual([2, 0, 2]);
    expect(Object.values(await stored(6)).every((metrics) => Object.keys(metrics).join() === 'forks,stars')).toBe(true);
    const [subject] = await sqlRows(db.url, `SELECT key, external_id, aliases FROM subjects WHERE key = 'wide-org/repo-3'`);
    expect(subject).toEqual({ key: 'wide-org/repo-3', external_id: '10003', aliases: [] });

    // A configured repository of the same name gets the very same figures (the next day: the counts are due again).
    const alone = await collectAt(24, 'github:\n  repos: [wide-org/repo-120]\n');
    expect((await stored(24))['wide-org/repo-120']).toEqual(all['wide-org/repo-120']);
    expect([listings(alone.queries), byName(alone.queries)]).toEqual([0, 1]);
  });

  it('stops collecting a repository that leaves the owner (transferred, made private) and keeps its history; follows a rename within it', async () => {
    seedOwner('moving-org', 20_000);
    const yaml = 'github:\n  orgs: [moving-org]\n';
    await collectAt(0, yaml);
    up.github.renameRepo('moving-org/repo-5', 'elsewhere/repo-5');
    up.github.updateRepo('moving-org/repo-6', { private: true });
    up.github.renameRepo('moving-org/repo-7', 'moving-org/repo-seven');

    const after = await collectAt(6, yaml);
    expect(after.result.code).toBe(0);
    const now = await stored(6);
    expect(Object.keys(now)).toHaveLength(148);
    expect(now['elsewhere/repo-5']).toBeUndefined();
    expect(now['moving-org/repo-5']).toBeUndefined();
    expect(now['moving-org/repo-6']).toBeUndefined();
    // Under its new name it is not yet known to have today's counts: they are asked again, once.
    expect(now['moving-org/repo-seven']).toMatchObject({ stars: 70, forks: 7 });
    const kept = await sqlRows(db.url, `SELECT s.key, s.status, count(x.*)::int AS samples FROM subjects s JOIN samples x ON x.subject_id = s.id
      WHERE s.external_id IN ('20005', '20006') GROUP BY s.key, s.status ORDER BY s.key`);
    expect(kept).toEqual([
      { key: 'moving-org/repo-5', status: 'active', samples: 4 },
      { key: 'moving-org/repo-6', status: 'active', samples: 4 },
    ]);
    const renamed = await sqlRows(db.url, `SELECT key, aliases FROM subjects WHERE external_id = '20007' OR key IN ('moving-org/repo-7', 'moving-org/repo-seven')`);
    expect(renamed).toEqual([{ key: 'moving-org/repo-seven', aliases: ['moving-org/repo-7'] }]);
  });

  it('collects a configured repository the listing lacks by name: a fork, a renamed one by its old name (once), a missing one not_found', async () => {
    seedOwner('mixed-org', 30_000);
    up.github.renameRepo('mixed-org/repo-9', 'mixed-org/repo-nine');
    const yaml = 'github:\n  repos: [mixed-org/a-fork, mixed-org/repo-9, mixed-org/gone]\n  orgs: [mixed-org]\n';
    const { result } = await collectAt(0, yaml);
    expect(result.code).toBe(1);
    const all = await stored(0);
    expect(Object.keys(all)).toHaveLength(151);
    expect(all['mixed-org/a-fork']).toEqual({ stars: 70, forks: 7, watchers: 8, open_issues: 14 });
    expect(all['mixed-org/repo-nine']).toEqual({ stars: 90, forks: 9, watchers: 10, open_issues: 18 });
    const [renamed] = await sqlRows(db.url, `SELECT key, aliases FROM subjects WHERE external_id = '30009'`);
    expect(renamed).toEqual({ key: 'mixed-org/repo-nine', aliases: ['mixed-org/repo-9'] });
    expect(await failures()).toEqual([{ key: 'mixed-org/gone', metric: null, error_kind: 'not_found' }]);
  });

  it('an unknown owner fails alone, as owner/*, the others stored; a user login lists its own repositories', async () => {
    up.github.addOwner('some-user', 'User');
    up.github.addRepo({ id: 40_001, fullName: 'some-user/tool', ...figures(4) });
    up.github.addRepo({ id: 40_002, fullName: 'solo/one', ...figures(5) });
    const { result } = await collectAt(0, 'github:\n  repos: [solo/one]\n  orgs: [no-such-org, some-user]\n');
    expect(result.code).toBe(1);
    expect(Object.keys(await stored(0)).sort()).toEqual(['solo/one', 'some-user/tool']);
    expect(await failures()).toEqual([{ key: 'no-such-org/*', metric: null, error_kind: 'not_found' }]);
    expect(result.stdout).toContain('no-such-org/*');
  });

  it('retries a listing page GitHub answers 502; with every GraphQL answer cut short, fails owner/* and its configured repository, and stores the rest', async () => {
    seedOwner('flaky-org', 50_000);
    up.github.addRepo({ id: 50_900, fullName: 'steady/one', ...figures(9) });
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'status', status: 502 } });
    const retried = await collectAt(0, 'github:\n  orgs: [flaky-org]\n');
    expect(retried.result.code).toBe(0);
    expect(Object.keys(await stored(0))).toHaveLength(150);

    await clearCollectedData(db.url);
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'truncated-json' } });
    const broken = await collectAt(1, 'github:\n  repos: [flaky-org/repo-1, steady/one]\n  orgs: [flaky-org]\n', TOKEN);
    expect(broken.result.code).toBe(1);
    expect(await stored(1)).toEqual({});
    expect((await failures()).map((row) => row.key)).toEqual(['flaky-org/*', 'flaky-org/repo-1', 'steady/one']);
  });

  it('without a token, lists no organisation (the warning says so), fails nothing and collects the configured repositories over REST', async () => {
    seedOwner('rest-org', 60_000);
    const { result } = await collectAt(0, 'github:\n  repos: [rest-org/repo-2]\n  orgs: [rest-org]\n', null);
    expect(result.code).toBe(0);
    expect(await stored(0)).toEqual({ 'rest-org/repo-2': { stars: 20, forks: 2, watchers: 3 } });
    expect(await failures()).toEqual([]);
    expect(result.logs).toContain('the organisations of github.orgs are not listed');
    expect(up.requests.filter((request) => request.upstream === 'github' && request.path === '/graphql')).toEqual([]);
  });
});
