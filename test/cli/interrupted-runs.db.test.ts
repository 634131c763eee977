import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { startFakeUpstream, type FakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { waitFor } from '../helpers/redis.ts';
import { spawnCli } from '../helpers/spawn-worker.ts';

interface RunRow {
  id: string;
  status: string;
  finished_at: Date | null;
  error: string | null;
  process: string | null;
}

describe('a round cut short', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    up.github.addRepo({ id: 1, fullName: 'o/slow', stars: 10, forks: 1, subscribers: 1, openIssues: 0, openPullRequests: 0 });
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('by %s is closed as interrupted, and the process exits %i', async (signal, code) => {
    // The upstream never answers in time: the round is stuck in its first request.
    up.github.inject({ fault: { kind: 'delay', ms: 60_000 }, times: Infinity });
    const cwd = await tempWorkdir('github:\n  repos: [o/slow]\n');
    const cli = spawnCli(['collect', 'github-repos'], {
      cwd,
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, ...up.env(), GITHUB_TOKEN: '', LOG_LEVEL: 'info' },
    });
    const run = await waitFor('a running run', async () => {
      const rows = await sqlRows<RunRow>(db.url, `SELECT * FROM collection_runs WHERE status = 'running' AND process LIKE $1`, [`% ${cli.process.pid} %`]);
      return rows[0];
    });
    expect(run.process).toMatch(new RegExp(`^${hostname()} ${cli.process.pid} `));
    cli.process.kill(signal);
    expect(await cli.exitWithin(15_000)).toBe(code);
    const [after] = await sqlRows<RunRow>(db.url, 'SELECT * FROM collection_runs WHERE id = $1', [run.id]);
    expect(after).toMatchObject({ status: 'interrupted', error: 'interrupted before the round finished' });
    expect(after?.finished_at).not.toBeNull();
    up.github.clearFaults();
  }, 60_000);

  it('left running by a process that is gone reads as interrupted in status, and is closed in the database', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.once('exit', resolve));
    const [{ id } = { id: '' }] = await sqlRows<{ id: string }>(
      db.url,
      `INSERT INTO collection_runs (source, trigger, started_at, process) VALUES ('npm', 'collect', now(), $1) RETURNING id`,
      [`${hostname()} ${child.pid} 12345`],
    );
    // A queue round names no process: another worker picks it up, so it stays running.
    await sqlRows(db.url, `INSERT INTO collection_runs (source, trigger, started_at, job_key) VALUES ('pypi', 'schedule', now(), 'pypi/1')`);
    const result = await runCli(['status', '--json'], { env: { DATABASE_URL: db.url }, cwd: await tempWorkdir() });
    const status = JSON.parse(result.stdout) as { sources: { source: string; lastRun: { status: string } | null }[] };
    expect(status.sources.find((s) => s.source === 'npm')?.lastRun?.status).toBe('interrupted');
    expect(status.sources.find((s) => s.source === 'pypi')?.lastRun?.status).toBe('running');
    const [row] = await sqlRows<RunRow>(db.url, 'SELECT * FROM collection_runs WHERE id = $1', [id]);
    expect(row?.status).toBe('interrupted');
  });
});
