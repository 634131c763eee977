// Datasets and Spaces reach every surface with no special case: the weekly report's
// tables (titled by the kinds), its CSV and JSON, `status`, and the dashboard's API,
// pages and badges.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../../helpers/parse-config.ts';
import { createLogger } from '../../../../runtime/logger.ts';
import { type DatabaseHandle, openPostgres } from '../../../../schema/db.ts';
import { buildServer } from '../../../../web/server.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { createMigratedTestDatabase } from '../../../helpers/database.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';

const hubId = (n: number) => n.toString(16).padStart(24, '0');
const YAML = `huggingface:
  datasets: [tatsu-lab/alpaca]
  spaces: [open-llm-leaderboard/open_llm_leaderboard]
comparisons:
  - name: "Alpaca: downloads and likes"
    series: ["hf_dataset:tatsu-lab/alpaca@likes", "hf_space:open-llm-leaderboard/open_llm_leaderboard"]
`;

describe('datasets and Spaces in the report, status and dashboard', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  const file = (ext: string) => readFile(join(cwd, 'oss-pulse-reports', `oss-pulse-2026-W48.${ext}`), 'utf8');

  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    cwd = await tempWorkdir(YAML);
    const env = { HF_ENDPOINT: up.huggingface.url, DATABASE_URL: db.url };
    up.huggingface.addDataset({ _id: hubId(1), id: 'tatsu-lab/alpaca', downloads: 40_000, downloadsAllTime: 1_000_000, likes: 700 });
    up.huggingface.addSpace({ _id: hubId(2), id: 'open-llm-leaderboard/open_llm_leaderboard', likes: 13_000 });
    expect((await runCli(['collect'], { env, cwd, now: () => new Date('2026-11-18T12:00:00Z') })).code).toBe(0);
    up.huggingface.updateDataset('tatsu-lab/alpaca', { downloads: 42_000, downloadsAllTime: 1_050_000, likes: 720 });
    up.huggingface.updateSpace('open-llm-leaderboard/open_llm_leaderboard', { likes: 13_100 });
    expect((await runCli(['collect'], { env, cwd, now: () => new Date('2026-11-25T12:00:00Z') })).code).toBe(0);
    expect((await runCli(['report', '--week', '2026-W48'], { env, cwd, now: () => new Date('2026-11-30T06:00:00Z') })).code).toBe(0);
    handle = openPostgres(db.url);
    app = await buildServer({ db: handle.db, config: parse(YAML), reportsDir: '/nonexistent', logger: createLogger({ level: 'silent' }), now: () => new Date('2026-11-30T06:00:00Z') });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await up.close();
    await db.drop();
  });

  it('Markdown: one table per kind, titled "Hugging Face datasets" and "Hugging Face Spaces", with the week\'s deltas', async () => {
    const md = await file('md');
    expect(md).toContain('## Hugging Face datasets');
    expect(md).toContain('## Hugging Face Spaces');
    const spaces = md.slice(md.indexOf('## Hugging Face Spaces'));
    expect(spaces).toContain('| open-llm-leaderboard/open\\_llm\\_leaderboard | 13,100 | +100 | +0.77% |  |');
    expect(md).toContain('Alpaca: downloads and likes');
  });

  it('CSV and JSON: a row per series and metric, 30-day downloads included', async () => {
    const csv = (await file('csv')).trimEnd().split('\r\n').slice(1);
    expect(csv).toEqual([
      '2026-W48,hf_dataset,tatsu-lab/alpaca,tatsu-lab/alpaca,downloads_30d,42000,40000,2000,5',
      '2026-W48,hf_dataset,tatsu-lab/alpaca,tatsu-lab/alpaca,downloads_all_time,1050000,1000000,50000,5',
      '2026-W48,hf_dataset,tatsu-lab/alpaca,tatsu-lab/alpaca,likes,720,700,20,2.86',
      '2026-W48,hf_space,open-llm-leaderboard/open_llm_leaderboard,open-llm-leaderboard/open_llm_leaderboard,likes,13100,13000,100,0.77',
    ]);
    const json = JSON.parse(await file('json')) as { rows: { kind: string }[] };
    expect(new Set(json.rows.map((row) => row.kind))).toEqual(new Set(['hf_dataset', 'hf_space']));
  });

  it('status names the source of both kinds', async () => {
    const result = await runCli(['status', '--json'], { env: { DATABASE_URL: db.url }, cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('huggingface');
  });

  it('the dashboard serves their series, pages and badges', async () => {
    const series = (await app.inject({ method: 'GET', url: '/api/series' })).json<{ series: { kind: string; key: string; metric: string }[] }>();
    expect(series.series.map((s) => `${s.kind} ${s.metric}`).sort()).toEqual([
      'hf_dataset downloads_30d',
      'hf_dataset downloads_all_time',
      'hf_dataset likes',
      'hf_space likes',
    ]);
    for (const url of [
      '/api/series/hf_dataset/tatsu-lab/alpaca?metric=downloads_30d',
      '/api/series/hf_space/open-llm-leaderboard/open_llm_leaderboard',
      '/series/hf_space/open-llm-leaderboard/open_llm_leaderboard',
      '/badge/hf_dataset/tatsu-lab/alpaca.svg',
      '/badge/hf_space/open-llm-leaderboard/open_llm_leaderboard.svg',
      '/',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    const page = (await app.inject({ method: 'GET', url: '/' })).body;
    expect(page).toContain('tatsu-lab/alpaca');
    expect(page).toContain('open-llm-leaderboard/open_llm_leaderboard');
  });
});
