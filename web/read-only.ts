import { sql } from 'drizzle-orm';
import type { Database } from '../schema/db.ts';

/**
 * Runs `read` in a read-only snapshot: the dashboard can never write, whatever a
 * request makes it do, and one page's several statements see one state of the data.
 */
export function readOnly<T>(db: Database, read: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      // Many small index lookups: JIT compilation costs more than it saves here.
      await tx.execute(sql`SET LOCAL jit = off`);
      return read(tx as unknown as Database);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** How the dashboard reads: `read(fn)` runs `fn` where it cannot write. */
export type Reader = <T>(read: (db: Database) => Promise<T>) => Promise<T>;

/**
 * On a read-only connection (`openPostgres(url, { readOnly: true })`) a read runs as it
 * is: the server refuses writes already, and a transaction would cost two round trips
 * per request. Elsewhere (PGlite, or a pool that also collects) each read is a
 * read-only transaction.
 */
export function readerOf(db: Database, readOnlyConnection: boolean): Reader {
  return readOnlyConnection ? (read) => read(db) : (read) => readOnly(db, read);
}
