import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../../schema/db.ts';
import { httpCache } from '../../../schema/tables.ts';
import type { EtagCache } from './github-rest.ts';

/** The ETag cache kept in Postgres, so conditional requests work across runs and processes. */
export function createEtagCache(db: Database, now: () => Date): EtagCache {
  return {
    async get(key) {
      const [row] = await db.select({ etag: httpCache.etag, body: httpCache.body }).from(httpCache).where(eq(httpCache.url, key));
      return row;
    },
    async set(key, etag, body) {
      await db
        .insert(httpCache)
        .values({ url: key, etag, body, storedAt: now() })
        .onConflictDoUpdate({ target: httpCache.url, set: { etag, body, storedAt: sql`excluded.stored_at` } });
    },
  };
}
