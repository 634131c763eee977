import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { UsageError } from './cli-context.ts';

/** REDIS_URL, required by the queue commands; checked before anything connects. */
export function requireRedisUrl(env: NodeJS.ProcessEnv, command: string): string {
  const url = env.REDIS_URL;
  if (!url) throw new UsageError(`${command} needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('REDIS_URL is not a URL (expected redis://host:port)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`REDIS_URL must start with redis:// or rediss:// (got ${parsed.protocol}//)`);
  }
  return url;
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
