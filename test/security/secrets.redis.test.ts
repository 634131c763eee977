import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { startInProcessWorker } from '../helpers/worker.ts';

const GITHUB_TOKENS = ['ghp_SECRETaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', 'ghp_SECRETbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2'];
const HF_TOKEN = 'hf_SECRETcccccccccccccccccccccccc3';
const SECRETS = [...GITHUB_TOKENS, HF_TOKEN];
const CONFIG = `github:
  repos: [acme/rocket, acme/gone]
  searches: [llama]
huggingface:
  models: [acme/model]
`;

/** Tokens come only from the environment and never reach logs, job data, the database or reports. */
describe('secrets never leave the environment', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const prefix = uniquePrefix();
  const written: string[] = [];
  const env = () => ({
    ...up.env(),
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    OSS_PULSE_QUEUE_PREFIX: prefix,
    GITHUB_TOKEN: GITHUB_TOKENS.join(','),
    HF_TOKEN,
  });

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    for (const token of GITHUB_TOKENS) up.github.addToken(token);
    up.huggingface.addToken(HF_TOKEN);
    up.github.addRepo({ id: 1, fullName: 'acme/rocket', stars: 10, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 });
    up.github.setSearchCount('llama', 5);
    up.huggingface.addModel({ _id: 'a'.repeat(24), id: 'acme/model', downloads: 1, downloadsAllTime: 2, likes: 3 });
    // A careless upstream that echoes the token in an error body: it must still not be stored.
    up.huggingface.inject({ times: 10, fault: { kind: 'status', status: 502, body: `bad gateway for ${HF_TOKEN} and ${GITHUB_TOKENS[0]}` } });
    cwd = await tempWorkdir(CONFIG);

    for (const args of [['collect'], ['report', '--week', '2026-W48'], ['status', '--json']]) {
      const result = await runCli(args, { env: env(), cwd, now: () => new Date('2026-11-30T06:00:00Z') });
      written.push(result.stdout, result.stderr, result.logs);
    }
    const worker = startInProcessWorker(env(), parseConfig(CONFIG, 'x.yaml'));
    written.push((await runCli(['enqueue'], { env: env(), cwd })).stdout);
    await waitFor('the queued rounds', async () => {
      const [row] = await sqlRows<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM collection_runs WHERE trigger = 'enqueue' AND finished_at IS NOT NULL`);
      return row && row.n === 3;
    }, 30_000);
    await worker.stop();
    written.push(worker.logs());
  }, 90_000);
  afterAll(async () => {
    await up.close();
    await db.drop();
    await deletePrefix(prefix);
  });

  it('the tokens were really used (so their absence below means something)', () => {
    const used = new Set(up.requests.map((request) => request.token).filter(Boolean));
    expect(used).toEqual(new Set(SECRETS));
    expect(written.join('\n')).toContain('[redacted]'); // the echoed token was caught on its way out
  });

  it('not in logs or command output', () => {
    for (const secret of SECRETS) expect(written.join('\n')).not.toContain(secret);
  });

  it('not in any table of the database', async () => {
    const tables = await sqlRows<{ table_name: string }>(db.url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const rows = await sqlRows<{ t: string }>(db.url, `SELECT t::text AS t FROM "${table_name}" t`);
      for (const secret of SECRETS) expect(rows.map((row) => row.t).join('\n'), table_name).not.toContain(secret);
    }
    const [failures] = await sqlRows<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM collection_failures WHERE message LIKE '%[redacted]%'`);
    expect(failures?.n).toBeGreaterThan(0);
  });

  it('not in Redis (job payloads, schedules, budgets)', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(5);
      for (const key of keys) {
        const type = await redis.type(key);
        const content =
          type === 'hash' ? JSON.stringify(await redis.hgetall(key))
          : type === 'string' ? await redis.get(key)
          : type === 'list' ? (await redis.lrange(key, 0, -1)).join()
          : type === 'zset' ? (await redis.zrange(key, '0', '-1')).join()
          : type === 'set' ? (await redis.smembers(key)).join()
          : type === 'stream' ? JSON.stringify(await redis.xrange(key, '-', '+'))
          : '';
        for (const secret of SECRETS) expect(content, key).not.toContain(secret);
      }
    } finally {
      redis.disconnect();
    }
  });

  it('not in the report files', async () => {
    const dir = join(cwd, 'oss-pulse-reports');
    const files = await readdir(dir);
    expect(files).toHaveLength(4);
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      for (const secret of SECRETS) expect(text, file).not.toContain(secret);
    }
  });
});
