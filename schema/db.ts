import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { migratePglite, migratePostgres } from './migrate.ts';
import { describeConnectionFailure } from './database-connection-error.ts';
import { damaged, inspectDataDir, markDataDir } from './embedded-data-dir.ts';
import { makeFolder } from './make-folder.ts';
import { lockDataDir } from './pglite-lock.ts';
import { redactUrl } from './redact-url.ts';

export { redactUrl };

/** The drizzle database, whichever driver is underneath: node-postgres and PGlite run the same SQL. */
export type Database = PgDatabase<PgQueryResultHKT>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Where the data lives, for messages: the server URL without its password, or the PGlite folder. */
  location: string;
  /** Every session is read-only at the server (`default_transaction_read_only`): nothing sent can write. */
  readOnly: boolean;
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `DATABASE_URL` with a node-postgres pool, or an embedded PGlite database in
 * `$OSS_PULSE_DATA_DIR` (default `./.oss-pulse/db`) when it is unset.
 */
export async function openDatabase(options: { env: NodeJS.ProcessEnv; cwd: string; readOnly?: boolean }): Promise<DatabaseHandle> {
  const url = options.env.DATABASE_URL;
  if (url) return openPostgres(url, { readOnly: options.readOnly });
  const dataDir = resolve(options.cwd, options.env.OSS_PULSE_DATA_DIR || '.oss-pulse/db');
  await makeFolder(dataDir, 'OSS_PULSE_DATA_DIR');
  return openPglite(dataDir);
}

/**
 * `readOnly`: the pool's sessions start read-only and without JIT (the dashboard's many
 * small lookups gain nothing from compiling), so no statement can write and none needs
 * a transaction of its own to be safe; migrations then run on a connection of their own.
 */
export function openPostgres(url: string, options: { max?: number; readOnly?: boolean } = {}): DatabaseHandle {
  // A handful of connections: writes are batched, so more only adds contention.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 5, ...(options.readOnly ? { options: '-c default_transaction_read_only=on -c jit=off' } : {}) });
  // An idle client losing its server (Postgres restart) must not crash the process.
  pool.on('error', () => {});
  const migrate = async () => {
    const writer = options.readOnly ? new pg.Pool({ connectionString: url, max: 1 }) : pool;
    writer.on('error', () => {});
    try {
      await migratePostgres(writer);
    } finally {
      if (writer !== pool) await writer.end();
    }
  };
  return {
    db: drizzleNodePg(pool) as unknown as Database,
    driver: 'postgres',
    location: redactUrl(url),
    readOnly: options.readOnly ?? false,
    // Every command migrates first: its first connection says whether DATABASE_URL works.
    migrate: () =>
      migrate().catch((error: unknown) => {
        throw describeConnectionFailure(url, error) ?? error;
      }),
    close: () => pool.end(),
  };
}

/**
 * `dataDir` (an existing folder) holds the database; undefined gives an in-memory one
 * (tests). A folder that is neither empty nor a database of ours, or a damaged
 * database, is an error before PGlite touches it: PGlite would initialise over it.
 */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let client: PGlite;
  try {
    const state = dataDir ? await inspectDataDir(dataDir) : 'empty';
    try {
      client = dataDir ? new PGlite(dataDir) : new PGlite();
      await client.waitReady;
    } catch (error) {
      // PGlite reports a broken control file or WAL as a WebAssembly abort: say what it means.
      if (dataDir && state !== 'empty') throw damaged(dataDir, `Postgres could not start on it (${firstLine(error)})`);
      throw error;
    }
    if (dataDir && state !== 'ours') await markDataDir(dataDir);
  } catch (error) {
    await release();
    throw error;
  }
  const db = drizzlePglite(client);
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    location: dataDir ?? 'memory',
    readOnly: false,
    migrate: () => migratePglite(db),
    close: async () => {
      try {
        await client.close();
      } finally {
        await release();
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Runs raw SQL and returns its rows, the same for both drivers. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A timestamp column as ISO 8601: node-postgres gives a Date, PGlite may give text. */
export function isoTimestamp(value: string | Date): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
