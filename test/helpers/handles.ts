import { openPglite, openPostgres, type DatabaseHandle } from '../../schema/db.ts';
import { createTestDatabase } from './database.ts';

/** Both database drivers the product supports, migrated, for `describe.each`. */
export const DRIVERS = ['postgres', 'pglite'] as const;
export type Driver = (typeof DRIVERS)[number];

export async function openTestHandle(driver: Driver): Promise<DatabaseHandle> {
  if (driver === 'pglite') {
    const handle = await openPglite();
    await handle.migrate();
    return handle;
  }
  const database = await createTestDatabase();
  const handle = openPostgres(database.url);
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
