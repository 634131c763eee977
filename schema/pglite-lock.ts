import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { currentProcess, type ProcessIdentity, processState } from './process-identity.ts';

/** The embedded database cannot be used: in use elsewhere, damaged, or a folder that is not ours. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/** Another process has the embedded database open. */
export class DatabaseInUseError extends EmbeddedDatabaseError {
  override name = 'DatabaseInUseError';
}

/** Folders this process holds, so a second opening in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the embedded database for this process. PGlite is Postgres in single-user
 * mode: a second process opening the same folder crashes or damages it, so a lock file
 * beside the folder (`<dataDir>.lock`) turns that into a clear error. The lock names
 * its holder by host, pid and process start time: a lock whose pid now belongs to
 * another process (pids are reused; a restarted container starts again at low pids,
 * even at this process's own) or to no process is stale and taken over. Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = `${dataDir}.lock`;
  if (heldHere.has(dataDir)) throw inUse(dataDir, currentProcess());
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${JSON.stringify(currentProcess())}\n`);
      await file.close();
      heldHere.add(dataDir);
      return async () => {
        heldHere.delete(dataDir);
        await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = parseHolder(await readFile(path, 'utf8').catch(() => ''));
    if (holder && holdsItStill(holder)) throw inUse(dataDir, holder);
    await unlink(path).catch(() => {});
  }
  throw new DatabaseInUseError(`could not take the lock ${path} on the embedded database`);
}

function inUse(dataDir: string, holder: ProcessIdentity): DatabaseInUseError {
  const otherHost = holder.host === hostname() ? undefined : holder.host;
  const where = otherHost ? ` on host ${otherHost}` : '';
  const stale = otherHost ? `; if no oss-pulse runs there any more, delete ${dataDir}.lock` : '';
  return new DatabaseInUseError(
    `the embedded database ${dataDir} is in use by another oss-pulse process (pid ${holder.pid}${where}); ` +
      `wait for it to finish, or set DATABASE_URL to share a Postgres server between processes${stale}`,
  );
}

/** The JSON lock, or the bare pid older versions wrote (a holder on this host, without a start time). */
function parseHolder(text: string): ProcessIdentity | undefined {
  try {
    const value = JSON.parse(text) as Partial<ProcessIdentity>;
    if (typeof value === 'object' && value !== null && Number.isInteger(value.pid) && typeof value.host === 'string') {
      return { pid: value.pid as number, host: value.host, ...(typeof value.startTime === 'string' && { startTime: value.startTime }) };
    }
  } catch {
    // not JSON: the old format
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, host: hostname() } : undefined;
}

/**
 * Whether the holder still runs. Another host's lock is respected (its pids mean nothing
 * here; the message says how to clear it). Without a start time to compare (an old lock,
 * or no /proc), a live pid counts only if it is not this process and runs oss-pulse.
 */
function holdsItStill(holder: ProcessIdentity): boolean {
  const state = processState(holder);
  if (state !== 'unknown') return state === 'alive';
  if (holder.host !== hostname()) return true;
  return holder.pid !== process.pid && runsOssPulse(holder.pid);
}

/** A lock without a start time is trusted only while that pid still runs oss-pulse. */
function runsOssPulse(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('oss-pulse');
  } catch {
    return true; // no procfs: cannot tell, so do not take the database from under it
  }
}
