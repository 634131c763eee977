// What an embedded database folder holds, checked before PGlite touches it: PGlite
// initialises any folder it cannot read as a new database, so a damaged database
// (or a user's unrelated folder) would be silently replaced or filled.
import { access, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmbeddedDatabaseError } from './pglite-lock.ts';

/** The folder given for the embedded database holds something else: a setting to fix (exit 2). */
export class ForeignFolderError extends EmbeddedDatabaseError {
  override name = 'ForeignFolderError';
}

/** The embedded database is there but cannot be used as it is. */
export class DamagedDatabaseError extends EmbeddedDatabaseError {
  override name = 'DamagedDatabaseError';
}

/** Written into every database folder OSS Pulse creates: the mark that it is ours. */
export const DATABASE_MARKER = 'OSS_PULSE_DATABASE';
/** What a Postgres data folder cannot be without. */
const REQUIRED = ['PG_VERSION', 'global/pg_control', 'base'];
/** Any of these says "a Postgres data folder", even a damaged one. */
const POSTGRES_SIGNS = ['PG_VERSION', 'global', 'base', 'pg_wal', 'pg_xact'];

export type DataDirState = 'empty' | 'ours' | 'ours-unmarked';

/**
 * `empty`: a new database may be made here. `ours`: a marked, complete database.
 * `ours-unmarked`: a complete Postgres folder without the mark (made by an older
 * OSS Pulse): used, and marked once it opens. Throws for a non-empty folder that is
 * not a database, and for a database missing what Postgres needs.
 */
export async function inspectDataDir(dataDir: string): Promise<DataDirState> {
  const entries = await readdir(dataDir);
  if (entries.length === 0) return 'empty';
  const marked = entries.includes(DATABASE_MARKER);
  if (!marked && !POSTGRES_SIGNS.some((name) => entries.includes(name))) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    throw new ForeignFolderError(
      `${dataDir} is not empty and is not an oss-pulse database (it holds ${shown}); ` +
        'set OSS_PULSE_DATA_DIR to an empty or new folder (nothing was written)',
    );
  }
  const missing: string[] = [];
  for (const name of REQUIRED) {
    if (!(await access(join(dataDir, name)).then(() => true, () => false))) missing.push(name);
  }
  if (missing.length > 0) throw damaged(dataDir, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  return marked ? 'ours' : 'ours-unmarked';
}

export async function markDataDir(dataDir: string): Promise<void> {
  await writeFile(join(dataDir, DATABASE_MARKER), 'An OSS Pulse embedded database (PGlite). Copy or move the whole folder; do not edit it.\n');
}

export function damaged(dataDir: string, what: string): DamagedDatabaseError {
  return new DamagedDatabaseError(
    `the embedded database ${dataDir} is damaged: ${what}. Nothing was changed. ` +
      `Restore the folder from a backup, or move it aside (mv ${dataDir} ${dataDir}.damaged) to start a new, empty database`,
  );
}
