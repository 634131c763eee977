import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../reports/report.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { createMigratedTestDatabase } from '../../helpers/database.ts';

const TOKEN = 'ghp_reporttesttoken000000000000000000001';
const CONFIG = `github:
  repos: [THUDM/ChatGLM-6B, facebookresearch/llama]
  searches: [llama, { query: gpt-4, label: GPT-4 }]
comparisons:
  - name: "LLaMA vs GPT-4: repositories on GitHub"
    series: ["github_search:llama", "github_search:gpt-4"]
  - name: "ChatGLM-6B vs LLaMA: stars"
    series: ["github_repo:THUDM/ChatGLM-6B", "github_repo:facebookresearch/llama@stars"]
`;

/** Weekly figures the fake answers: W44 .. W48 of 2026, collected each Wednesday noon UTC. */
const WEEKS = [
  { week: '2026-W44', at: '2026-10-28T12:00:00Z', llama: 5_000, gpt4: 4_000, chatglm: 30_000, metaLlama: 40_000 },
  { week: '2026-W45', at: '2026-11-04T12:00:00Z', llama: 5_300, gpt4: 4_050, chatglm: 31_000, metaLlama: 40_500 },
  { week: '2026-W46', at: '2026-11-11T12:00:00Z', llama: 5_600, gpt4: 4_100, chatglm: 32_500, metaLlama: 41_000 },
  { week: '2026-W47', at: '2026-11-18T12:00:00Z', llama: 5_900, gpt4: 4_250, chatglm: 34_000, metaLlama: 41_200 },
  { week: '2026-W48', at: '2026-11-25T12:00:00Z', llama: 6_200, gpt4: 4_400, chatglm: 38_000, metaLlama: 41_300 },
];

