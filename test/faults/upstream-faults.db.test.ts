import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

const TOKEN = 'ghp_faultsuitetoken00000000000000000000001';
/** github.releases: release_downloads of acme/r1 (two pages of releases, one with a second page of assets) and acme/r2 (none: 0). */
const RELEASE_SAMPLES = 2;
/** github.orgs: acme-org's two public repositories × 4 (its fork is not listed). */
const ORG_SAMPLES = 2 * 4;
const repos = Array.from({ length: 101 }, (_, i) => `acme/r${i}`);
const CONFIG = `github:
  repos: [${repos.join(', ')}]
  searches: [llama, gpt-4]
  releases: [acme/r1, acme/r2]
  orgs: [acme-org]
huggingface:
  models: [acme/m1, acme/m2]
  datasets: [acme/d1]
  spaces: [acme/s1]
dockerhub:
  images: [acme/app, postgres]
`;
/** Every figure the config can reach: 101 repositories × 4 (two GraphQL batches), 2 counts, 2 models × 3, a dataset × 3, a Space × 1, 2 images × 2. */
const ALL_SAMPLES = 101 * 4 + 2 + 2 * 3 + 3 + 1 + 2 * 2 + RELEASE_SAMPLES + ORG_SAMPLES;
/** Without a token GitHub allows 60 requests an hour: a small watchlist, REST only, no open_issues (and no release downloads: GraphQL only). */
const ANONYMOUS_CONFIG = 'github:\n  repos: [acme/r1, acme/r2, acme/r3]\n';
const ANONYMOUS_SAMPLES = 3 * 3;

type Inject = (up: FakeUpstream) => void;

/** Each upstream fault in turn: the round rides it out and stores every figure exactly once. */
const RIDDEN_OUT: [string, Inject, { token?: boolean }?][] = [
  // Two of the three retries: the third is slack for a busy machine under this suite's 500 ms client timeout.
  ['a burst of 502s on GraphQL', (up) => up.github.inject({ match: { path: '/graphql' }, times: 2, fault: { kind: 'status', status: 502 } })],
  ['a secondary rate limit (403 with retry-after)', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', retryAfter: 2 } })],
  ['a secondary rate limit without retry-after (429)', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'secondary-limit', status: 429 } })],
  ['GraphQL RATE_LIMITED until the reset', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'primary-limit', resetInSeconds: 1 } })],
  ['REST primary exhaustion until the reset (no token)', (up) => up.github.inject({ match: { path: /^\/repos\// }, fault: { kind: 'primary-limit', resetInSeconds: 1 } }), { token: false }],
  ['a truncated JSON answer', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'truncated-json' } })],
  ['an answer slower than the client timeout', (up) => up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'delay', ms: 1_500 } })],
  ['a dropped connection', (up) => up.huggingface.inject({ fault: { kind: 'reset' } })],
  ['a Hub 429 with its RateLimit reset', (up) => up.huggingface.inject({ fault: { kind: 'hf-rate-limit', resetSeconds: 1 } })],
  ['a truncated Hub answer', (up) => up.huggingface.inject({ fault: { kind: 'truncated-json' } })],
  ['a Hub 429 on a dataset and a 503 on a Space', (up) => {
    up.huggingface.inject({ match: { path: '/api/datasets/acme/d1' }, fault: { kind: 'hf-rate-limit', resetSeconds: 1 } });
    up.huggingface.inject({ match: { path: '/api/spaces/acme/s1' }, fault: { kind: 'status', status: 503 } });
  }],
  ['a Docker Hub 429 with Retry-After in seconds', (up) => up.dockerhub.inject({ fault: { kind: 'dockerhub-rate-limit', resetSeconds: 2 } })],
  [
    "a Docker Hub 429 whose Retry-After is the reset's Unix timestamp",
    (up) => {
      up.dockerhub.setRetryAfterStyle('timestamp');
      up.dockerhub.inject({ fault: { kind: 'dockerhub-rate-limit', resetSeconds: 2 } });
    },
  ],
  ["Docker Hub's overall limit: a 429 without rate-limit headers", (up) => up.dockerhub.inject({ fault: { kind: 'dockerhub-overall-limit' } })],
  ['a burst of Docker Hub 503s', (up) => up.dockerhub.inject({ times: 2, fault: { kind: 'status', status: 503 } })],
  ['a truncated Docker Hub answer', (up) => up.dockerhub.inject({ fault: { kind: 'truncated-json' } })],
];

