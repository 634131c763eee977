import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../helpers/database.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';

const TOKEN = 'ghp_testtoken0000000000000000000000000001';
const repoNames = Array.from({ length: 250 }, (_, i) => `org${i % 7}/repo-${i}`);

const configYaml = (repos: string[], searches: string[] = []) =>
  `github:\n  repos:\n${repos.map((r) => `    - ${r}\n`).join('')}  searches:\n${searches.map((s) => `    - ${JSON.stringify(s)}\n`).join('')}`;

describe('collect github-repos and github-search against the fake GitHub', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    repoNames.forEach((fullName, i) =>
      up.github.addRepo({ id: 1000 + i, fullName, stars: 10 * i, forks: i, subscribers: i + 1, openIssues: 2 * i, openPullRequests: 5 }),
    );
    up.github.setSearchCount('llama', 6200);
    up.github.setSearchCount('gpt-4', 4400);
    up.github.setSearchCount('stars:>10 language:python', 123_456);
    up.github.addToken(TOKEN);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.github.clearFaults();
    await clearCollectedData(db.url);
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN, ...extra });
  const latest = (kind: string) =>
    sqlRows<{ key: string; metric: string; value: string }>(db.url, 'SELECT key, metric, value FROM latest_metrics WHERE kind = $1', [kind]);
  const graphqlRequests = () => up.requests.filter((r) => r.upstream === 'github' && r.path === '/graphql');

  it('stores 250 repositories from 3 GraphQL requests, with every figure', async () => {
    const cwd = await tempWorkdir(configYaml(repoNames));
    const result = await runCli(['collect', 'github-repos'], { env: env(), cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(graphqlRequests()).toHaveLength(3);
    const rows = await latest('github_repo');
    expect(rows).toHaveLength(250 * 4);
    const figures = Object.fromEntries(rows.filter((r) => r.key === 'org3/repo-17').map((r) => [r.metric, Number(r.value)]));
    // open_issues excludes the 5 open pull requests; watchers are subscribers.
    expect(figures).toEqual({ stars: 170, forks: 17, watchers: 18, open_issues: 34 });
    const [run] = await sqlRows(db.url, 'SELECT source, trigger, status, subjects_ok, subjects_failed, requests FROM collection_runs');
    expect(run).toEqual({ source: 'github-repos', trigger: 'collect', status: 'ok', subjects_ok: 250, subjects_failed: 0, requests: 3 });
    expect(result.stdout).toMatch(/github-repos\s+250 ok\s+0 failed\s+1000 samples\s+3 requests/);
  });

  it('keeps one series across a rename and records a vanished repository as not_found, exit 1', async () => {
    up.github.addRepo({ id: 5001, fullName: 'facebookresearch/llama', stars: 100, forks: 1, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    up.github.addRepo({ id: 5002, fullName: 'gone/away', stars: 1, forks: 1, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    const cwd = await tempWorkdir(configYaml(['facebookresearch/llama', 'gone/away', 'org0/repo-0']));
    expect((await runCli(['collect', 'github-repos'], { env: env(), cwd })).code).toBe(0);

    up.github.renameRepo('facebookresearch/llama', 'meta-llama/llama');
    up.github.updateRepo('meta-llama/llama', { stars: 150 });
    up.github.deleteRepo('gone/away');
    const second = await runCli(['collect', 'github-repos'], { env: env(), cwd });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('github_repo gone/away: not_found');

    const subjects = await sqlRows(db.url, `SELECT key, aliases, status, external_id FROM subjects ORDER BY external_id`);
    expect(subjects).toEqual([
      { key: 'org0/repo-0', aliases: [], status: 'active', external_id: '1000' },
      { key: 'meta-llama/llama', aliases: ['facebookresearch/llama'], status: 'active', external_id: '5001' },
      { key: 'gone/away', aliases: [], status: 'not_found', external_id: '5002' },
    ]);
    const stars = await sqlRows(db.url, `SELECT value FROM daily_metrics WHERE key = 'meta-llama/llama' AND metric = 'stars'`);
    expect(stars).toEqual([{ value: '150' }]);
    const series = await sqlRows(
      db.url,
      `SELECT count(*)::int AS n FROM samples x JOIN subjects s ON s.id = x.subject_id WHERE s.external_id = '5001' AND metric = 'stars'`,
    );
    expect(series).toEqual([{ n: 2 }]);
    const failures = await sqlRows(db.url, 'SELECT kind, key, error_kind FROM collection_failures');
    expect(failures).toEqual([{ kind: 'github_repo', key: 'gone/away', error_kind: 'not_found' }]);
    const [run] = await sqlRows(db.url, 'SELECT status FROM collection_runs ORDER BY id DESC LIMIT 1');
    expect(run).toEqual({ status: 'partial' });
  });

  it('counts keyword searches in one batched GraphQL request', async () => {
    const cwd = await tempWorkdir(configYaml([], ['llama', 'gpt-4', 'stars:>10 language:python']));
    const result = await runCli(['collect', 'github-search'], { env: env(), cwd });
    expect(result.code).toBe(0);
    expect(graphqlRequests()).toHaveLength(1);
    const rows = await latest('github_search');
    expect(Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]))).toEqual({
      llama: 6200,
      'gpt-4': 4400,
      'stars:>10 language:python': 123_456,
    });
  });

  it('rides out 502s, a secondary rate limit and a truncated answer, storing everything once', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: 2, fault: { kind: 'status', status: 502 } });
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', retryAfter: 3 } });
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'truncated-json' } });
    const cwd = await tempWorkdir(configYaml(repoNames.slice(0, 120)));
    const result = await runCli(['collect', 'github-repos'], { env: env(), cwd });
    expect(result.code).toBe(0);
    expect(up.github.faults.pending).toBe(0);
    const [count] = await sqlRows(db.url, `SELECT count(*)::int AS n FROM samples`);
    expect(count).toEqual({ n: 120 * 4 });
  });

  it('spreads a token pool and skips a revoked token', async () => {
    const other = 'ghp_testtoken0000000000000000000000000002';
    const revoked = 'ghp_testtoken0000000000000000000000000003';
    up.github.addToken(other);
    up.github.addToken(revoked);
    up.github.revokeToken(revoked);
    const cwd = await tempWorkdir(configYaml(repoNames));
    const result = await runCli(['collect', 'github-repos'], { env: env({ GITHUB_TOKEN: `${TOKEN},${revoked}, ${other}` }), cwd });
    expect(result.code).toBe(0);
    const used = new Set(graphqlRequests().filter((r) => r.status === 200).map((r) => r.token));
    expect(used).toEqual(new Set([TOKEN, other]));
    expect(await latest('github_repo')).toHaveLength(1000);
    expect(result.logs).toContain('GitHub token #2 was refused');
    for (const token of [TOKEN, other, revoked]) expect(result.logs + result.stdout + result.stderr).not.toContain(token);
  });

  it('without a token uses REST; a second run costs only 304s and still stores figures', async () => {
    const cwd = await tempWorkdir(configYaml(['org1/repo-1', 'org2/repo-2'], ['llama']));
    const first = await runCli(['collect'], { env: env({ GITHUB_TOKEN: '' }), cwd });
    expect(first.code).toBe(0);
    expect(first.logs).toContain('GITHUB_TOKEN is not set');
    expect(graphqlRequests()).toHaveLength(0);
    const budgetAfterFirst = up.github.rateLimit().core.remaining;
    up.clearRequests();

    const second = await runCli(['collect'], { env: env({ GITHUB_TOKEN: '' }), cwd });
    expect(second.code).toBe(0);
    const repoCalls = up.requests.filter((r) => r.path.startsWith('/repos/'));
    expect(repoCalls.map((r) => r.status)).toEqual([304, 304]);
    expect(up.github.rateLimit().core.remaining).toBe(budgetAfterFirst);
    const [stars] = await sqlRows(db.url, `SELECT count(*)::int AS n FROM samples x JOIN subjects s ON s.id = x.subject_id WHERE s.key = 'org1/repo-1' AND metric = 'stars'`);
    expect(stars).toEqual({ n: 2 });
    const [issues] = await sqlRows(db.url, `SELECT count(*)::int AS n FROM samples WHERE metric = 'open_issues'`);
    expect(issues).toEqual({ n: 0 });
  });

  it('does not store a search count GitHub marks incomplete', async () => {
    up.github.setSearchCount('flaky', 99, { incomplete: true });
    const cwd = await tempWorkdir(configYaml([], ['flaky', 'llama']));
    const result = await runCli(['collect', 'github-search'], { env: env({ GITHUB_TOKEN: '' }), cwd });
    expect(result.code).toBe(1);
    expect(Object.fromEntries((await latest('github_search')).map((r) => [r.key, Number(r.value)]))).toEqual({ llama: 6200 });
    const failures = await sqlRows(db.url, 'SELECT key, error_kind FROM collection_failures');
    expect(failures).toEqual([{ key: 'flaky', error_kind: 'incomplete' }]);
  });
});
