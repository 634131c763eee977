import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryEmbedded, runCli, tempWorkdir } from '../../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';

const hubId = (n: number) => n.toString(16).padStart(24, '0');

/** Hugging Face and ModelScope into the embedded database (no DATABASE_URL), as a new user runs it. */
describe('collect huggingface and modelscope into PGlite', () => {
  let up: FakeUpstream;
  let cwd: string;

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.huggingface.addModel({ _id: hubId(1), id: 'THUDM/chatglm-6b', downloads: 3_000, downloadsAllTime: 900_000, likes: 2_500 });
    up.huggingface.addModel({ _id: hubId(2), id: 'old-org/model', downloads: 10, downloadsAllTime: 50, likes: 1 });
    for (let i = 0; i < 1_100; i++) {
      up.huggingface.addModel({ _id: hubId(1000 + i), id: `bigorg/m-${i}`, downloads: i, downloadsAllTime: 10 * i, likes: i % 3 });
    }
    up.modelscope.addModel({ owner: 'qwen', name: 'Qwen-7B', downloads: 123_456, stars: 789 });
  });
  afterAll(() => up.close());
  beforeEach(async () => {
    up.clearRequests();
    cwd = await tempWorkdir(
      [
        'huggingface:',
        '  models: [THUDM/chatglm-6b, old-org/model, ghost/missing]',
        '  authors: [bigorg]',
        'modelscope:',
        '  models: [qwen/Qwen-7B, nobody/nothing]',
      ].join('\n'),
    );
  });

  const env = () => ({ HF_ENDPOINT: up.huggingface.url, MODELSCOPE_ENDPOINT: up.modelscope.url });
  const query = <T>(text: ReturnType<typeof sql>) => queryEmbedded<T>(cwd, text);

  it('stores expanded Hub figures, lists an author page by page, and marks missing models', async () => {
    const result = await runCli(['collect', 'huggingface'], { env: env(), cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hf_model ghost/missing: not_found');

    const chatglm = await query<{ metric: string; value: number }>(
      sql`SELECT metric, value::float8 AS value FROM latest_metrics WHERE key = 'THUDM/chatglm-6b' ORDER BY metric`,
    );
    expect(chatglm).toEqual([
      { metric: 'downloads_30d', value: 3_000 },
      { metric: 'downloads_all_time', value: 900_000 },
      { metric: 'likes', value: 2_500 },
    ]);
    const [big] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM subjects WHERE key LIKE 'bigorg/%'`);
    expect(big?.n).toBe(1_100);

    const hub = up.requests.filter((r) => r.upstream === 'huggingface');
    const listing = hub.filter((r) => r.path === '/api/models');
    expect(listing).toHaveLength(3); // 1,100 models at 500 a page
    expect(listing[0]?.query).toMatchObject({ author: 'bigorg', expand: ['downloads', 'downloadsAllTime', 'likes'] });
    const single = hub.filter((r) => r.path.startsWith('/api/models/'));
    expect(single.map((r) => `${r.path} ${r.status}`).sort()).toEqual([
      '/api/models/THUDM/chatglm-6b 200',
      '/api/models/ghost/missing 401',
      '/api/models/old-org/model 200',
    ]);
  });

  it('keeps one series when a Hub model is renamed (307)', async () => {
    await runCli(['collect', 'huggingface'], { env: env(), cwd });
    up.huggingface.renameModel('old-org/model', 'new-org/model');
    up.huggingface.updateModel('new-org/model', { downloadsAllTime: 80 });
    await runCli(['collect', 'huggingface'], { env: env(), cwd });

    const subjects = await query<{ key: string; aliases: string[] }>(
      sql`SELECT key, aliases FROM subjects WHERE external_id = ${hubId(2)}`,
    );
    expect(subjects).toEqual([{ key: 'new-org/model', aliases: ['old-org/model'] }]);
    const values = await query<{ value: number }>(
      sql`SELECT x.value::float8 AS value FROM samples x JOIN subjects s ON s.id = x.subject_id
          WHERE s.external_id = ${hubId(2)} AND x.metric = 'downloads_all_time' ORDER BY x.observed_at`,
    );
    expect(values.map((row) => row.value)).toEqual([50, 80]);
    expect(up.requests.some((r) => r.path === '/api/models/old-org/model' && r.status === 307)).toBe(true);
  });

  it('waits out a Hub 429 with its RateLimit reset and stores the figures', async () => {
    up.huggingface.inject({ match: { path: '/api/models/THUDM/chatglm-6b' }, fault: { kind: 'hf-rate-limit', resetSeconds: 2 } });
    const result = await runCli(['collect', 'huggingface'], { env: env(), cwd });
    expect(result.stdout).toContain('hf_model ghost/missing');
    expect(result.stdout).not.toContain('THUDM/chatglm-6b:');
    expect(up.requests.filter((r) => r.path === '/api/models/THUDM/chatglm-6b').map((r) => r.status)).toEqual([429, 200]);
  });

  it('stores ModelScope downloads and likes; a missing model fails alone', async () => {
    const result = await runCli(['collect', 'modelscope'], { env: env(), cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/modelscope_model nobody\/nothing: not_found/);
    const rows = await query<{ key: string; metric: string; value: number }>(
      sql`SELECT key, metric, value::float8 AS value FROM latest_metrics WHERE kind = 'modelscope_model' ORDER BY metric`,
    );
    expect(rows).toEqual([
      { key: 'qwen/Qwen-7B', metric: 'downloads_all_time', value: 123_456 },
      { key: 'qwen/Qwen-7B', metric: 'likes', value: 789 },
    ]);
  });

  it('stores ModelScope answers with Likes and without Path; likes left out fail alone; private and HTML 404 are not found', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'Liked', downloads: 10, stars: 4, likeField: 'Likes', omitPath: true });
    up.modelscope.addModel({ owner: 'org', name: 'unliked', downloads: 20, stars: 5, likeField: 'none' });
    up.modelscope.addModel({ owner: 'org', name: 'secret', downloads: 30, stars: 6, private: true });
    up.modelscope.addModel({ owner: 'org', name: 'gone', downloads: 40, stars: 7 });
    up.modelscope.inject({ match: { path: '/api/v1/models/org/gone' }, fault: { kind: 'ms-not-found', body: 'html' } });
    cwd = await tempWorkdir(['modelscope:', '  models: [org/Liked, org/unliked, org/secret, org/gone]'].join('\n'));
    const result = await runCli(['collect', 'modelscope'], { env: env(), cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('modelscope_model org/unliked (likes): parse: ModelScope answered org/unliked without likes');
    expect(result.stdout).toMatch(/modelscope_model org\/secret: not_found: .*private or not visible/);
    expect(result.stdout).toMatch(/modelscope_model org\/gone: not_found/);

    const rows = await query<{ key: string; metric: string; value: number }>(
      sql`SELECT key, metric, value::float8 AS value FROM latest_metrics WHERE kind = 'modelscope_model' ORDER BY key COLLATE "C", metric`,
    );
    expect(rows).toEqual([
      { key: 'org/Liked', metric: 'downloads_all_time', value: 10 },
      { key: 'org/Liked', metric: 'likes', value: 4 },
      { key: 'org/unliked', metric: 'downloads_all_time', value: 20 },
    ]);
    const failures = await query<{ key: string; metric: string | null; kind: string }>(
      sql`SELECT key, metric, error_kind AS kind FROM collection_failures ORDER BY key COLLATE "C"`,
    );
    expect(failures).toEqual([
      { key: 'org/gone', metric: null, kind: 'not_found' },
      { key: 'org/secret', metric: null, kind: 'not_found' },
      { key: 'org/unliked', metric: 'likes', kind: 'parse' },
    ]);
    const statuses = await query<{ key: string; status: string }>(
      sql`SELECT key, status FROM subjects WHERE kind = 'modelscope_model' ORDER BY key COLLATE "C"`,
    );
    expect(statuses).toEqual([
      { key: 'org/Liked', status: 'active' },
      { key: 'org/gone', status: 'not_found' },
      { key: 'org/secret', status: 'not_found' },
      { key: 'org/unliked', status: 'active' },
    ]);
  });

  it('waits out a ModelScope 429 for its Retry-After (a second lasts 1 ms here) and stores the figures', async () => {
    up.modelscope.inject({ match: { path: '/api/v1/models/qwen/Qwen-7B' }, fault: { kind: 'ms-rate-limit', retryAfter: 1 } });
    await runCli(['collect', 'modelscope'], { env: env(), cwd });
    const asked = up.requests.filter((r) => r.path === '/api/v1/models/qwen/Qwen-7B');
    expect(asked.map((r) => r.status)).toEqual([429, 200]);
    // Retry-After: 1 scaled by the CLI's test seam (secondMs: 1), not a real second.
    expect((asked[1]?.at ?? Infinity) - (asked[0]?.at ?? 0)).toBeLessThan(900);
    const rows = await query<{ metric: string; value: number }>(
      sql`SELECT metric, value::float8 AS value FROM latest_metrics WHERE key = 'qwen/Qwen-7B' ORDER BY metric`,
    );
    expect(rows).toEqual([
      { metric: 'downloads_all_time', value: 123_456 },
      { metric: 'likes', value: 789 },
    ]);
  });
});
