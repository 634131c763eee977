import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.ts';

/** Keys under `prefix` in one database of the test Redis. */
async function keysIn(database: number, prefix: string): Promise<string[]> {
  const redis = new Redis(`${TEST_REDIS_URL}/${database}`);
  try {
    return await redis.keys(`${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}

describe('REDIS_URL naming a database', () => {
  const prefix = uniquePrefix();
  afterEach(async () => {
    await deletePrefix(prefix);
    await deletePrefix(prefix, `${TEST_REDIS_URL}/3`);
  });

  it('that the server refuses is exit 2 naming it, and nothing lands in database 0', async () => {
    const env = { REDIS_URL: `${TEST_REDIS_URL}/99`, OSS_PULSE_QUEUE_PREFIX: prefix };
    for (const command of ['enqueue', 'schedule', 'status', 'worker']) {
      const result = await runCli([command], { env: { ...env, DATABASE_URL: '' }, cwd: await tempWorkdir() });
      expect(result.code, command).toBe(2);
      expect(result.stderr).toMatch(/^oss-pulse: REDIS_URL selects database 99, which the Redis server refuses \(ERR DB index is out of range\)/);
    }
    expect(await keysIn(0, prefix)).toEqual([]);
  }, 60_000);

  it('that exists is used: the round is queued there, not in database 0', async () => {
    const env = { REDIS_URL: `${TEST_REDIS_URL}/3`, OSS_PULSE_QUEUE_PREFIX: prefix };
    const result = await runCli(['enqueue', 'npm'], { env, cwd: await tempWorkdir() });
    expect(result.code, result.stderr).toBe(0);
    expect(await keysIn(3, prefix)).not.toEqual([]);
    expect(await keysIn(0, prefix)).toEqual([]);
  });
});
