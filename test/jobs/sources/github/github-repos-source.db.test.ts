import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

const TOKEN = 'ghp_dailycountstoken000000000000000000001';
const HOUR = 3_600_000;
/** Midnight UTC: rounds at REFERENCE + 6 h, + 12 h fall on the same UTC day, + 24 h on the next. */
const REFERENCE = Date.UTC(2026, 10, 30);
const repos = Array.from({ length: 100 }, (_, i) => `acme/repo-${i}`);

describe('github-repos: stars and forks every round, watchers and open issues once per UTC day', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    repos.forEach((fullName, i) => up.github.addRepo({ id: 100 + i, fullName, stars: 10 * i, forks: i, subscribers: i + 1, openIssues: 2 * i, openPullRequests: 3 }));
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.github.clearFaults();
    await clearCollectedData(db.url);
  });

  /** `collect github-repos` of `configured` with the collector's clock at REFERENCE + `hours`; what the fake saw of it. */
  async function collectAt(hours: number, configured: string[]) {
    const cwd = await tempWorkdir(`github:\n  repos:\n${configured.map((name) => `    - ${name}\n`).join('')}`);
    const usedBefore = up.github.rateLimit(TOKEN).graphql.used;
    up.clearRequests();
    const result = await runCli(['collect', 'github-repos'], {
      env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN },
      cwd,
      now: () => new Date(REFERENCE + hours * HOUR),
    });
    const queries = up.requests.filter((r) => r.path === '/graphql' && r.status === 200).map((r) => JSON.parse(r.body) as GraphqlBody);
    return { result, queries, points: up.github.rateLimit(TOKEN).graphql.used - usedBefore, countsAskedFor: queries.flatMap(countsAskedFor) };
  }

  /** Metrics stored per repository by the round at REFERENCE + `hours`. */
  async function storedAt(hours: number): Promise<Map<string, string[]>> {
    const rows = await sqlRows<{ key: string; metrics: string[] }>(
      db.url,
      `SELECT s.key, array_agg(x.metric ORDER BY x.metric) AS metrics FROM samples x JOIN subjects s ON s.id = x.subject_id
       WHERE x.observed_at = $1 GROUP BY s.key`,
      [new Date(REFERENCE + hours * HOUR)],
    );
    return new Map(rows.map((row) => [row.key, row.metrics]));
  }

  const ALL = ['forks', 'open_issues', 'stars', 'watchers'];
  const SCALARS = ['forks', 'stars'];

  it('stores four metrics in the first round of a day, stars and forks at 1 point in the next, four again the next day', async () => {
    const first = await collectAt(0, repos);
    expect(first.result.code).toBe(0);
    expect(first.countsAskedFor).toEqual(repos);
    expect(first.points).toBe(2); // 100 aliases × 2 connections
    const firstStored = await storedAt(0);
    expect(firstStored.size).toBe(100);
    expect([...firstStored.values()].every((metrics) => metrics.join() === ALL.join())).toBe(true);
    expect(Object.fromEntries(await figuresOf('acme/repo-7', 0))).toEqual({ stars: 70, forks: 7, watchers: 8, open_issues: 14 });

    const later = await collectAt(6, repos);
    expect(later.result.code).toBe(0);
    expect(later.queries).toHaveLength(1);
    expect(later.queries[0]?.query).not.toMatch(/watchers|issues/);
    expect(later.points).toBe(1);
    const laterStored = await storedAt(6);
    expect(laterStored.size).toBe(100);
    expect([...laterStored.values()].every((metrics) => metrics.join() === SCALARS.join())).toBe(true);
    expect(later.result.stdout).toMatch(/github-repos\s+100 ok\s+0 failed\s+200 samples\s+1 requests/);

    const nextDay = await collectAt(24, repos);
    expect(nextDay.countsAskedFor).toEqual(repos);
    expect(nextDay.points).toBe(2);
    expect([...(await storedAt(24)).values()].every((metrics) => metrics.join() === ALL.join())).toBe(true);
  });

  it('asks the counts only for a repository added to the config during the day', async () => {
    await collectAt(0, repos.slice(0, 10));
    const later = await collectAt(6, repos.slice(0, 11));
    expect(later.countsAskedFor).toEqual(['acme/repo-10']);
    expect(later.points).toBe(1);
    const stored = await storedAt(6);
    expect(stored.get('acme/repo-10')).toEqual(ALL);
    expect(stored.get('acme/repo-0')).toEqual(SCALARS);
  });

  it('asks the counts again for repositories whose round failed earlier in the day', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'truncated-json' } });
    expect((await collectAt(0, repos.slice(0, 5))).result.code).toBe(1);
    expect((await storedAt(0)).size).toBe(0);
    up.github.clearFaults();
    const retried = await collectAt(6, repos.slice(0, 5));
    expect(retried.result.code).toBe(0);
    expect(retried.countsAskedFor).toEqual(repos.slice(0, 5));
    expect([...(await storedAt(6)).values()]).toEqual(Array(5).fill(ALL));
  });

  it('knows a renamed repository, still configured by its old name, by its alias', async () => {
    up.github.addRepo({ id: 9001, fullName: 'old-org/tool', stars: 5, forks: 1, subscribers: 2, openIssues: 3, openPullRequests: 0 });
    const configured = ['old-org/tool', 'acme/repo-1'];
    await collectAt(0, configured);
    up.github.renameRepo('old-org/tool', 'new-org/tool');
    // Stored under its new key from this round on, with the old one kept as an alias.
    expect((await collectAt(6, configured)).countsAskedFor).toEqual([]);
    const [subject] = await sqlRows(db.url, `SELECT key, aliases FROM subjects WHERE external_id = '9001'`);
    expect(subject).toEqual({ key: 'new-org/tool', aliases: ['old-org/tool'] });

    const byAlias = await collectAt(12, configured);
    expect(byAlias.countsAskedFor).toEqual([]);
    expect(byAlias.points).toBe(1);
    expect((await storedAt(12)).get('new-org/tool')).toEqual(SCALARS);
    expect((await collectAt(24, configured)).countsAskedFor).toEqual(configured);
  });

  async function figuresOf(key: string, hours: number): Promise<[string, number][]> {
    const rows = await sqlRows<{ metric: string; value: string }>(
      db.url,
      `SELECT x.metric, x.value FROM samples x JOIN subjects s ON s.id = x.subject_id WHERE s.key = $1 AND x.observed_at = $2`,
      [key, new Date(REFERENCE + hours * HOUR)],
    );
    return rows.map((row) => [row.metric, Number(row.value)]);
  }
});

