import { open, readFile, unlink } from 'node:fs/promises';

/** Another process has the embedded database open. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/**
 * Takes the embedded database for this process. PGlite is Postgres in single-user
 * mode: a second process opening the same folder crashes or damages it, so a lock file
 * beside the folder (`<dataDir>.lock`, holding the owner's pid) turns that into a
 * clear error. A lock left by a process that is gone is taken over. Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return () => unlink(path).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
      throw new DatabaseInUseError(
        `the embedded database ${dataDir} is in use by another oss-pulse process (pid ${owner}); ` +
          'wait for it to finish, or set DATABASE_URL to share a Postgres server between processes',
      );
    }
    await unlink(path).catch(() => {});
  }
  throw new DatabaseInUseError(`could not take the lock ${path} on the embedded database`);
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
