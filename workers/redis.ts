import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Settings } from '../runtime/read-env.ts';
import { UsageError } from '../runtime/usage-error.ts';

/** REDIS_URL (its form already checked by `readEnv`), required by the queue commands. */
export function requireRedisUrl(settings: Pick<Settings, 'redisUrl'>, command: string): string {
  if (!settings.redisUrl) throw new UsageError(`${command} needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)`);
  return settings.redisUrl;
}

/**
 * Checks, before a command does anything with it, that REDIS_URL leads to a Redis that
 * answers, and that the database index it names (`redis://host:6379/3`) exists there:
 * ioredis reports a refused SELECT only as an error event and carries on in database 0,
 * which would put the queues among someone else's keys. Each problem is a UsageError
 * in one line naming REDIS_URL and what was tried (never the password).
 */
export async function checkRedis(url: string): Promise<void> {
  const parsed = new URL(url);
  const index = Number(parsed.pathname.replace(/^\//, '') || '0');
  if (!Number.isInteger(index) || index < 0) throw new UsageError(`REDIS_URL names database "${parsed.pathname.slice(1)}"; expected a number (redis://host:6379/0)`);
  const where = `${parsed.hostname || '127.0.0.1'}:${parsed.port || '6379'}`;
  parsed.pathname = '';
  const client = new Redis(parsed.toString(), { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null });
  // The connection's own error (ECONNREFUSED, ENOTFOUND) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect().catch((error: Error) => {
      const said = (cause ?? error).message.replace(/^connect /, '');
      throw new UsageError(`REDIS_URL: cannot connect to Redis at ${where} (${said}); is Redis running there?`);
    });
    if (index > 0) {
      await client.select(index).catch((error: Error) => {
        throw new UsageError(`REDIS_URL selects database ${index}, which the Redis server refuses (${error.message}); use one it has, such as 0`);
      });
    }
  } finally {
    client.disconnect();
  }
}

export type RedisRole = 'worker' | 'producer';

/**
 * BullMQ connection options by role. Workers block on Redis (BullMQ requires
 * `maxRetriesPerRequest: null`) and ride out a Redis restart: ioredis reconnects and
 * commands wait. Commands that add or read jobs and exit (`enqueue`, `schedule`,
 * `status`) fail fast with an error instead of hanging when Redis is down.
 */
export function redisConnection(url: string, role: RedisRole): ConnectionOptions {
  if (role === 'worker') return { url, maxRetriesPerRequest: null };
  return { url, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, retryStrategy: () => null };
}

/** A plain client for the few keys OSS Pulse keeps beside BullMQ's (rate-limit budgets). */
export function plainRedis(url: string, role: RedisRole): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null });
}
