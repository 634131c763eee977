import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { planHuggingFace } from '../../../../jobs/sources/huggingface/huggingface-source.ts';
import { kindOfBatch, sourceNamed } from '../../../../jobs/sources/registry.ts';

const hubId = (n: number) => n.toString(16).padStart(24, '0');
const TOKEN = 'hf_collectoraaaaaaaaaaaaaaaaaaaaaaaaa';

describe('planHuggingFace', () => {
  const plan = (models: string[], authors: string[] = []) => planHuggingFace({ models, authors, datasets: [], spaces: [] });

  it('lists an author from 3 configured models on, reading at most one page fewer than the models', () => {
    expect(plan(['big/1', 'big/2', 'big/3', 'pair/1', 'pair/2', 'five/a', 'five/b', 'five/c', 'five/d', 'five/e'])).toEqual([
      { author: 'big', wanted: ['big/1', 'big/2', 'big/3'], maxPages: 2 },
      { author: 'five', wanted: ['five/a', 'five/b', 'five/c', 'five/d', 'five/e'], maxPages: 4 },
      { models: ['pair/1', 'pair/2'] },
    ]);
  });

  it("reads a configured author's whole list (20 pages) and fetches none of its models apart, whatever their case", () => {
    expect(plan(['Lab/a', 'lab/b', 'LAB/c', 'solo/x'], ['Lab'])).toEqual([
      { author: 'Lab', wanted: 'all', maxPages: 20 },
      { models: ['solo/x'] },
    ]);
  });

  it("groups an author's models whatever their case, under the first model's spelling", () => {
    expect(plan(['Mixed/1', 'mixed/2', 'MIXED/3'])).toEqual([{ author: 'Mixed', wanted: ['Mixed/1', 'mixed/2', 'MIXED/3'], maxPages: 2 }]);
  });

  it('fetches the models of small authors one by one, 50 to a job', () => {
    const models = Array.from({ length: 101 }, (_, i) => `owner${i}/model`);
    expect(plan(models)).toEqual([{ models: models.slice(0, 50) }, { models: models.slice(50, 100) }, { models: models.slice(100) }]);
    expect(plan([])).toEqual([]);
  });

  it('fetches datasets and Spaces one by one, in batches of their own after the models, 50 to a job', () => {
    const datasets = Array.from({ length: 51 }, (_, i) => `lab/set-${i}`);
    expect(planHuggingFace({ models: ['a/m'], authors: [], datasets, spaces: ['lab/app'] })).toEqual([
      { models: ['a/m'] },
      { datasets: datasets.slice(0, 50) },
      { datasets: datasets.slice(50) },
      { spaces: ['lab/app'] },
    ]);
  });

  it('gives each batch its kind, for failures of the whole batch', () => {
    const source = sourceNamed('huggingface');
    expect(kindOfBatch(source, { datasets: ['lab/set'] })).toBe('hf_dataset');
    expect(kindOfBatch(source, { spaces: ['lab/app'] })).toBe('hf_space');
    expect(kindOfBatch(source, { models: ['lab/m'] })).toBe('hf_model');
    expect(kindOfBatch(source, { author: 'lab', wanted: 'all', maxPages: 20 })).toBe('hf_model');
    expect(source.subjects({ datasets: ['lab/set'] })).toEqual(['lab/set']);
    expect(source.subjects({ spaces: ['lab/app'] })).toEqual(['lab/app']);
  });
});

