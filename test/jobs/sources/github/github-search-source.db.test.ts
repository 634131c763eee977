import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fellImplausibly } from '../../../../jobs/sources/github/github-search-source.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';

const TOKEN = 'ghp_searchtesttoken00000000000000000001';
const HOUR = 3_600_000;

/**
 * GraphQL `search` says nothing of a count GitHub cut short on a timeout; the fake's
 * `setSearchCount(q, n, { incomplete })` answers GraphQL `n` and REST `n` with the flag.
 */
describe('github-search with a token: counts that fell by more than half', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  let clock = Date.parse('2026-11-30T06:00:00Z');
  const env = () => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN });
  /** One round, an hour after the last. */
  const collect = () => {
    clock += HOUR;
    return runCli(['collect', 'github-search'], { env: env(), cwd, now: () => new Date(clock) });
  };
  const stored = (key: string) =>
    sqlRows<{ value: string }>(
      db.url,
      `SELECT x.value FROM samples x JOIN subjects s ON s.id = x.subject_id WHERE s.key = $1 AND x.metric = 'repositories' ORDER BY x.observed_at`,
      [key],
    ).then((rows) => rows.map((row) => Number(row.value)));
  const restSearches = () => up.requests.filter((r) => r.upstream === 'github' && r.path === '/search/repositories').map((r) => r.query.q);

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    cwd = await tempWorkdir('github:\n  searches: [llama, gpt-4]\n');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    await clearCollectedData(db.url);
    up.github.setSearchCount('llama', 6_000);
    up.github.setSearchCount('gpt-4', 4_000);
    expect((await collect()).code).toBe(0);
    up.clearRequests();
  });

  it('does not store a count REST search marks incomplete, and records the failure', async () => {
    up.github.setSearchCount('llama', 2_000, { incomplete: true });
    up.github.setSearchCount('gpt-4', 4_100);
    const result = await collect();
    expect(result.code).toBe(1);
    expect(await stored('llama')).toEqual([6_000]);
    expect(await stored('gpt-4')).toEqual([4_000, 4_100]);
    // Asked again through REST for llama only (an incomplete answer is retried, as without a token).
    expect(new Set(restSearches())).toEqual(new Set(['llama']));
    const failures = await sqlRows(db.url, 'SELECT kind, key, metric, error_kind, message FROM collection_failures');
    expect(failures).toEqual([
      {
        kind: 'github_search',
        key: 'llama',
        metric: null,
        error_kind: 'incomplete',
        message: expect.stringMatching(/^GitHub GraphQL counted 2000 for "llama", under half the last stored 6000/),
      },
    ]);
  });

  it('stores a fall that REST search confirms complete', async () => {
    up.github.setSearchCount('llama', 2_000);
    expect((await collect()).code).toBe(0);
    expect(await stored('llama')).toEqual([6_000, 2_000]);
    expect(restSearches()).toEqual(['llama']);
    expect(await sqlRows(db.url, 'SELECT key FROM collection_failures')).toEqual([]);
  });

  it('stores a fall of half or less without asking REST', async () => {
    up.github.setSearchCount('llama', 3_000);
    up.github.setSearchCount('gpt-4', 2_100);
    expect((await collect()).code).toBe(0);
    expect(await stored('llama')).toEqual([6_000, 3_000]);
    expect(await stored('gpt-4')).toEqual([4_000, 2_100]);
    expect(restSearches()).toEqual([]);
  });
});

describe('fellImplausibly', () => {
  it('is a fall below half of the last stored figure, never a first figure', () => {
    expect(fellImplausibly(2_999, 6_000)).toBe(true);
    expect(fellImplausibly(3_000, 6_000)).toBe(false);
    expect(fellImplausibly(0, 1)).toBe(true);
    expect(fellImplausibly(0, 0)).toBe(false);
    expect(fellImplausibly(0, undefined)).toBe(false);
  });
});
