import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_TEST_DATABASE_URL } from './service-defaults.ts';

/** The server tests run against; test/global-setup.ts sets TEST_DATABASE_URL to the one it found or started. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** A fresh, empty database `<prefix>_<random>` on the test server (one per test file), dropped by `drop()`. */
export async function createTestDatabase(prefix = 'oss_pulse_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Plain SQL against a test database, the way a user's psql would see it. */
export async function sqlRows<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  // A connection the server ends (a test's database dropped WITH (FORCE) at teardown) also
  // emits 'error': the query's rejection already tells it, so the event must not crash the run.
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A fresh test database with OSS Pulse's migrations applied. */
export async function createMigratedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase();
  const { openPostgres } = await import('../../schema/db.ts');
  const handle = openPostgres(database.url);
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  return database;
}

/**
 * Empties everything collected (and the rollups derived from it) between tests sharing
 * one database. The rollups have no foreign keys, so CASCADE alone would leave them.
 */
export async function clearCollectedData(url: string): Promise<void> {
  await sqlRows(
    url,
    'TRUNCATE subjects, samples, series, weekly_samples, collection_runs, collection_failures, http_cache RESTART IDENTITY CASCADE',
  );
}
