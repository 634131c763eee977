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
