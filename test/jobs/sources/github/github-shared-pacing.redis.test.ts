// Workers on one token keep GitHub's limits together: their clients pace through
// ledgers in Redis, which the workers' gate carries (workers/rate-limit-budgets.ts).
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../../../jobs/sources/github/github-client.ts';
import type { PacingCeilings } from '../../../../jobs/sources/github/github-pacing.ts';
import { budgetGate } from '../../../../workers/rate-limit-budgets.ts';
import { redisLedgerStore } from '../../../../workers/shared-ledgers.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../../helpers/redis.ts';

const TOKEN = 'ghp_sharedpacingtoken000000000000000001';
const QUERIES = Array.from({ length: 120 }, (_, i) => `shared-${i}`);
const CEILINGS: Partial<PacingCeilings> = { windowMs: 1_000, maxConcurrent: 3 };

describe('GitHub pacing shared by workers through Redis', () => {
  let up: FakeUpstream;
  let redis: Redis;
  let prefix: string;
  beforeAll(async () => {
    up = await startFakeUpstream();
    up.github.addToken(TOKEN);
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await up.close();
  });
  beforeEach(() => {
    prefix = uniquePrefix();
    up.github.clearFaults();
    up.github.clearSecondaryLimits();
    up.github.setSecondaryLimits({ windowMs: 1_000, maxConcurrent: 3 });
    up.github.inject({ fault: { kind: 'delay', ms: 50 }, times: Infinity });
    up.clearRequests();
  });
  afterEach(() => deletePrefix(prefix, TEST_REDIS_URL));

  /** A worker's GitHub client: its own process memory, the workers' gate. */
  const workerClient = (shared: boolean): GitHubClient =>
    testGitHubClient(up.github.url, {
      tokens: [TOKEN],
      pacing: { ceilings: CEILINGS },
      retry: { retries: 0, maxRateLimitWaitMs: 0 },
      ...(shared && { gate: budgetGate(redis, prefix, () => false) }),
    });

  it('two workers on one token stay under its concurrency together', async () => {
    const answers = await Promise.all([workerClient(true).countRepositories(QUERIES), workerClient(true).countRepositories(QUERIES)]);
    expect(answers.flatMap((answer) => [...answer.values()]).every((result) => result.ok)).toBe(true);
    expect(up.github.secondaryRefusals()).toEqual([]);
    expect(up.github.secondaryLimits(TOKEN).peakConcurrent).toBe(3);
    // The ledger is kept under a digest of the token, never the token itself.
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^${prefix}:ledger:github:[0-9a-f]{16}$`))]);
    expect(await redis.get(keys[0] as string)).not.toContain(TOKEN);
  });

  it('each on its own ledger, they overstep it (the sharing is what keeps them under)', async () => {
    await Promise.all([workerClient(false).countRepositories(QUERIES), workerClient(false).countRepositories(QUERIES)]);
    expect(up.github.secondaryRefusals().map((refusal) => refusal.rule)).toContain('concurrency');
  });

  it('updates a ledger atomically when workers change it at once', async () => {
    const other = new Redis(TEST_REDIS_URL); // another worker's connection
    try {
      const [mine, theirs] = [redisLedgerStore(redis, prefix), redisLedgerStore(other, prefix)];
      const increment = (i: number) => (i % 2 === 0 ? mine : theirs).update<number, void>('counter', (count) => ({ ledger: (count ?? 0) + 1, result: undefined }), 60_000);
      await Promise.all(Array.from({ length: 100 }, (_, i) => increment(i)));
      expect(await redis.get(`${prefix}:ledger:counter`)).toBe('100');
    } finally {
      other.disconnect();
    }
  });
});
