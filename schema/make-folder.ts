import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A folder the user named (data or output) cannot be made or written to. */
export class FolderError extends Error {
  override name = 'FolderError';
}

/**
 * Makes `path` and its missing parents one level at a time and checks it can be
 * written to. Node's recursive `mkdir` spins forever on some paths (under /proc it
 * retries a parent that can never be made); this fails at once, naming the folder.
 * `what` names the folder in messages (e.g. "--out", "OSS_PULSE_DATA_DIR").
 */
export async function makeFolder(path: string, what: string): Promise<void> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let current = target; ; current = dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined; // look further up
      throw new FolderError(`${what} ${path} cannot be used: ${error.code ?? error.message} on ${current}`);
    });
    if (found && !found.isDirectory()) throw new FolderError(`${what} ${path} cannot be used: ${current} is a file, not a folder`);
    if (found) break;
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return;
      throw new FolderError(`${what} ${path} cannot be created: ${error.code ?? error.message} on ${folder}`);
    });
  }
  await access(target, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new FolderError(`${what} ${path} cannot be written to: ${error.code ?? error.message}`);
  });
}