/** `collect huggingface` into Postgres when Hub answers leave figures out or refuse with 401. */
describe('collect huggingface: partial answers and 401s', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.huggingface.addToken(TOKEN);
    up.huggingface.addModel({ _id: hubId(1), id: 'lab/full', downloads: 30, downloadsAllTime: 3_000, likes: 3 });
    up.huggingface.addModel({ _id: hubId(2), id: 'lab/no-all-time', downloads: 20, downloadsAllTime: 2_000, likes: 2, omit: ['downloadsAllTime'] });
    up.huggingface.addModel({ _id: hubId(3), id: 'lab/no-ids', downloads: 10, downloadsAllTime: 1_000, likes: 1, omit: ['_id'] });
    up.huggingface.addModel({ _id: hubId(4), id: 'solo/no-likes', downloads: 7, downloadsAllTime: 700, likes: 70, omit: ['likes'] });
    up.huggingface.addModel({ _id: hubId(5), id: 'solo/plain', downloads: 8, downloadsAllTime: 800, likes: 80 });
    up.huggingface.refuseModel('solo/gated', 'GatedRepo');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.huggingface.clearFaults();
    await clearCollectedData(db.url);
  });

  const collect = async (yaml: string, token?: string) =>
    runCli(['collect', 'huggingface'], {
      env: { HF_ENDPOINT: up.huggingface.url, DATABASE_URL: db.url, ...(token ? { HF_TOKEN: token } : {}) },
      cwd: await tempWorkdir(yaml),
    });
  const figures = async () => {
    const rows = await sqlRows<{ key: string; metric: string; value: string }>(
      db.url,
      "SELECT key, metric, value FROM latest_metrics WHERE kind = 'hf_model' ORDER BY key, metric",
    );
    const out: Record<string, Record<string, number>> = {};
    for (const row of rows) out[row.key] = { ...out[row.key], [row.metric]: Number(row.value) };
    return out;
  };
  const failures = () =>
    sqlRows<{ key: string; metric: string | null; error_kind: string }>(
      db.url,
      'SELECT key, metric, error_kind FROM collection_failures ORDER BY key, metric',
    );

  it('stores every listed model and the figures a model has; a missing figure is a failure of that metric', async () => {
    const result = await collect('huggingface:\n  authors: [lab]\n');

    expect(await figures()).toEqual({
      'lab/full': { downloads_30d: 30, downloads_all_time: 3_000, likes: 3 },
      'lab/no-all-time': { downloads_30d: 20, likes: 2 },
    });
    expect(await failures()).toEqual([{ key: 'lab/no-all-time', metric: 'downloads_all_time', error_kind: 'parse' }]);
    // The item without _id has nothing to store it by: skipped, said in the log.
    expect(result.logs).toMatch(/"level":"warn"[^\n]*skipped item 2 of a Hub model list page for lab/);
    const [subject] = await sqlRows<{ external_id: string; status: string }>(
      db.url,
      "SELECT external_id, status FROM subjects WHERE key = 'lab/no-all-time'",
    );
    expect(subject).toEqual({ external_id: hubId(2), status: 'active' });
    expect(up.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/api/models 200']);
  });

  it('fetches one model by one: a missing figure fails alone, never stored as 0', async () => {
    await collect('huggingface:\n  models: [solo/no-likes, solo/plain]\n');
    expect(await figures()).toEqual({
      'solo/no-likes': { downloads_30d: 7, downloads_all_time: 700 },
      'solo/plain': { downloads_30d: 8, downloads_all_time: 800, likes: 80 },
    });
    expect(await failures()).toEqual([{ key: 'solo/no-likes', metric: 'likes', error_kind: 'parse' }]);
  });

  it('a 401 without X-Error-Message, with a token, marks that model not_found and stores the rest of the batch', async () => {
    const result = await collect('huggingface:\n  models: [solo/gated, solo/plain]\n', TOKEN);
    expect(result.stdout).toContain('hf_model solo/gated: not_found');

    expect(await figures()).toEqual({ 'solo/plain': { downloads_30d: 8, downloads_all_time: 800, likes: 80 } });
    expect(await failures()).toEqual([{ key: 'solo/gated', metric: null, error_kind: 'not_found' }]);
    const statuses = await sqlRows<{ key: string; status: string }>(db.url, "SELECT key, status FROM subjects WHERE kind = 'hf_model' ORDER BY key");
    expect(statuses).toEqual([
      { key: 'solo/gated', status: 'not_found' },
      { key: 'solo/plain', status: 'active' },
    ]);
    expect(up.requests.map((r) => [r.path, r.status, r.token])).toEqual([
      ['/api/models/solo/gated', 401, TOKEN],
      ['/api/models/solo/plain', 200, TOKEN],
    ]);
  });

  it('a 401 saying "Invalid credentials" is a refused token: auth, and nothing marked not_found', async () => {
    const result = await collect('huggingface:\n  models: [solo/plain, solo/no-likes]\n', 'hf_revokedcccccccccccccccccccccccccc');
    expect(result.code).toBe(1);
    expect(await figures()).toEqual({});
    expect(await failures()).toEqual([
      { key: 'solo/no-likes', metric: null, error_kind: 'auth' },
      { key: 'solo/plain', metric: null, error_kind: 'auth' },
    ]);
    const [notFound] = await sqlRows<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM subjects WHERE status = 'not_found'");
    expect(notFound?.n).toBe(0);
  });
});