interface GraphqlBody {
  query: string;
  variables: Record<string, string>;
}

/** `owner/name` of each `repository` alias of a query that selects the `watchers` connection. */
function countsAskedFor(body: GraphqlBody): string[] {
  const operation = parse(body.query).definitions[0] as OperationDefinitionNode;
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'repository') return [];
    const fields = selection.selectionSet?.selections.map((field) => (field.kind === Kind.FIELD ? field.name.value : '')) ?? [];
    if (!fields.includes('watchers')) return [];
    const i = selection.alias?.value.slice(1);
    return [`${body.variables[`o${i}`]}/${body.variables[`n${i}`]}`];
  });
}

describe('github-repos when GitHub refuses a count connection (as it refused `stargazers`)', () => {
  const TOKEN_B = 'ghp_refusedconnectiontoken00000000000001';
  // Two batches of the round: 100 and 50 repositories.
  const many = Array.from({ length: 150 }, (_, i) => `wide/repo-${i}`);
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN_B);
    many.forEach((fullName, i) => up.github.addRepo({ id: 5000 + i, fullName, stars: 10 * i, forks: i, subscribers: i + 7, openIssues: 2 * i, openPullRequests: 3 }));
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.github.clearFaults();
    up.github.unblockConnection('watchers');
    up.github.unblockConnection('issues');
    await clearCollectedData(db.url);
  });

  async function collect(configured: string[]) {
    const cwd = await tempWorkdir(`github:\n  repos:\n${configured.map((name) => `    - ${name}\n`).join('')}`);
    up.clearRequests();
    const result = await runCli(['collect', 'github-repos'], { env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN_B }, cwd, now: () => new Date(REFERENCE) });
    const queries = up.requests.filter((r) => r.path === '/graphql').map((r) => JSON.parse(r.body) as GraphqlBody);
    const restRepoCalls = up.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/repos/'));
    return { result, queries, restRepoCalls };
  }

  const stored = () =>
    sqlRows<{ key: string; metric: string; value: string }>(
      db.url,
      `SELECT s.key, x.metric, x.value FROM samples x JOIN subjects s ON s.id = x.subject_id ORDER BY s.key, x.metric`,
    );
  const figuresOf = async (key: string) => Object.fromEntries((await stored()).filter((row) => row.key === key).map((row) => [row.metric, Number(row.value)]));
  const failures = () => sqlRows(db.url, 'SELECT key, metric, error_kind FROM collection_failures ORDER BY key, metric');

  it('refused `watchers`: stars and forks of every repository, watchers from REST, a missing one still not_found', async () => {
    up.github.blockConnection('watchers');
    const { result, queries, restRepoCalls } = await collect([...many, 'gone/nowhere']);

    // Every repository of both batches stored its four figures; watchers are REST's subscribers_count.
    const rows = await stored();
    expect(new Set(rows.map((row) => row.key)).size).toBe(150);
    expect(rows).toHaveLength(150 * 4);
    expect(await figuresOf('wide/repo-7')).toEqual({ stars: 70, forks: 7, watchers: 14, open_issues: 14 });
    expect(await figuresOf('wide/repo-120')).toEqual({ stars: 1200, forks: 120, watchers: 127, open_issues: 240 });
    expect(restRepoCalls.map((r) => r.path).sort()).toEqual(many.map((name) => `/repos/${name}`).sort());

    // The first batch asked watchers, was refused, and asked again without them; the second never asked.
    expect(queries).toHaveLength(3);
    expect(queries.map((body) => countsAskedFor(body).length)).toEqual([100, 0, 0]);
    expect(queries.map((body) => /\bissues\(/.test(body.query))).toEqual([true, true, true]);
    expect(result.logs.split('\n').filter((line) => line.includes('refused the `watchers` connection'))).toHaveLength(1);

    expect(await failures()).toEqual([{ key: 'gone/nowhere', metric: null, error_kind: 'not_found' }]);
    expect(result.code).toBe(1);
  });

  it('refused `issues`: open_issues recorded as a failure of that metric, the other figures stored, no REST stand-in', async () => {
    up.github.blockConnection('issues');
    const configured = many.slice(0, 5);
    const { result, restRepoCalls } = await collect(configured);
    expect(result.code).toBe(1);
    expect(await figuresOf('wide/repo-3')).toEqual({ stars: 30, forks: 3, watchers: 10 });
    expect((await stored()).some((row) => row.metric === 'open_issues')).toBe(false);
    // REST's open_issues_count counts pull requests too: never used for open_issues.
    expect(restRepoCalls).toHaveLength(0);
    expect(await failures()).toEqual(configured.sort().map((key) => ({ key, metric: 'open_issues', error_kind: 'parse' })));
    expect(result.stdout).toMatch(/github_repo wide\/repo-0 \(open_issues\)/);
  });

  it('refused `watchers` and REST failing too: watchers recorded as a failure of that metric only', async () => {
    up.github.blockConnection('watchers');
    up.github.inject({ match: { method: 'GET', path: /^\/repos\// }, times: Infinity, fault: { kind: 'status', status: 502 } });
    const configured = many.slice(0, 3);
    const { result } = await collect(configured);
    expect(result.code).toBe(1);
    expect(await figuresOf('wide/repo-2')).toEqual({ stars: 20, forks: 2, open_issues: 4 });
    expect(await failures()).toEqual(configured.sort().map((key) => ({ key, metric: 'watchers', error_kind: 'parse' })));
  });
});
