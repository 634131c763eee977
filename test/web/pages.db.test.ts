// The dashboard's pages as HTML: what they say, what they link to, and that no
// upstream string reaches them as markup.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import type { DatabaseHandle } from '../../schema/db.ts';
import { buildServer } from '../../web/server.ts';
import { DASHBOARD_CONFIG, DASHBOARD_NOW, HOSTILE_KEY, HOSTILE_LABEL, seedDashboard } from '../helpers/dashboard-fixture.ts';
import { openTestHandle } from '../helpers/handles.ts';

describe('dashboard pages', () => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let reportsDir: string;

  beforeAll(async () => {
    handle = await openTestHandle('postgres');
    await seedDashboard(handle.db);
    reportsDir = await mkdtemp(join(tmpdir(), 'oss-pulse-reports-'));
    await writeFile(join(reportsDir, 'oss-pulse-2026-W48.html'), '<!doctype html><title>W48</title><p>the W48 report</p>');
    await writeFile(join(reportsDir, 'oss-pulse-2026-W48.csv'), 'week,kind\r\n');
    await writeFile(join(reportsDir, 'oss-pulse-2026-W47.md'), '# W47');
    await writeFile(join(reportsDir, 'notes.txt'), 'not a report');
    app = await buildServer({ db: handle.db, config: DASHBOARD_CONFIG, reportsDir, logger: createLogger({ level: 'silent' }), now: () => DASHBOARD_NOW });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  const page = async (url: string, status = 200) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(status);
    return response;
  };
  const noMarkupFromUpstream = (html: string) => {
    expect(html).not.toContain('<script');
    // Markup from upstream would carry its attribute; a URL-encoded or escaped one is text.
    expect(html).not.toMatch(/<img[^>]*\sonerror=/);
  };

  it('/ tells the week so far: comparison sentences with charts, movers, spikes, every series with its trend', async () => {
    const html = (await page('/')).body;
    expect(html).toContain('<h1>Week 2026-W49 so far</h1>');
    expect(html).toContain('LLaMA leads GPT-4 by');
    expect(html).toContain('<img src="/embed/chart.svg?series=github_search%3Allama%40repositories&amp;series=github_search%3Agpt-4%40repositories&amp;range=all"');
    expect(html).toContain('theme=dark');
    // RWKV's jump is this week's largest growth of stars, at the top of the repositories' movers.
    expect(html).toMatch(/<h3>GitHub repositories, stars<\/h3><table><tbody><tr><td><a href="\/series\/github_repo\/BlinkDL\/RWKV-LM">/);
    // Friday: npm's 30-day window waits for Sunday's figures to be judged for spikes.
    expect(html).toContain('<p class="muted">Downloads (30 days) are judged for spikes once Sunday&#39;s figures are in');
    expect(html).toContain('class="flag missing"');
    expect(html).toContain('class="sparkline"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    noMarkupFromUpstream(html);
  });

  it('/?week= shows a past week; a bad week is an HTML 400', async () => {
    expect((await page('/?week=2026-W47')).body).toContain('<h1>Week 2026-W47</h1>');
    const bad = await page('/?week=soon', 400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.body).toContain('week must be an ISO week like 2026-W48 (got &quot;soon&quot;)');
  });

  it('a week before the first figures says when they start', async () => {
    const html = (await page('/?week=2026-W30')).body;
    expect(html).toMatch(/No figures for this week:<\/strong> the first figures are from 2026-08-2\d\./);
  });

  it('on an empty database, says how to get figures', async () => {
    const empty = await openTestHandle('pglite');
    const server = await buildServer({ db: empty.db, config: DASHBOARD_CONFIG, reportsDir, logger: createLogger({ level: 'silent' }), now: () => DASHBOARD_NOW });
    try {
      const html = (await server.inject({ method: 'GET', url: '/' })).body;
      expect(html).toContain('<strong>No figures yet.</strong>');
      expect(html).toContain('npx oss-pulse serve --collect');
      expect((await server.inject({ method: 'GET', url: '/series/' })).body).toContain('No figures yet');
    } finally {
      await server.close();
      await empty.close();
    }
  });

  it('/series/{kind}/{key}: every metric with its chart, weekly changes and embed snippets; the reconstructed stretch said', async () => {
    const html = (await page('/series/github_repo/ggerganov/llama.cpp')).body;
    // In the order the kind declares its metrics: the main one first.
    const headings = [...html.matchAll(/<h2>(\w+): /g)].map((match) => match[1]);
    expect(headings).toEqual(['stars', 'forks', 'watchers']);
    expect(html).toContain('the dashed stretch is reconstructed from history (backfill)');
    expect(html).toContain('class="bars"');
    expect(html).toContain('/badge/github_repo/ggerganov/llama.cpp.svg?metric=stars');
  });

  it('an old name leads to the subject under its new one; the page lists the alias', async () => {
    const moved = await page('/series/github_repo/jmorganca/ollama', 301);
    expect(moved.headers.location).toBe('/series/github_repo/ollama/ollama');
    expect((await page('/series/github_repo/ollama/ollama')).body).toContain('formerly <code>jmorganca/ollama</code>');
  });

  it('a vanished subject is marked not found, with its last failure', async () => {
    const html = (await page('/series/github_repo/gone/away')).body;
    expect(html).toContain('class="flag missing"');
    expect(html).toContain('Could not resolve to a Repository with the name gone/away');
  });

  it('the hostile subject has a page of its own, all of it escaped', async () => {
    const url = `/series/github_repo/${HOSTILE_KEY.split('/').map(encodeURIComponent).join('/')}`;
    const html = (await page(url)).body;
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    noMarkupFromUpstream(html);
    expect(HOSTILE_LABEL).toContain('<script');
  });

  it('an unknown subject or kind is an HTML 404', async () => {
    expect((await page('/series/github_repo/nobody/nothing', 404)).body).toContain('no github_repo &quot;nobody/nothing&quot; has been collected');
    expect((await page('/series/tarballs/x', 404)).body).toContain('is not a subject kind');
    expect((await page('/no/such/page', 404)).headers['content-type']).toMatch(/^text\/html/);
  });

  it('/series/ counts each kind; /series/{kind}/ lists its series', async () => {
    expect((await page('/series/')).body).toMatch(/GitHub repositories<\/a><span class="key">github_repo<\/span><\/td><td class="num">5<\/td><td class="num">15<\/td>/);
    const html = (await page('/series/github_search/')).body;
    expect(html).toContain('<p class="meta">2 series</p>');
    expect(html).toContain('href="/series/github_search/gpt-4"');
    await page('/series/github_search/?page=0', 400);
  });

  it('/compare draws the chosen series with the chosen scale and alignment, and keeps a bad reference in the form', async () => {
    const html = (await page('/compare?series=github_search:llama&series=github_repo:ollama/ollama&series=&scale=log&align=first')).body;
    expect(html).toContain('value="github_search:llama"');
    expect(html).toContain('/embed/chart.svg?series=github_search%3Allama%40repositories&amp;series=github_repo%3Aollama%2Follama%40stars&amp;range=all&amp;scale=log&amp;align=first');
    expect(html).toMatch(/<input type="radio" name="scale" value="log" checked>/);
    const bad = await page('/compare?series=github_search:nobody', 404);
    expect(bad.body).toContain('value="github_search:nobody"');
    expect(bad.body).toContain('no github_search &quot;nobody&quot; has been collected');
    // Nothing chosen: the config's comparisons as starting points.
    expect((await page('/compare')).body).toContain('Runtimes: stars');
  });

  it('/reports/ lists the report files by week and serves them; nothing else in the folder', async () => {
    const html = (await page('/reports/')).body;
    expect(html).toContain('<tr><td>2026-W48</td><td><a href="/reports/oss-pulse-2026-W48.csv">CSV</a> · <a href="/reports/oss-pulse-2026-W48.html">HTML</a></td></tr>');
    expect(html.indexOf('2026-W48')).toBeLessThan(html.indexOf('2026-W47'));
    expect(html).not.toContain('notes.txt');
    const report = await page('/reports/oss-pulse-2026-W48.html');
    expect(report.body).toContain('the W48 report');
    expect(report.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await page('/reports/oss-pulse-2026-W47.md')).headers['content-type']).toMatch(/^text\/markdown/);
    await page('/reports/notes.txt', 404);
    await page('/reports/..%2Fnotes.txt', 404);
    await page('/reports/oss-pulse-2026-W46.html', 404);
  });

  it('serves its stylesheet and icon, and /healthz', async () => {
    expect((await page('/assets/dashboard.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await page('/assets/icon.svg')).headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await page('/healthz')).json()).toEqual({ ok: true, checks: { database: 'ok' } });
  });
});
