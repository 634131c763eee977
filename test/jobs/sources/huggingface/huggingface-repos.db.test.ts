// `collect huggingface` for datasets and Spaces into Postgres, against the fake Hub:
// figures, answers that leave some out, the Hub's 401s and 404s, renames by `_id`,
// deleted subjects, and the Hub's faults (429 with `RateLimit`, 5xx, cut or malformed bodies).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';

const hubId = (n: number) => n.toString(16).padStart(24, '0');
const TOKEN = 'hf_datasetsspacesaaaaaaaaaaaaaaaaaaaa';
const YAML = 'huggingface:\n  datasets: [tatsu-lab/alpaca, lab/no-all-time]\n  spaces: [open-llm-leaderboard/open_llm_leaderboard, lab/no-likes]\n';

describe('collect huggingface: datasets and Spaces', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    up.huggingface.addToken(TOKEN);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.huggingface.clearFaults();
    up.huggingface.setRateLimitHeaderStyle('compact');
    await clearCollectedData(db.url);
  });

  // Each test holds its own repositories: the fake's renames and deletions stay with it.
  let next = 100;
  const seed = () => {
    const n = next;
    next += 10;
    const at = (i: number) => hubId(n + i);
    const lab = (name: string) => `lab${n}/${name}`;
    up.huggingface.addDataset({ _id: at(1), id: lab('alpaca'), downloads: 30, downloadsAllTime: 3_000, likes: 3 });
    up.huggingface.addDataset({ _id: at(2), id: lab('no-all-time'), downloads: 20, downloadsAllTime: 2_000, likes: 2, omit: ['downloadsAllTime'] });
    up.huggingface.addSpace({ _id: at(3), id: lab('leaderboard'), likes: 12_000 });
    up.huggingface.addSpace({ _id: at(4), id: lab('no-likes'), likes: 5, omit: ['likes'] });
    const yaml = `huggingface:\n  datasets: [${lab('alpaca')}, ${lab('no-all-time')}]\n  spaces: [${lab('leaderboard')}, ${lab('no-likes')}]\n`;
    return { at, lab, yaml };
  };

  const collect = async (yaml: string, token?: string) =>
    runCli(['collect', 'huggingface'], {
      env: { HF_ENDPOINT: up.huggingface.url, DATABASE_URL: db.url, ...(token ? { HF_TOKEN: token } : {}) },
      cwd: await tempWorkdir(yaml),
    });
  const figures = async () => {
    const rows = await sqlRows<{ kind: string; key: string; metric: string; value: string }>(
      db.url,
      "SELECT kind, key, metric, value FROM latest_metrics WHERE kind IN ('hf_dataset', 'hf_space') ORDER BY kind, key, metric",
    );
    return rows.map((r) => `${r.kind} ${r.key} ${r.metric}=${r.value}`);
  };
  const failures = () =>
    sqlRows<{ kind: string; key: string; metric: string | null; error_kind: string }>(
      db.url,
      'SELECT kind, key, metric, error_kind FROM collection_failures ORDER BY kind, key, metric',
    );
  const subjects = () =>
    sqlRows<{ kind: string; key: string; external_id: string; status: string; aliases: string[] }>(
      db.url,
      "SELECT kind, key, external_id, status, aliases FROM subjects WHERE kind IN ('hf_dataset', 'hf_space') ORDER BY kind, key",
    );

  it('stores dataset downloads and likes and Space likes by _id; a figure left out fails alone', async () => {
    const { at, lab, yaml } = seed();
    const result = await collect(yaml);
    expect(result.code).toBe(1);
    expect(await figures()).toEqual([
      `hf_dataset ${lab('alpaca')} downloads_30d=30`,
      `hf_dataset ${lab('alpaca')} downloads_all_time=3000`,
      `hf_dataset ${lab('alpaca')} likes=3`,
      `hf_dataset ${lab('no-all-time')} downloads_30d=20`,
      `hf_dataset ${lab('no-all-time')} likes=2`,
      `hf_space ${lab('leaderboard')} likes=12000`,
    ]);
    expect(await failures()).toEqual([
      { kind: 'hf_dataset', key: lab('no-all-time'), metric: 'downloads_all_time', error_kind: 'parse' },
      { kind: 'hf_space', key: lab('no-likes'), metric: 'likes', error_kind: 'parse' },
    ]);
    expect((await subjects()).map((s) => [s.key, s.external_id, s.status])).toEqual([
      [lab('alpaca'), at(1), 'active'],
      [lab('no-all-time'), at(2), 'active'],
      [lab('leaderboard'), at(3), 'active'],
      [lab('no-likes'), at(4), 'active'],
    ]);
    // One request each, with the expand set of each type: Spaces have no downloads to ask for. Batches run side by side.
    const asked = up.requests.map((r) => [r.path, r.query.expand]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(asked).toEqual([
      [`/api/datasets/${lab('alpaca')}`, ['downloads', 'downloadsAllTime', 'likes']],
      [`/api/datasets/${lab('no-all-time')}`, ['downloads', 'downloadsAllTime', 'likes']],
      [`/api/spaces/${lab('leaderboard')}`, 'likes'],
      [`/api/spaces/${lab('no-likes')}`, 'likes'],
    ]);
    const [run] = await sqlRows<{ status: string; requests: number }>(db.url, 'SELECT status, requests FROM collection_runs');
    expect(run).toEqual({ status: 'partial', requests: 4 });
  });

  it('keeps one series when a dataset or a Space is renamed (307), the old name kept as an alias', async () => {
    const { at, lab, yaml } = seed();
    await collect(yaml);
    up.huggingface.renameDataset(lab('alpaca'), `moved${at(0)}/alpaca-v2`);
    up.huggingface.updateDataset(`moved${at(0)}/alpaca-v2`, { downloadsAllTime: 3_500 });
    up.huggingface.renameSpace(lab('leaderboard'), `moved${at(0)}/leaderboard`);
    up.huggingface.updateSpace(`moved${at(0)}/leaderboard`, { likes: 12_100 });
    up.clearRequests();
    await collect(yaml);

    const moved = (await subjects()).filter((s) => s.external_id === at(1) || s.external_id === at(3));
    expect(moved.map((s) => [s.kind, s.key, s.aliases])).toEqual([
      ['hf_dataset', `moved${at(0)}/alpaca-v2`, [lab('alpaca')]],
      ['hf_space', `moved${at(0)}/leaderboard`, [lab('leaderboard')]],
    ]);
    const values = await sqlRows<{ external_id: string; value: string }>(
      db.url,
      `SELECT s.external_id, x.value FROM samples x JOIN subjects s ON s.id = x.subject_id
       WHERE (s.external_id = $1 AND x.metric = 'downloads_all_time') OR (s.external_id = $2 AND x.metric = 'likes') ORDER BY s.external_id, x.observed_at`,
      [at(1), at(3)],
    );
    expect(values.map((v) => Number(v.value))).toEqual([3_000, 3_500, 12_000, 12_100]);
    expect(up.requests.filter((r) => r.status === 307).map((r) => r.path)).toEqual([`/api/datasets/${lab('alpaca')}`, `/api/spaces/${lab('leaderboard')}`]);
  });

  it('marks a deleted dataset or Space not_found (401 anonymous, 404 with a token), and stores the rest', async () => {
    const { lab, yaml } = seed();
    await collect(yaml);
    up.huggingface.deleteDataset(lab('alpaca'));
    up.huggingface.deleteSpace(lab('leaderboard'));
    await clearCollectedData(db.url);
    up.clearRequests();
    const anonymous = await collect(yaml);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stdout).toContain(`hf_dataset ${lab('alpaca')}: not_found: Hugging Face dataset ${lab('alpaca')} not found, private or gated (RepoNotFound)`);
    expect(anonymous.stdout).toContain(`hf_space ${lab('leaderboard')}: not_found: Hugging Face Space ${lab('leaderboard')} not found, private or gated`);
    expect(up.requests.filter((r) => r.status !== 200).map((r) => [r.path, r.status])).toEqual([
      [`/api/datasets/${lab('alpaca')}`, 401],
      [`/api/spaces/${lab('leaderboard')}`, 401],
    ]);
    up.clearRequests();
    await collect(yaml, TOKEN);
    expect(up.requests.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([404, 404]);
    expect((await subjects()).map((s) => [s.key, s.status])).toEqual([
      [lab('alpaca'), 'not_found'],
      [lab('no-all-time'), 'active'],
      [lab('leaderboard'), 'not_found'],
      [lab('no-likes'), 'active'],
    ]);
  });

  it('a gated 401 with a token is not_found; a refused token is auth and marks nothing not_found', async () => {
    const { lab, yaml } = seed();
    up.huggingface.refuseRepo('datasets', lab('alpaca'), 'GatedRepo');
    up.huggingface.refuseRepo('spaces', lab('leaderboard'), 'GatedRepo');
    const gated = await collect(yaml, TOKEN);
    expect(gated.stdout).toMatch(new RegExp(`hf_dataset ${lab('alpaca')}: not_found: .*\\(GatedRepo\\)`));
    expect(gated.stdout).toMatch(new RegExp(`hf_space ${lab('leaderboard')}: not_found: .*\\(GatedRepo\\)`));

    await clearCollectedData(db.url);
    const refused = await collect(yaml, 'hf_revokeddddddddddddddddddddddddddd');
    expect(refused.code).toBe(1);
    expect(await figures()).toEqual([]);
    expect((await failures()).map((f) => f.error_kind)).toEqual(['auth', 'auth', 'auth', 'auth']);
    expect(await sqlRows(db.url, "SELECT key FROM subjects WHERE status = 'not_found'")).toEqual([]);
  });

  it.each([
    ['a 429 with the Hub\'s RateLimit reset (compact)', 'compact', { kind: 'hf-rate-limit', resetSeconds: 2 }],
    ['a 429 with the Hub\'s RateLimit reset (spaced)', 'spaced', { kind: 'hf-rate-limit', resetSeconds: 2 }],
    ['a 503', 'compact', { kind: 'status', status: 503 }],
    ['a truncated answer', 'compact', { kind: 'truncated-json' }],
    ['a dropped connection', 'compact', { kind: 'reset' }],
  ] as const)('rides out %s on a dataset and on a Space', async (_name, style, fault) => {
    const { lab, yaml } = seed();
    up.huggingface.setRateLimitHeaderStyle(style);
    up.huggingface.inject({ match: { path: `/api/datasets/${lab('alpaca')}` }, fault });
    up.huggingface.inject({ match: { path: `/api/spaces/${lab('leaderboard')}` }, fault });
    await collect(yaml);
    expect(up.requests.filter((r) => r.fault !== undefined)).toHaveLength(2);
    expect(await figures()).toContain(`hf_dataset ${lab('alpaca')} downloads_all_time=3000`);
    expect(await figures()).toContain(`hf_space ${lab('leaderboard')} likes=12000`);
    // Only the figures the fake always leaves out fail.
    expect((await failures()).map((f) => f.metric)).toEqual(['downloads_all_time', 'likes']);
  });

  it('a 5xx that never ends fails that subject alone, as http, after the retries', async () => {
    const { lab, yaml } = seed();
    up.huggingface.inject({ match: { path: `/api/spaces/${lab('leaderboard')}` }, times: Infinity, fault: { kind: 'status', status: 502 } });
    const result = await collect(yaml);
    expect(result.code).toBe(1);
    expect((await failures()).filter((f) => f.metric === null)).toEqual([{ kind: 'hf_space', key: lab('leaderboard'), metric: null, error_kind: 'http' }]);
    expect(await figures()).toContain(`hf_dataset ${lab('alpaca')} likes=3`);
    expect(up.requests.filter((r) => r.path === `/api/spaces/${lab('leaderboard')}`).length).toBeGreaterThan(1);
  });

  it('an answer without _id is a parse failure of that subject, never stored under its name alone', async () => {
    const { at, yaml } = seed();
    up.huggingface.addDataset({ _id: at(5), id: `lab${at(0)}/no-ids`, downloads: 1, downloadsAllTime: 1, likes: 1, omit: ['_id'] });
    up.huggingface.addSpace({ _id: at(6), id: `lab${at(0)}/no-ids`, likes: 1, omit: ['_id'] });
    const withBroken = yaml.replace('datasets: [', `datasets: [lab${at(0)}/no-ids, `).replace('spaces: [', `spaces: [lab${at(0)}/no-ids, `);
    const result = await collect(withBroken);
    expect(result.stdout).toContain(`hf_dataset lab${at(0)}/no-ids: parse: the Hub's answer for dataset lab${at(0)}/no-ids has no _id and id`);
    expect(result.stdout).toContain(`hf_space lab${at(0)}/no-ids: parse: the Hub's answer for Space lab${at(0)}/no-ids has no _id and id`);
    expect((await subjects()).map((s) => s.key)).not.toContain(`lab${at(0)}/no-ids`);
  });

  it('the fake refuses an expand value Spaces do not have, so the client must not send one', async () => {
    const { lab } = seed();
    const answer = await fetch(`${up.huggingface.url}/api/spaces/${lab('leaderboard')}?expand=downloads`);
    expect(answer.status).toBe(400);
  });

  it('has no backfill: `backfill huggingface` stores nothing and asks the Hub nothing', async () => {
    const result = await runCli(['backfill', 'huggingface'], { env: { HF_ENDPOINT: up.huggingface.url, DATABASE_URL: db.url }, cwd: await tempWorkdir(YAML) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no history to backfill for "huggingface"');
    // A bare `backfill` skips it, though datasets and Spaces are configured.
    const all = await runCli(['backfill'], { env: { HF_ENDPOINT: up.huggingface.url, DATABASE_URL: db.url }, cwd: await tempWorkdir(YAML) });
    expect(all.code).toBe(0);
    expect(up.requests).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT 1 FROM samples')).toEqual([]);
  });
});