describe('fault suite: every reachable figure stored exactly once, every failure recorded', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  let anonymousCwd: string;

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    repos.forEach((fullName, i) => up.github.addRepo({ id: i + 1, fullName, stars: i, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 }));
    up.github.setSearchCount('llama', 6_200);
    up.github.setSearchCount('gpt-4', 4_400);
    ['acme-org/one', 'acme-org/two', 'acme-org/fork'].forEach((fullName, i) => up.github.addRepo({ id: 900 + i, fullName, stars: i, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0, fork: i === 2 }));
    up.github.setReleases('acme/r1', Array.from({ length: 101 }, (_, i) => ({ tag: `v${i}`, assets: Array.from({ length: i === 0 ? 101 : 1 }, (_, j) => ({ name: `a${j}`, downloads: j + 1 })) })));
    up.huggingface.addModel({ _id: '1'.repeat(24), id: 'acme/m1', downloads: 1, downloadsAllTime: 10, likes: 1 });
    up.huggingface.addModel({ _id: '2'.repeat(24), id: 'acme/m2', downloads: 2, downloadsAllTime: 20, likes: 2 });
    up.huggingface.addDataset({ _id: '3'.repeat(24), id: 'acme/d1', downloads: 3, downloadsAllTime: 30, likes: 3 });
    up.huggingface.addSpace({ _id: '4'.repeat(24), id: 'acme/s1', likes: 4 });
    up.dockerhub.addRepository('acme/app', { pulls: 500, stars: 5 });
    up.dockerhub.addRepository('library/postgres', { pulls: 900, stars: 9 });
    cwd = await tempWorkdir(CONFIG);
    anonymousCwd = await tempWorkdir(ANONYMOUS_CONFIG);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.github.clearFaults();
    up.huggingface.clearFaults();
    up.dockerhub.clearFaults();
    up.dockerhub.setRetryAfterStyle('seconds');
    up.github.addToken(TOKEN); // a fresh budget
    await clearCollectedData(db.url);
  });

  const collect = (token = true) =>
    runCli(['collect'], {
      env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: token ? TOKEN : '' },
      cwd: token ? cwd : anonymousCwd,
      timeoutMs: 500,
    });
  const duplicates = () => sqlRows(db.url, 'SELECT subject_id, metric, run_id FROM samples GROUP BY 1, 2, 3 HAVING count(*) > 1');

  it.each(RIDDEN_OUT)('%s', async (_name, inject, options = {}) => {
    inject(up);
    const result = await collect(options.token ?? true);
    expect(result.stdout, result.logs.slice(-2_000)).not.toContain('Failures:');
    expect(result.code).toBe(0);
    const faulted = up.requests.filter((r) => r.fault !== undefined);
    expect(faulted.length).toBeGreaterThan(0); // the fault really happened
    const expected = options.token === false ? ANONYMOUS_SAMPLES : ALL_SAMPLES;
    const [count] = await sqlRows<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM samples');
    expect(count?.n).toBe(expected);
    expect(await duplicates()).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT * FROM collection_failures')).toEqual([]);
    // acme/r1's release sum, exact through the fault: 1 + ... + 101 for its first release, 1 for each of the other 100 (with a token: GraphQL only).
    const releaseSum = await sqlRows(db.url, `SELECT value::int AS value FROM latest_metrics WHERE key = 'acme/r1' AND metric = 'release_downloads'`);
    expect(releaseSum).toEqual(options.token === false ? [] : [{ value: 5_151 + 100 }]);
  });

  it('a fault that never ends is recorded for its subjects, and the rest is stored', async () => {
    up.huggingface.inject({ match: { path: '/api/models/acme/m2' }, times: Infinity, fault: { kind: 'status', status: 503 } });
    up.huggingface.inject({ match: { path: '/api/spaces/acme/s1' }, times: Infinity, fault: { kind: 'truncated-json' } });
    up.github.inject({ match: { path: '/graphql' }, times: Infinity, fault: { kind: 'truncated-json' } });
    up.dockerhub.inject({ match: { path: '/v2/namespaces/library/repositories/postgres' }, times: Infinity, fault: { kind: 'status', status: 502 } });
    const result = await collect();
    expect(result.code).toBe(1);
    const failures = await sqlRows<{ kind: string; key: string; error_kind: string }>(
      db.url,
      `SELECT kind, key, error_kind FROM collection_failures ORDER BY kind, key`,
    );
    expect(failures.filter((f) => f.kind === 'github_repo')).toHaveLength(101 + 2 + 1); // + the two release sums, + acme-org/*
    expect(failures.filter((f) => f.kind === 'github_search').map((f) => f.error_kind)).toEqual(['parse', 'parse']);
    expect(failures.filter((f) => f.kind === 'hf_model')).toEqual([{ kind: 'hf_model', key: 'acme/m2', error_kind: 'http' }]);
    expect(failures.filter((f) => f.kind === 'hf_space')).toEqual([{ kind: 'hf_space', key: 'acme/s1', error_kind: 'parse' }]);
    expect(failures.filter((f) => f.kind === 'docker_image')).toEqual([{ kind: 'docker_image', key: 'library/postgres', error_kind: 'http' }]);
    const stored = await sqlRows<{ key: string; metric: string }>(db.url, `SELECT key, metric FROM latest_metrics ORDER BY metric, key`);
    expect(stored).toEqual([
      { key: 'acme/d1', metric: 'downloads_30d' },
      { key: 'acme/m1', metric: 'downloads_30d' },
      { key: 'acme/d1', metric: 'downloads_all_time' },
      { key: 'acme/m1', metric: 'downloads_all_time' },
      { key: 'acme/d1', metric: 'likes' },
      { key: 'acme/m1', metric: 'likes' },
      { key: 'acme/app', metric: 'pulls' },
      { key: 'acme/app', metric: 'stars' },
    ]);
    const runs = await sqlRows<{ source: string; status: string }>(db.url, 'SELECT source, status FROM collection_runs ORDER BY id');
    expect(runs).toEqual([
      { source: 'github-repos', status: 'failed' },
      { source: 'github-search', status: 'failed' },
      { source: 'github-releases', status: 'failed' },
      { source: 'huggingface', status: 'partial' },
      { source: 'dockerhub', status: 'partial' },
    ]);
  });
});
