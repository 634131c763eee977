import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

const TOKEN = 'ghp_hostiletesttoken0000000000000000000001';
/** Search queries and labels are free text: each of these goes all the way to the reports. */
const HOSTILE = {
  sql: `llama'); DROP TABLE samples; --`,
  html: `"><img src=x onerror=alert(1)><script>alert(2)</script>`,
  formula: `=HYPERLINK("http://evil.example","click")`,
  plus: `+cmd|' /C calc'!A0`,
  at: `@SUM(1+1)`,
  minus: `-2+3 language:python`,
};

describe('hostile strings: stored byte-identical, inert in every report format', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let cwd: string;
  const file = (ext: string) => readFile(join(cwd, 'oss-pulse-reports', `oss-pulse-2026-W48.${ext}`), 'utf8');

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    up.github.addToken(TOKEN);
    Object.values(HOSTILE).forEach((query, i) => up.github.setSearchCount(query, 100 + i));
    const searches = Object.entries(HOSTILE).map(([name, query]) => `    - { query: ${JSON.stringify(query)}, label: ${JSON.stringify(`${query} (${name})`)} }`);
    cwd = await tempWorkdir(`github:\n  searches:\n${searches.join('\n')}\ncomparisons:\n  - name: ${JSON.stringify(HOSTILE.html)}\n    series: [${JSON.stringify(`github_search:${HOSTILE.sql}`)}, ${JSON.stringify(`github_search:${HOSTILE.formula}`)}]\n`);
    const env = { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN };
    expect((await runCli(['collect'], { env, cwd, now: () => new Date('2026-11-25T12:00:00Z') })).code).toBe(0);
    expect((await runCli(['report', '--week', '2026-W48'], { env, cwd, now: () => new Date('2026-11-30T06:00:00Z') })).code).toBe(0);
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });

  it('the queries reached GitHub intact, and come back from Postgres byte-identical', async () => {
    const sent = up.requests.filter((r) => r.path === '/graphql').flatMap((r) => Object.values((JSON.parse(r.body) as { variables: Record<string, string> }).variables));
    expect(sent.sort()).toEqual(Object.values(HOSTILE).sort());
    const rows = await sqlRows<{ key: string; label: string; value: string }>(db.url, `SELECT key, label, value FROM latest_metrics ORDER BY value`);
    expect(rows.map((row) => row.key)).toEqual(Object.values(HOSTILE));
    expect(rows.map((row) => row.label)).toEqual(Object.entries(HOSTILE).map(([name, query]) => `${query} (${name})`));
    expect(await sqlRows(db.url, `SELECT count(*)::int AS n FROM samples`)).toEqual([{ n: 6 }]);
  });

  it('CSV: no text cell starts a formula; the values are intact after the apostrophe', async () => {
    const lines = (await file('csv')).trimEnd().split('\r\n').slice(1);
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, '')) ?? [];
      for (const cell of cells.slice(0, 5)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
    }
    expect(await file('csv')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('HTML and Markdown: markup in upstream strings is text, never tags', async () => {
    const html = await file('html');
    // Outside attribute values (double-quoted, where a quote is &quot;): a key may stand in a title as text.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<img|<script|<[^>]*onerror=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const md = await file('md');
    expect(md).not.toMatch(/<img|<script/i);
  });

  it('Docker Hub image names: a hostile one is refused with its key path, before anything is asked or written', async () => {
    const runs = await sqlRows(db.url, 'SELECT id FROM collection_runs');
    const images = [HOSTILE.sql, HOSTILE.html, HOSTILE.formula].map((name) => JSON.stringify(name)).join(', ');
    const result = await runCli(['collect', 'dockerhub'], { env: { ...up.env(), DATABASE_URL: db.url }, cwd: await tempWorkdir(`dockerhub:\n  images: [${images}]\n`) });
    expect(result.code).toBe(2);
    for (const index of [0, 1, 2]) expect(result.stderr).toContain(`dockerhub.images[${index}]: `);
    expect(result.stderr).toContain('is not a Docker Hub image name');
    expect(up.requests.filter((r) => r.upstream === 'dockerhub')).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT id FROM collection_runs')).toEqual(runs);
  });

  it('Hugging Face dataset and Space ids: a hostile one is refused with its key path, before anything is asked or written', async () => {
    const runs = await sqlRows(db.url, 'SELECT id FROM collection_runs');
    const names = [HOSTILE.sql, HOSTILE.html, HOSTILE.formula].map((name) => JSON.stringify(name)).join(', ');
    const yaml = `huggingface:\n  datasets: [${names}]\n  spaces: [${names}]\n`;
    const result = await runCli(['collect', 'huggingface'], { env: { ...up.env(), DATABASE_URL: db.url }, cwd: await tempWorkdir(yaml) });
    expect(result.code).toBe(2);
    for (const index of [0, 1, 2]) expect(result.stderr).toContain(`huggingface.datasets[${index}]: `);
    for (const index of [0, 1, 2]) expect(result.stderr).toContain(`huggingface.spaces[${index}]: `);
    expect(result.stderr).toContain('is not an org/name Hugging Face Space id');
    expect(up.requests.filter((r) => r.upstream === 'huggingface')).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT id FROM collection_runs')).toEqual(runs);
  });

  it('github.orgs: hostile logins are refused with their key path, before anything is asked or written', async () => {
    const runs = await sqlRows(db.url, 'SELECT id FROM collection_runs');
    const logins = [HOSTILE.sql, HOSTILE.html, HOSTILE.formula].map((name) => JSON.stringify(name)).join(', ');
    up.clearRequests();
    const result = await runCli(['collect', 'github-repos'], { env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN }, cwd: await tempWorkdir(`github:\n  orgs: [${logins}]\n`) });
    expect(result.code).toBe(2);
    for (const index of [0, 1, 2]) expect(result.stderr).toContain(`github.orgs[${index}]: `);
    expect(result.stderr).toContain('is not a GitHub user or organisation login');
    expect(up.requests.filter((r) => r.upstream === 'github')).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT id FROM collection_runs')).toEqual(runs);
  });

  it('github.releases: hostile names are refused with their key path; hostile release tags and asset names are never stored', async () => {
    const names = [HOSTILE.sql, HOSTILE.html, HOSTILE.formula].map((name) => JSON.stringify(name)).join(', ');
    const refused = await runCli(['collect', 'github-releases'], { env: { ...up.env(), DATABASE_URL: db.url }, cwd: await tempWorkdir(`github:\n  releases: [${names}]\n`) });
    expect(refused.code).toBe(2);
    for (const index of [0, 1, 2]) expect(refused.stderr).toContain(`github.releases[${index}]: `);
    up.github.addRepo({ id: 4242, fullName: 'acme/hostile-assets', stars: 1, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0 });
    up.github.setReleases('acme/hostile-assets', [{ tag: HOSTILE.sql, assets: Object.values(HOSTILE).map((name, i) => ({ name, downloads: i + 1 })) }]);
    const env = { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN };
    const result = await runCli(['collect', 'github-releases'], { env, cwd: await tempWorkdir('github:\n  releases: [acme/hostile-assets]\n') });
    expect(result.code).toBe(0);
    expect(await sqlRows(db.url, `SELECT key, label, value::int AS value FROM latest_metrics WHERE metric = 'release_downloads'`)).toEqual([
      { key: 'acme/hostile-assets', label: 'acme/hostile-assets', value: 21 },
    ]);
    const subjects = await sqlRows<{ row: string }>(db.url, `SELECT s::text AS row FROM subjects s WHERE key = 'acme/hostile-assets'`);
    for (const hostile of Object.values(HOSTILE)) expect(subjects[0]?.row).not.toContain(hostile);
  });

  it('JSON keeps the strings exactly', async () => {
    const report = JSON.parse(await file('json')) as { rows: { key: string }[]; comparisons: { name: string }[] };
    expect(report.rows.map((row) => row.key).sort()).toEqual(Object.values(HOSTILE).sort());
    expect(report.comparisons[0]?.name).toBe(HOSTILE.html);
  });
});
