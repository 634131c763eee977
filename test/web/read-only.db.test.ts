// `serve` without --collect reads through a pool whose sessions are read-only at the
// server: the same answers as reading in read-only transactions, and no write possible.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { openPostgres } from '../../schema/db.ts';
import { buildServer } from '../../web/server.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { DASHBOARD_CONFIG, DASHBOARD_NOW, seedDashboard } from '../helpers/dashboard-fixture.ts';

describe('a read-only pool', () => {
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    const writer = openPostgres(database.url);
    await writer.migrate();
    await seedDashboard(writer.db);
    await writer.close();
  }, 60_000);
  afterAll(() => database.drop());

  it('migrates through a connection of its own, then refuses every write', async () => {
    const handle = openPostgres(database.url, { readOnly: true });
    try {
      expect(handle.readOnly).toBe(true);
      await handle.migrate();
      const refused = await handle.db.execute(sql`DELETE FROM samples`).then(
        () => 'written',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
      expect(refused).toMatch(/read-only transaction/);
    } finally {
      await handle.close();
    }
  });

  it('gives the dashboard the same answers as read-only transactions do', async () => {
    const readOnlyPool = openPostgres(database.url, { readOnly: true });
    const plainPool = openPostgres(database.url);
    const logger = createLogger({ level: 'silent' });
    const direct = await buildServer({ db: readOnlyPool.db, readOnlyConnection: true, config: DASHBOARD_CONFIG, reportsDir: '/nonexistent', logger, now: () => DASHBOARD_NOW });
    const wrapped = await buildServer({ db: plainPool.db, config: DASHBOARD_CONFIG, reportsDir: '/nonexistent', logger, now: () => DASHBOARD_NOW });
    try {
      for (const url of ['/api/series', '/api/series/github_repo/ollama/ollama?interval=week', '/api/compare?series=github_search:llama', '/badge/github_repo/BlinkDL/RWKV-LM.svg', '/', '/series/github_repo/jmorganca/ollama']) {
        const [a, b] = await Promise.all([direct.inject({ url }), wrapped.inject({ url })]);
        expect(a.statusCode, url).toBe(b.statusCode);
        expect(a.body, url).toBe(b.body);
      }
    } finally {
      await Promise.all([direct.close(), wrapped.close()]);
      await Promise.all([readOnlyPool.close(), plainPool.close()]);
    }
  });
});
