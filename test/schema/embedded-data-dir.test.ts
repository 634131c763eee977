import { cp, mkdir, mkdtemp, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../schema/db.ts';
import { DATABASE_MARKER } from '../../schema/embedded-data-dir.ts';
import { runCli } from '../helpers/cli.ts';

/** Every file under a folder with its size and modification time: "nothing was changed" made checkable. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(
    entries.sort().map(async (entry) => {
      const info = await stat(join(dir, entry));
      return `${entry} ${info.isDirectory() ? 'dir' : `${info.size} ${info.mtimeMs}`}`;
    }),
  );
}

describe('the embedded database folder', () => {
  let root: string;
  /** A database made once (PGlite's initdb takes seconds), copied for each case. */
  let pristine: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'oss-pulse-datadir-'));
    pristine = join(root, 'pristine');
    await mkdir(pristine);
    const handle = await openPglite(pristine);
    await handle.migrate();
    await handle.close();
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function copyOf(name: string): Promise<string> {
    const dir = join(root, name);
    await cp(pristine, dir, { recursive: true });
    return dir;
  }
  const status = (dataDir: string) => runCli(['status'], { env: { OSS_PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, cwd: root });

  it('is marked as ours when made', async () => {
    expect(await readdir(pristine)).toContain(DATABASE_MARKER);
  });

  it('with PG_VERSION deleted is an error saying it is damaged and how to restore it; nothing is written', async () => {
    const dataDir = await copyOf('no-version');
    await unlink(join(dataDir, 'PG_VERSION'));
    const before = await snapshot(dataDir);
    const result = await status(dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the embedded database ${dataDir} is damaged: PG_VERSION is missing. Nothing was changed.`);
    expect(result.stderr).toContain(`mv ${dataDir} ${dataDir}.damaged`);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it.each([
    ['a garbage pg_control', (dir: string) => writeFile(join(dir, 'global/pg_control'), Buffer.alloc(8192, 0x5a))],
    ['an emptied pg_wal', async (dir: string) => {
      for (const file of await readdir(join(dir, 'pg_wal'))) if (/^[0-9A-F]{24}$/.test(file)) await unlink(join(dir, 'pg_wal', file));
    }],
  ])('with %s is said to be damaged, not a WebAssembly abort', async (_, damage) => {
    const dataDir = await copyOf(`damaged-${Math.random().toString(36).slice(2)}`);
    await damage(dataDir);
    const result = await status(dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^oss-pulse: the embedded database .* is damaged: Postgres could not start on it/);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);

  it('that holds other files is refused (exit 2) and left as it was', async () => {
    const dataDir = join(root, 'my-notes');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'mine');
    const result = await status(dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${dataDir} is not empty and is not an oss-pulse database (it holds notes.txt)`);
    expect(await readdir(dataDir)).toEqual(['notes.txt']);
  });

  it('made by an older version (no mark) is used as it is, and marked', async () => {
    const dataDir = await copyOf('unmarked');
    await unlink(join(dataDir, DATABASE_MARKER));
    const result = await status(dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(dataDir)).toContain(DATABASE_MARKER);
  }, 60_000);

  it('under /proc (a folder that can never be made) fails at once with exit 2; so does report --out there', async () => {
    const result = await status('/proc/oss-pulse-test/db');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('oss-pulse: OSS_PULSE_DATA_DIR /proc/oss-pulse-test/db cannot be created: ENOENT on /proc/oss-pulse-test\n');

    const dataDir = await copyOf('for-report');
    const report = await runCli(['report', '--out', '/proc/oss-pulse-test'], { env: { OSS_PULSE_DATA_DIR: dataDir }, cwd: root });
    expect(report.code).toBe(2);
    expect(report.stderr).toBe('oss-pulse: --out /proc/oss-pulse-test cannot be created: ENOENT on /proc/oss-pulse-test\n');
    // Checked before the database was opened: no lock was taken.
    expect(await readdir(root)).not.toContain('for-report.lock');
  });

  it('a file where a folder should be is named', async () => {
    await writeFile(join(root, 'a-file'), '');
    const result = await status(join(root, 'a-file', 'db'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(root, 'a-file')} is a file, not a folder`);
  });
});
