import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/** The embedded database cannot be used: in use elsewhere, damaged, or a folder that is not ours. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

/** Another process has the embedded database open. */
export class DatabaseInUseError extends EmbeddedDatabaseError {
  override name = 'DatabaseInUseError';
}

/** Who holds the lock: enough to tell a live holder from a pid that was reused. */
interface LockHolder {
  pid: number;
  /** Kernel start time of the process (clock ticks since boot, Linux); absent elsewhere. */
  startTime?: string;
  host: string;
}

/** Folders this process holds, so a second opening in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the embedded database for this process. PGlite is Postgres in single-user
 * mode: a second process opening the same folder crashes or damages it, so a lock file
 * beside the folder (`<dataDir>.lock`) turns that into a clear error. The lock names
 * its holder by pid, process start time and host: a lock whose pid now belongs to
 * another process (pids are reused, a restarted container starts again at low pids,
 * even at this process's own pid) or to no process is stale and taken over. Returns
 * the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = `${dataDir}.lock`;
  if (heldHere.has(dataDir)) throw inUse(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${JSON.stringify(describeSelf())}\n`);
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
    if (holder && holdsItStill(holder)) throw inUse(dataDir, holder.pid, holder.host === hostname() ? undefined : holder.host);
    await unlink(path).catch(() => {});
  }
  throw new DatabaseInUseError(`could not take the lock ${path} on the embedded database`);
}

function inUse(dataDir: string, pid: number, otherHost?: string): DatabaseInUseError {
  const where = otherHost ? ` on host ${otherHost}` : '';
  const stale = otherHost ? `; if no oss-pulse runs there any more, delete ${dataDir}.lock` : '';
  return new DatabaseInUseError(
    `the embedded database ${dataDir} is in use by another oss-pulse process (pid ${pid}${where}); ` +
      `wait for it to finish, or set DATABASE_URL to share a Postgres server between processes${stale}`,
  );
}

function describeSelf(): LockHolder {
  const startTime = processStartTime(process.pid);
  return { pid: process.pid, host: hostname(), ...(startTime !== undefined && { startTime }) };
}

/** The JSON lock, or the bare pid older versions wrote (a holder that cannot be confirmed). */
function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
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
 * Whether the holder is still running: the same host (another host's pids mean nothing
 * here, and a shared folder is refused by its own lock there), a live pid, and the same
 * process start time. Without a start time (an old lock, or no /proc) a live pid other
 * than this process's counts.
 */
function holdsItStill(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // cannot check another machine: assume it is busy
  if (!isRunning(holder.pid)) return false;
  const now = processStartTime(holder.pid);
  if (holder.startTime !== undefined && now !== undefined) return holder.startTime === now;
  if (holder.startTime === undefined) return holder.pid !== process.pid && runsOssPulse(holder.pid);
  return holder.pid !== process.pid;
}

/** A bare-pid lock (older versions) is trusted only when that pid still runs oss-pulse. */
function runsOssPulse(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('oss-pulse');
  } catch {
    return true; // no procfs: cannot tell, so do not take the database from under it
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces); undefined without procfs. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
