import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../schema/db.ts';
import { DatabaseInUseError } from '../../schema/pglite-lock.ts';
import { processStartTime } from '../../schema/process-identity.ts';
import { runCli } from '../helpers/cli.ts';

/** A pid that no process has: a child's, once it has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

// Each case starts PGlite (initdb), seconds each on a busy machine.
describe('the embedded database is one process at a time', { timeout: 90_000 }, () => {
  let dir: string;
  let dataDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oss-pulse-lock-'));
    dataDir = join(dir, 'db');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second opening while the first is open, and allows it after close', async () => {
    await mkdir(dataDir);
    const first = await openPglite(dataDir);
    expect(JSON.parse(await readFile(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(openPglite(dataDir)).rejects.toThrow(DatabaseInUseError);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const second = await openPglite(dataDir);
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    await mkdir(dataDir);
    await writeFile(`${dataDir}.lock`, `${await deadPid()}\n`);
    const handle = await openPglite(dataDir);
    expect(JSON.parse(await readFile(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await handle.close();
  });

  it('a command meeting a running owner says so, exits 1 and leaves the database alone', async () => {
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await lockAs(dataDir, { pid: owner.pid ?? 0, host: hostname(), startTime: processStartTime(owner.pid ?? 0) });
      const env = { OSS_PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
      const result = await runCli(['status'], { env, cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by another oss-pulse process (pid ${owner.pid})`);
      expect(result.stderr).toContain('DATABASE_URL');
      expect(existsSync(dataDir)).toBe(true);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    } finally {
      owner.kill();
    }
  });

  // A restarted container reuses pids: 1, or this very process's own.
  it.each([
    ['a bare pid of a live process that is not oss-pulse (echo 1 > db.lock)', () => '1\n'],
    ['this process\'s own pid with another start time', () => JSON.stringify({ pid: process.pid, host: hostname(), startTime: '1' })],
    ['a live pid whose process started after the lock was written', () => JSON.stringify({ pid: 1, host: hostname(), startTime: 'before-a-restart' })],
  ])('takes over a lock naming %s', async (_, lock) => {
    await mkdir(dataDir);
    await writeFile(`${dataDir}.lock`, lock());
    const handle = await openPglite(dataDir);
    expect(JSON.parse(await readFile(`${dataDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await handle.close();
  });

  it('refuses a lock held on another host, and says how to clear it', async () => {
    await mkdir(dataDir);
    await lockAs(dataDir, { pid: 4242, host: 'some-other-host', startTime: '99' });
    await expect(openPglite(dataDir)).rejects.toThrow(/pid 4242 on host some-other-host.*delete .*db\.lock/);
  });
});

async function lockAs(dataDir: string, holder: { pid: number; host: string; startTime?: string }): Promise<void> {
  await writeFile(`${dataDir}.lock`, `${JSON.stringify(holder)}\n`);
}