describe('oss-pulse report over five weeks collected from the fake upstream', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const env = () => ({ ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN });

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    cwd = await tempWorkdir(CONFIG);
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 1, fullName: 'THUDM/ChatGLM-6B', stars: 0, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 });
    up.github.addRepo({ id: 2, fullName: 'facebookresearch/llama', stars: 0, forks: 1, subscribers: 1, openIssues: 1, openPullRequests: 0 });
    for (const w of WEEKS) {
      // The repository moves to meta-llama/llama in the middle of the history.
      if (w.week === '2026-W46') up.github.renameRepo('facebookresearch/llama', 'meta-llama/llama');
      up.github.setSearchCount('llama', w.llama);
      up.github.setSearchCount('gpt-4', w.gpt4);
      up.github.updateRepo('THUDM/ChatGLM-6B', { stars: w.chatglm });
      up.github.updateRepo(w.week < '2026-W46' ? 'facebookresearch/llama' : 'meta-llama/llama', { stars: w.metaLlama });
      const result = await runCli(['collect'], { env: env(), cwd, now: () => new Date(w.at) });
      expect(result.code).toBe(0);
    }
    const report = await runCli(['report', '--week', '2026-W48'], { env: env(), cwd, now: () => new Date('2026-11-30T06:00:00Z') });
    expect(report.code).toBe(0);
    expect(report.stdout.trim().split('\n').map((line) => line.slice(line.lastIndexOf('/') + 1))).toEqual([
      'oss-pulse-2026-W48.md',
      'oss-pulse-2026-W48.html',
      'oss-pulse-2026-W48.csv',
      'oss-pulse-2026-W48.json',
    ]);
  }, 60_000);
  afterAll(async () => {
    await up.close();
    await db.drop();
  });

  const file = (ext: string) => readFile(join(cwd, 'oss-pulse-reports', `oss-pulse-2026-W48.${ext}`), 'utf8');

  it('CSV: exact columns, one row per series and metric, figures and growth from weekly_metrics', async () => {
    const lines = (await file('csv')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('week,kind,key,label,metric,value,previous_value,delta,growth_pct');
    expect(lines.filter((line) => line.includes(',stars,'))).toEqual([
      '2026-W48,github_repo,THUDM/ChatGLM-6B,THUDM/ChatGLM-6B,stars,38000,34000,4000,11.76',
      '2026-W48,github_repo,meta-llama/llama,meta-llama/llama,stars,41300,41200,100,0.24',
    ]);
    expect(lines.filter((line) => line.includes('github_search'))).toEqual([
      '2026-W48,github_search,gpt-4,GPT-4,repositories,4400,4250,150,3.53',
      '2026-W48,github_search,llama,llama,repositories,6200,5900,300,5.08',
    ]);
    expect(lines).toHaveLength(1 + 2 * 4 + 2);
  });

  it('JSON: 12 weeks of history per series, one continuous series across the rename, comparisons with gap change', async () => {
    const report = JSON.parse(await file('json')) as Report;
    const stars = report.history.find((series) => series.key === 'meta-llama/llama' && series.metric === 'stars');
    expect(stars?.weeks.map((w) => w.value)).toEqual([null, null, null, null, null, null, null, 40_000, 40_500, 41_000, 41_200, 41_300]);
    expect(report.history.some((series) => series.key === 'facebookresearch/llama')).toBe(false);
    const [repositories, starsComparison] = report.comparisons;
    expect(repositories).toMatchObject({
      leader: { key: 'llama' },
      runnerUp: { key: 'gpt-4' },
      gap: 1_800,
      previousGap: 1_650,
      gapChange: 150,
      sentence: 'llama leads GPT-4 by 1,800 repositories; the gap widened by 150 this week.',
      growthSentence: 'growth this week: llama +300 (+5.1%), GPT-4 +150 (+3.5%)',
    });
    expect(starsComparison).toMatchObject({ leader: { key: 'meta-llama/llama' }, gap: 3_300, previousGap: 7_200, gapChange: -3_900 });
    expect(starsComparison?.sentence).toBe('meta-llama/llama leads THUDM/ChatGLM-6B by 3,300 stars; the gap narrowed by 3,900 this week.');
  });

  it('Markdown: movers, comparison sentences, a table per kind', async () => {
    const md = await file('md');
    expect(md).toContain('# OSS Pulse weekly report: 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(md).toContain('- **GitHub repositories, stars:** **THUDM/ChatGLM-6B** +4,000 (+12%) · **meta-llama/llama** +100 (+0.24%)\n');
    expect(md).toContain('- **GitHub repository counts:** **llama** +300 (+5.1%) · **GPT-4** +150 (+3.5%)\n');
    expect(md).toContain('llama leads GPT-4 by 1,800 repositories; the gap widened by 150 this week.');
    expect(md).toContain('## GitHub repository counts');
    expect(md).toContain('| llama | 6,200 | +300 | +5.1% |  |\n| GPT-4 | 4,400 | +150 | +3.5% |  |');
  });

  it('is a pure function of the database and the week: the same bytes again, apart from generated_at', async () => {
    const before = await Promise.all(['md', 'html', 'csv', 'json'].map(file));
    const again = await runCli(['report', '--week', '2026-W48'], { env: env(), cwd, now: () => new Date('2026-12-24T00:00:00Z') });
    expect(again.code).toBe(0);
    const after = await Promise.all(['md', 'html', 'csv', 'json'].map(file));
    // ISO in the JSON and the <time> attribute, "2026-12-24 00:00 UTC" where people read it.
    const withoutClock = (text: string) => text.replace(/2026-1[12]-\d\dT\d\d:\d\d:\d\d\.\d{3}Z|2026-1[12]-\d\d \d\d:\d\d UTC/g, 'T');
    expect(after.map(withoutClock)).toEqual(before.map(withoutClock));
    expect(after[2]).toBe(before[2]); // the CSV has no clock at all
  });

  it('rejects a malformed week, an unknown format and a week that has not started, writing nothing', async () => {
    const empty = await tempWorkdir(CONFIG);
    for (const args of [['--week', '2026-48'], ['--week', '2021-W53'], ['--format', 'md,pdf'], ['--week', '2027-W10']]) {
      const result = await runCli(['report', ...args], { env: env(), cwd: empty, now: () => new Date('2026-11-30T06:00:00Z') });
      expect(result.code, args.join(' ')).toBe(2);
    }
    await expect(readFile(join(empty, 'oss-pulse-reports', 'oss-pulse-2026-W48.md'))).rejects.toThrow(/ENOENT/);
  });
});
