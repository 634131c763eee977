import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { defaultConfigYaml } from '../config/default-watchlist.ts';

export interface WriteStarterConfigOptions {
  /**
   * Replace an existing file.
   * @defaultValue false
   */
  force?: boolean;
}

/**
 * Writes the default watchlist to `path` (what `oss-pulse init` does). The text
 * goes to a temporary file beside the target first, so a crash or a full disk
 * never leaves a half-written config that the next command would choke on.
 * Without `force`, an existing file is left alone and a ConfigError says so.
 * (Checked before writing; two `init`s racing on one path is not a case worth a lock.)
 */
export async function writeStarterConfig(path: string, options: WriteStarterConfigOptions = {}): Promise<void> {
  if (!options.force && (await exists(path))) {
    throw new ConfigError(path, [{ path: '', message: 'already exists; not overwriting it (use --force to replace it)' }]);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, defaultConfigYaml(), { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
