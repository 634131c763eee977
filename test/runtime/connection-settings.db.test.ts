import { describe, expect, it } from 'vitest';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { closedPort } from '../helpers/closed-port.ts';
import { TEST_SERVER_URL } from '../helpers/database.ts';

describe('connection settings that lead nowhere: one line naming the variable, exit 2', () => {
  it('DATABASE_URL at a port where nothing listens', async () => {
    const port = await closedPort();
    const result = await runCli(['status'], { env: { DATABASE_URL: `postgres://oss:s3cret@127.0.0.1:${port}/oss` }, cwd: await tempWorkdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `oss-pulse: DATABASE_URL: cannot use postgres at 127.0.0.1:${port}, database oss, as oss: nothing accepts connections there; is Postgres running on that host and port?\n`,
    );
    expect(result.logs).not.toContain('s3cret');
  });

  it('DATABASE_URL naming a database the server does not have', async () => {
    const url = new URL(TEST_SERVER_URL);
    url.pathname = '/oss_pulse_no_such_database';
    const result = await runCli(['collect'], { env: { DATABASE_URL: url.toString() }, cwd: await tempWorkdir('npm:\n  packages: [openai]\n') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^oss-pulse: DATABASE_URL: cannot use postgres at .*, database oss_pulse_no_such_database.*: the database does not exist/);
  });

  it('REDIS_URL at a port where nothing listens, for every command that needs Redis', async () => {
    const port = await closedPort();
    for (const command of ['enqueue', 'schedule', 'worker', 'status']) {
      const env = { REDIS_URL: `redis://:hunter2@127.0.0.1:${port}`, DATABASE_URL: TEST_SERVER_URL };
      const result = await runCli([command], { env, cwd: await tempWorkdir() });
      expect(result.code, command).toBe(2);
      expect(result.stderr).toBe(`oss-pulse: REDIS_URL: cannot connect to Redis at 127.0.0.1:${port} (ECONNREFUSED 127.0.0.1:${port}); is Redis running there?\n`);
    }
  });
});
