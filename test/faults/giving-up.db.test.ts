import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

const TOKEN = 'ghp_givingupsuitetoken000000000000000000001';

/** What undici throws when a name does not resolve: `TypeError: fetch failed`, the cause holding the system's words. */
function dnsFailure(host: string): TypeError {
  const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
  return new TypeError('fetch failed', { cause });
}

describe('waiting and giving up', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    up.github.addToken(TOKEN);
    for (let i = 0; i < 150; i++) up.github.addRepo({ id: i + 1, fullName: `acme/r${i}`, stars: i, forks: 1, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    up.pypistats.addPackage('transformers', { lastDay: 10, lastWeek: 70, lastMonth: 300 });
    up.dockerhub.addRepository('ollama/ollama', { pulls: 100, stars: 10 });
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.github.clearFaults();
    up.github.addToken(TOKEN); // a fresh budget
    await clearCollectedData(db.url);
  });

  it('with no network, each upstream is tried for one batch, named once with the cause, and the round ends', async () => {
    const asked = new Map<string, number>();
    const noNetwork: typeof fetch = async (input) => {
      const host = new URL(input instanceof Request ? input.url : String(input)).host;
      asked.set(host, (asked.get(host) ?? 0) + 1);
      throw dnsFailure(host);
    };
    // The built-in watchlist and the real upstream roots, as a first `collect` on a machine without network.
    const result = await runCli(['collect'], { env: { DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN, LOG_LEVEL: 'info' }, cwd: await tempWorkdir(), fetch: noNetwork });
    expect(result.code).toBe(1);
    // One batch's attempts (the first and 3 retries) per upstream, not 16 per subject.
    expect(Object.fromEntries(asked)).toEqual({
      'api.github.com': 4,
      'huggingface.co': 4,
      'modelscope.cn': 4,
      'api.npmjs.org': 4,
      'pypistats.org': 4,
      'hub.docker.com': 4,
      'crates.io': 4,
    });
    const said = result.logs.split('\n').filter((line) => line.includes('cannot be reached'));
    expect(said).toHaveLength(7);
    expect(said.join('\n')).toContain('github (api.github.com) cannot be reached: getaddrinfo ENOTFOUND api.github.com; not asked again this round');
    // Octokit's "500 with id UNKNOWN" (for a request nothing answered) stays at debug.
    expect(result.logs.split('\n').filter((line) => !line.includes('"level":"debug"')).join('\n')).not.toContain('500 with id UNKNOWN');
    const runs = await sqlRows<{ requests: number }>(db.url, 'SELECT requests FROM collection_runs');
    expect(runs.reduce((sum, run) => sum + run.requests, 0)).toBe(28); // only the requests sent
    const kinds = await sqlRows<{ error_kind: string; n: number }>(db.url, 'SELECT error_kind, count(*)::int AS n FROM collection_failures GROUP BY 1 ORDER BY 1');
    expect(kinds.map((row) => row.error_kind)).toEqual(['unreachable']);
    expect(result.stdout).toMatch(/^ {2}github_repo unreachable: \d+$/m);
  });

  it('a GitHub GraphQL rate limit longer than a wait is recorded as rate_limit with its reset, after one request', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'primary-limit', resetInSeconds: 86_400 } });
    const cwd = await tempWorkdir('github:\n  repos: [acme/r1]\n');
    const result = await runCli(['collect'], { env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN }, cwd });
    expect(result.code).toBe(1);
    const failures = await sqlRows<{ error_kind: string; message: string }>(db.url, 'SELECT error_kind, message FROM collection_failures');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error_kind).toBe('rate_limit');
    expect(failures[0]?.message).toMatch(/^GitHub GraphQL rate limit exhausted until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(up.requests.filter((request) => request.path === '/graphql')).toHaveLength(1);
  });

  it('one dead GraphQL batch sends 4 requests (one retry layer), not 16', async () => {
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'status', status: 502 } });
    const cwd = await tempWorkdir('github:\n  repos: [acme/r1, acme/r2]\n');
    const result = await runCli(['collect'], { env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN }, cwd });
    expect(result.code).toBe(1);
    expect(up.requests.filter((request) => request.path === '/graphql')).toHaveLength(4);
  });

  it('says what it waits for and until when', async () => {
    up.pypistats.inject({ fault: { kind: 'rate-limit' } });
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', retryAfter: 2 } });
    up.dockerhub.inject({ fault: { kind: 'dockerhub-rate-limit', resetSeconds: 3 } });
    const cwd = await tempWorkdir('github:\n  repos: [acme/r1]\npypi:\n  packages: [transformers]\ndockerhub:\n  images: [ollama/ollama]\n');
    const result = await runCli(['collect'], { env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN, LOG_LEVEL: 'info' }, cwd });
    expect(result.code, result.stdout).toBe(0);
    const waits = result.logs.split('\n').filter((line) => line.includes('"msg":"waiting '));
    // A second lasts 1 ms in tests: GitHub's 2 s is 2 ms, pypistats' minute 60 ms.
    expect(waits.some((line) => line.includes('waiting 2 ms: GitHub secondary rate limit'))).toBe(true);
    expect(waits.some((line) => /waiting 60 ms: rate limited by 127\.0\.0\.1:\d+/.test(line))).toBe(true);
    // Docker Hub's Retry-After: 3 s.
    expect(waits.some((line) => /waiting 3 ms: rate limited by 127\.0\.0\.1:\d+/.test(line))).toBe(true);
    for (const line of waits) expect(JSON.parse(line)).toMatchObject({ waitMs: expect.any(Number), until: expect.stringMatching(/Z$/) });
  });
});
