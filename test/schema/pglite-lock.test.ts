import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../schema/db.ts';
import { DatabaseInUseError } from '../../schema/pglite-lock.ts';
import { runCli } from '../helpers/cli.ts';

/** A pid that no process has: a child's, once it has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

describe('the embedded database is one process at a time', () => {
  let dir: string;
  let dataDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oss-pulse-lock-'));
    dataDir = join(dir, 'db');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second opening while the first is open, and allows it after close', async () => {
    const first = await openPglite(dataDir);
    expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await expect(openPglite(dataDir)).rejects.toThrow(DatabaseInUseError);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openPglite(dataDir);
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeFile(`${dataDir}.lock`, `${await deadPid()}\n`);
    const handle = await openPglite(dataDir);
    expect((await readFile(`${dataDir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await handle.close();
  });

  it('a command meeting a running owner says so, exits 1 and leaves the database alone', async () => {
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(`${dataDir}.lock`, `${owner.pid}\n`);
      const env = { OSS_PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
      const result = await runCli(['status'], { env, cwd: dir });
      expect(result.code).toBe(1);
      expect(result.logs).toContain(`in use by another oss-pulse process (pid ${owner.pid})`);
      expect(result.logs).toContain('DATABASE_URL');
      expect(existsSync(dataDir)).toBe(true);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    } finally {
      owner.kill();
    }
  });
});
