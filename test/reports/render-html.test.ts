import { describe, expect, it } from 'vitest';
import { niceTicks, tickFormatter } from '../../reports/charts/scale.ts';
import { renderSparkline } from '../../reports/charts/sparkline.ts';
import { escapeHtml } from '../../reports/html-parts.ts';
import { ROWS_SHOWN } from '../../reports/html-subject-tables.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';
import { HOSTILE, hostileReport, sampleReport } from '../helpers/report-fixture.ts';

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;

/** The elements and attributes renderHtml writes; anything else in the output came from data. */
const TAGS = new Set(
  'html head meta title style body header nav a h1 h2 h3 p time section div article table colgroup col thead tbody tr th td span small strong code ul li details summary svg g text tspan line path circle rect'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'lang charset http-equiv content name id class href datetime title width height viewBox role xmlns font-family font-size font-weight fill x y dx dy rx x1 x2 y1 y2 cx cy r d stroke stroke-width stroke-linejoin stroke-linecap stroke-dasharray text-anchor'.split(
    ' ',
  ),
);

/**
 * A tolerant parse of the page: every `<` outside the stylesheet must open or close one
 * of our tags, with only our attributes, all double-quoted. A label that turned into
 * markup would show up here as an unknown tag or attribute.
 */
function markup(html: string): { tags: string[]; attributes: string[] } {
  const body = html.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[^<]*<\/style>/, '<style></style>');
  const tags: string[] = [];
  const attributes: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*\/?>/y;
  for (let i = body.indexOf('<'); i !== -1; i = body.indexOf('<', i + 1)) {
    tag.lastIndex = i;
    const match = tag.exec(body);
    if (!match) throw new Error(`not one of our tags at ${i}: ${body.slice(i, i + 60)}`);
    tags.push(match[2] ?? '');
    for (const [, attribute] of (match[3] ?? '').matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g)) attributes.push(attribute ?? '');
  }
  return { tags, attributes };
}

const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '');

/** A kind's table as text: its headings, then a row per subject, each cell's text (a line's is its title); its folded rows too. */
function seriesTable(html: string, kind: string): string[][] {
  const start = html.indexOf(`<table class="series" id="kind-${kind}">`);
  // To the end of its <div class="wide">, which closes on a line of its own.
  const table = html.slice(start, html.indexOf('\n</div>', start));
  const text = (cell: string) => decode(cell.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
  return [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].map(([, row]) => [...(row ?? '').matchAll(/<t[hd][^>]*>([^]*?)<\/t[hd]>/g)].map(([, cell]) => text(cell ?? '')));
}

describe('renderHtml', () => {
  it('gives the same bytes for the same report', () => {
    const report = sampleReport();
    expect(renderHtml(report)).toBe(renderHtml(report));
    expect(renderHtml(sampleReport())).toBe(renderHtml(report));
  });

  it('is one self-contained page: no script, no links, nothing fetched', () => {
    const html = renderHtml(sampleReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n/);
    // Inline SVG names its namespace, an identifier never fetched; nothing else is an address.
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\bsrc=|url\(|@import/i);
    // Its only links are to its own sections.
    expect([...html.matchAll(/\bhref="([^"]*)"/gi)].map((m) => m[1]).filter((href) => !href?.startsWith('#'))).toEqual([]);
    expect(count(html, /<style>/)).toBe(1);
  });

  it('draws one line chart per comparison and one sparkline per row', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    expect(count(html, /<div class="chart"><svg /)).toBe(report.comparisons.length);
    // One per subject, of its main figure: ChatGLM-6B's two download counts share a line.
    expect(count(html, /<svg class="sparkline"/)).toBe(5);
    for (const comparison of report.comparisons) {
      expect(html).toContain(`<h3>${escapeHtml(comparison.name)}</h3>\n<p>${escapeHtml(comparison.sentence)}</p>`);
      expect(html).toContain(`<p class="meta">${escapeHtml(comparison.growthSentence)}</p>\n<div class="chart"><svg `);
    }
  });

  it('shows the header, the movers and a table per kind with formatted figures', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('<h1>OSS Pulse weekly report: 2026-W48</h1>');
    expect(html).toContain('<p class="meta">2026-11-23 – 2026-11-29 · 6 series');
    expect(html).toContain('generated <time datetime="2026-11-30T06:00:00.000Z">2026-11-30 06:00 UTC</time>');
    const kinds = [...html.matchAll(/<div class="wide">\n<table class="series" id="kind-(\w+)">\n<colgroup>[^\n]*\n<thead><tr><th class="kind">([^<]+) </g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(kinds).toEqual(['github_repo: GitHub repositories', 'github_search: GitHub repository counts', 'hf_model: Hugging Face models']);
    // value, change, the line beside it, growth % of github_search llama and of the stale LLaMA's stars.
    expect(html).toContain('<td class="num">52,400</td><td class="num change">+266</td><td class="trend"><svg class="sparkline"');
    expect(html).toMatch(/<td class="num">52,400<\/td><td class="num change">\+266<\/td><td class="trend"><svg [^]*?<\/svg><\/td><td class="num">\+0\.51%<\/td><\/tr>/);
    expect(html).toMatch(/<td class="num">58,958<\/td><td class="num change">0<\/td><td class="trend"><svg [^]*?<\/svg><\/td><td class="num">0%<\/td><\/tr>/);
    const movers = html.slice(html.indexOf('<div class="movers">'), html.indexOf('<h3 id="spikes">'));
    // A table per kind by its main figure: stars never beside downloads; forks and the one that stood still are no movers.
    expect([...movers.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['GitHub repositories, stars', 'GitHub repository counts', 'Hugging Face models, all-time downloads']);
    expect(count(movers, /<tr><td /)).toBe(4);
    // A line each; the kind and key in its title.
    expect(movers).toContain('<tr><td title="GitHub repository counts · llama">LLaMA</td><td class="num">+266</td><td class="num">+0.51%</td></tr>');
  });

  it('signs negative deltas and shows missing figures as –', () => {
    const base = sampleReport();
    const [first, second] = base.rows;
    if (!first || !second) throw new Error('fixture has rows');
    const html = renderHtml(
      sampleReport({
        rows: [
          { ...first, value: 98_766, previousValue: 100_000, delta: -1_234, growthPct: -1.23 },
          { ...second, previousValue: null, delta: null, growthPct: null },
        ],
      }),
    );
    const [, chatglm, llama] = seriesTable(html, 'github_repo');
    expect(chatglm?.slice(1, 3)).toEqual(['98,766', '-1,234']);
    expect(chatglm?.[4]).toBe('-1.2%');
    expect(llama?.slice(1, 3)).toEqual(['58,958', '–']);
    expect(llama?.[4]).toBe('–');
  });

  it('flags stale, reconstructed and spiking rows, with a legend', () => {
    const html = renderHtml(sampleReport());
    expect(html).toMatch(/<p class="legend">[^<]*<span class="flag stale">stale<\/span> no sample inside the week/);
    expect(html).toContain('<tr><td><div class="subject"><span title="meta-llama/llama">LLaMA <span class="owner">meta-llama/llama</span></span><span class="flag stale" title="last sample 2026-11-21 05:12 UTC">stale</span></div></td>');
    expect(html).toContain('<tr><td><div class="subject"><span title="THUDM/ChatGLM-6B"><span class="owner">THUDM/</span>ChatGLM-6B</span><span class="flag reconstructed">reconstructed</span></div></td>');
    expect(html).toContain('<tr><td><div class="subject"><span title="THUDM/chatglm-6b">ChatGLM-6B <span class="owner">THUDM/chatglm-6b</span></span><span class="flag spike" title="spike in all-time downloads">spike</span></div></td><td class="num">3,654,300');
    expect(count(html, /<span class="flag (stale|reconstructed|spike)"/)).toBe(6); // 3 in the legend, 3 in rows
    // A spike of a side figure flags its subject's row too, and says which figure.
    const side = renderHtml(sampleReport({ spikes: [{ kind: 'hf_model', key: 'THUDM/chatglm-6b', label: 'ChatGLM-6B', metric: 'downloads_30d', delta: 107_800, medianDelta: 1_000, baselineWeeks: 8 }] }));
    expect(side).toContain('ChatGLM-6B <span class="owner">THUDM/chatglm-6b</span></span><span class="flag spike" title="spike in downloads (30 days)">spike</span>');
  });

  it('says "reconstructed" once under a table a backfill covers, not on each of its rows', () => {
    const base = sampleReport();
    const rows = base.rows.map((row) => (row.kind === 'github_repo' ? { ...row, reconstructed: true } : row));
    const html = renderHtml(sampleReport({ rows }));
    const table = (kind: string) => html.slice(html.indexOf(`<table class="series" id="kind-${kind}">`)).split('</table>')[0] ?? '';
    const repos = table('github_repo');
    expect(repos).toContain(
      '<thead><tr><th class="kind">GitHub repositories <span class="muted">2</span><span class="flag reconstructed" title="every figure in this table was rebuilt from history (backfill), not observed">all reconstructed</span></th>',
    );
    expect(count(repos, /class="flag reconstructed"/)).toBe(1);
    expect(repos).toContain('<span class="flag stale"');
    expect(table('github_search')).not.toContain('reconstructed');
    // A table the backfill covers only in part flags its rows, and has no such heading.
    expect(renderHtml(base)).not.toContain('all reconstructed');
  });

  it('names metrics as people read them, in cells and sparkline titles', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('<th class="num">%</th><th class="num">Downloads (30 days)</th></tr></thead>');
    expect(html).toContain('<td class="num other">279,600<small>+107,800</small></td></tr>');
    // The line is scaled to its own range, so its title gives the week's change, as does the cell beside it.
    expect(html).toContain(
      '<td class="num change">+152,400</td><td class="trend"><svg class="sparkline" width="120" height="18" viewBox="0 0 120 18" role="img">' +
        '<title>ChatGLM-6B all-time downloads, this week +152,400; 12 weeks on their own scale: 2026-W37 3,100,000 → 2026-W48 3,654,300</title>',
    );
    const series = html.slice(html.indexOf('<section id="series">')).split('</section>')[0] ?? '';
    expect(series).not.toMatch(/downloads_/);
  });

  it('widens an other column whose figure and change would not fit on one line', () => {
    const base = sampleReport();
    const columns = (html: string) => /<table class="series" id="kind-hf_model">\n(<colgroup>[^\n]*)/.exec(html)?.[1];
    expect(columns(renderHtml(base))).toBe('<colgroup><col class="name"><col class="value"><col class="change"><col class="trend"><col class="pct"><col class="other"></colgroup>');
    const rows = base.rows.map((row) => (row.metric === 'downloads_30d' ? { ...row, value: 35_819_606, delta: 1_286_351 } : row));
    expect(columns(renderHtml(sampleReport({ rows })))).toBe(
      '<colgroup><col class="name"><col class="value"><col class="change"><col class="trend"><col class="pct"><col class="other wide"></colgroup>',
    );
  });

  it('shows one row per subject, its main figure with change, line and %, its other figures as columns', () => {
    const base = sampleReport();
    const chatglm = base.rows.find((row) => row.kind === 'github_repo' && row.key === 'THUDM/ChatGLM-6B');
    if (!chatglm) throw new Error('fixture has ChatGLM-6B stars');
    const forks = { ...chatglm, metric: 'forks', value: 5_300, previousValue: 5_288, delta: 12, growthPct: 0.23 };
    const watchers = { ...chatglm, metric: 'watchers', value: 402, previousValue: 402, delta: 0, growthPct: 0 };
    const html = renderHtml(sampleReport({ rows: [...base.rows, forks, watchers] }));
    expect(seriesTable(html, 'github_repo')).toEqual([
      ['GitHub repositories 2', 'Stars', 'This week', '12 weeks', '%', 'Forks', 'Watchers'],
      [
        'THUDM/ ChatGLM-6B reconstructed',
        '41,213',
        '+37',
        'ChatGLM-6B stars, this week +37; 12 weeks on their own scale: 2026-W37 40,802 → 2026-W48 41,213',
        '+0.09%',
        '5,300 +12',
        '402 0',
      ],
      // LLaMA has no forks or watchers this week.
      ['LLaMA meta-llama/llama stale', '58,958', '0', 'LLaMA stars, this week 0; 12 weeks on their own scale: 2026-W37 58,430 → 2026-W48 58,958', '0%', '–', '–'],
    ]);
    expect(html).toContain('<td class="num">+0.09%</td><td class="num other">5,300<small>+12</small></td><td class="num other">402<small>0</small></td></tr>');
    // A kind with a single metric has no other columns; two download counts of one model are one row.
    expect(seriesTable(html, 'github_search')[0]).toEqual(['GitHub repository counts 2', 'Repositories', 'This week', '12 weeks', '%']);
    expect(seriesTable(html, 'hf_model').map((row) => row[0])).toEqual(['Hugging Face models 1', 'ChatGLM-6B THUDM/chatglm-6b spike']);
    expect(seriesTable(html, 'hf_model')[0]).toEqual(['Hugging Face models 1', 'All-time downloads', 'This week', '12 weeks', '%', 'Downloads (30 days)']);
  });

  it("sorts each table by this week's growth, those without one last by name whatever its case", () => {
    const base = sampleReport();
    const llama = base.rows.find((row) => row.kind === 'github_search' && row.key === 'llama');
    if (!llama) throw new Error('fixture has the llama search');
    const search = (key: string, growthPct: number | null, delta: number | null) => ({ ...llama, key, label: key, growthPct, delta });
    const rows = [...base.rows, search('Gamma', null, null), search('alpha', 2, 10), search('beta', null, null), search('Zeta', 0.51, 300)];
    const names = seriesTable(renderHtml(sampleReport({ rows })), 'github_search').slice(1).map((row) => row[0]);
    // Zeta and LLaMA grew alike: the larger change first.
    // A key is shown beside its label only when it says more.
    expect(names).toEqual(['alpha', 'Zeta', 'LLaMA llama', 'GPT-4 gpt-4', 'beta', 'Gamma']);
  });

  it(`shows a kind's ${ROWS_SHOWN} fastest growers and folds the rest under a summary that opens them, with the same columns`, () => {
    const base = sampleReport();
    const llama = base.rows.find((row) => row.kind === 'github_search' && row.key === 'llama');
    if (!llama) throw new Error('fixture has the llama search');
    const searches = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...llama, key: `term-${i}`, label: `term-${i}`, delta: 100 - i, growthPct: (100 - i) / 100 }));
    const html = renderHtml(sampleReport({ rows: [...base.rows.filter((row) => row.kind !== 'github_search'), ...searches(12)] }));
    const start = html.indexOf('<table class="series" id="kind-github_search">');
    const block = html.slice(start, html.indexOf('\n</div>', start));
    const [shown = '', folded = ''] = block.split('<details>');
    expect(count(shown, /<tr><td>/)).toBe(ROWS_SHOWN);
    expect(shown).toContain('>term-0<');
    expect(folded).toMatch(/^<summary>4 more GitHub repository counts<\/summary>\n<table class="series">\n<colgroup><col class="name"><col class="value"><col class="change"><col class="trend"><col class="pct"><\/colgroup>\n<tbody>/);
    expect([...folded.matchAll(/<span title="(term-\d+)">/g)].map((m) => m[1])).toEqual(['term-8', 'term-9', 'term-10', 'term-11']);
    // Every subject still has its row, once.
    expect(seriesTable(html, 'github_search').slice(1).map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => `term-${i}`));
    // A tail of one or two rows is not worth a fold.
    const ten = renderHtml(sampleReport({ rows: [...base.rows.filter((row) => row.kind !== 'github_search'), ...searches(ROWS_SHOWN + 2)] }));
    expect(ten).not.toContain('<details>');
    expect(seriesTable(ten, 'github_search')).toHaveLength(ROWS_SHOWN + 3);
  });

  it('says in the week so far which windows wait for Sunday to be judged for spikes', () => {
    const base = sampleReport();
    const midweek = base.rows.map((row) => (row.metric === 'downloads_30d' ? { ...row, observedAt: '2026-11-25T06:00:00.000Z' } : row));
    const note = "Downloads (30 days) are judged for spikes once Sunday's figures are in: until then their change from last Sunday counts other weekdays.";
    expect(renderHtml(sampleReport({ complete: false, rows: midweek }))).toContain(`<p class="legend">${escapeHtml(note)}</p>`);
    expect(renderMarkdown(sampleReport({ complete: false, rows: midweek }))).toContain(`_${note}_`);
    // A week that is over, or whose windows were read on Sunday, has no such note.
    expect(renderHtml(sampleReport({ rows: midweek }))).not.toContain('once Sunday');
    expect(renderHtml(sampleReport({ complete: false }))).not.toContain('once Sunday');
  });

  it('lists a change of leader under Overtakes, after the spikes, in HTML and Markdown', () => {
    const base = sampleReport();
    const [search] = base.comparisons;
    if (!search) throw new Error('fixture has the search comparison');
    // GPT-4 led last week; LLaMA leads now.
    const members = search.members.map((member) => (member.key === 'gpt-4' ? { ...member, previousValue: 52_200 } : member));
    const html = renderHtml(sampleReport({ comparisons: [{ ...search, members }] }));
    expect(html).toContain(
      '<h3 id="overtakes">Overtakes</h3>\n<ul>\n<li>LLaMA overtook GPT-4 in &quot;LLaMA vs GPT-4: repositories on GitHub&quot;: 52,400 against 50,600 repositories</li>\n</ul>',
    );
    expect(html.indexOf('id="spikes"')).toBeLessThan(html.indexOf('id="overtakes"'));
    expect(html.indexOf('id="overtakes"')).toBeLessThan(html.indexOf('<section id="comparisons">'));
    expect(renderHtml(base)).toContain('<h3 id="overtakes">Overtakes</h3>\n<p class="none">None: every comparison kept its leader.</p>');
    // Markdown tells it at the top too, and leaves the heading out when nothing changed hands.
    const markdown = renderMarkdown(sampleReport({ comparisons: [{ ...search, members }] }));
    expect(markdown).toContain('## Overtakes\n\n- LLaMA overtook GPT-4 in "LLaMA vs GPT-4: repositories on GitHub": 52,400 against 50,600 repositories\n\n## Comparisons');
    expect(renderMarkdown(base)).not.toContain('## Overtakes');
  });

  it('opens with contents linking to every section and to each kind\'s table, with its subject count', () => {
    const html = renderHtml(sampleReport());
    const nav = html.slice(html.indexOf('<nav class="contents">'), html.indexOf('</nav>'));
    expect(html.indexOf('</header>\n<nav class="contents">')).toBeGreaterThan(0);
    const links = [...nav.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>(?: <span class="muted">(\d+)<\/span>)?/g)].map(([, id, text, n]) => `${id} ${text}${n ? ` ${n}` : ''}`);
    expect(links).toEqual([
      'movers Headline movers',
      'spikes Spikes 1',
      'overtakes Overtakes 0',
      'comparisons Comparisons 2',
      'series All subjects',
      'stale Stale series 1',
      'missing Missing 2',
      'kind-github_repo GitHub repositories 2',
      'kind-github_search GitHub repository counts 2',
      'kind-hf_model Hugging Face models 1',
    ]);
    // Every link lands on an element of the page, once.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    for (const id of links.map((link) => link.split(' ')[0])) expect(ids.filter((candidate) => candidate === id), id).toHaveLength(1);
  });

  it('lists spikes among the movers, then stale series, and missing subjects a line per kind and reason', () => {
    const html = renderHtml(sampleReport());
    const part = (id: string) => html.slice(html.indexOf(`<section id="${id}">`)).split('</section>')[0] ?? '';
    expect(part('movers')).toContain(
      '<h3 id="spikes">Spikes</h3>\n<ul>\n<li><strong>ChatGLM-6B</strong> <span class="muted">Hugging Face models · THUDM/chatglm-6b</span> ' +
        'all-time downloads +152,400 this week, 3.7× the median weekly change (+40,350) of the 8 weeks before</li>\n</ul>',
    );
    expect(part('stale')).toContain('GitHub repositories · meta-llama/llama</span> stars: last sample 2026-11-21 05:12 UTC');
    const missing = part('missing');
    // A line per kind and reason.
    expect(missing).toContain(
      '<ul>\n<li>GitHub repositories, not found upstream: <code>openai/gpt-4</code></li>\n<li>ModelScope models, never collected: <code>ZhipuAI/chatglm3-6b</code></li>\n</ul>',
    );
    const empty = renderHtml(sampleReport({ spikes: [], stale: [], missing: [] }));
    expect(empty).toContain('<h3 id="spikes">Spikes</h3>\n<p class="none">None: no figure changed by over 3× its usual weekly change.</p>');
    expect(empty).toContain('<h2>Stale series</h2>\n<p class="none">None this week.</p>');
    expect(empty).toContain('<h2>Missing</h2>\n<p class="none">None: every configured subject has figures this week.</p>');
  });

  it('escapes every hostile label, key and name: no markup gets through, the text survives', () => {
    const report = hostileReport();
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script|<img/i);
    const { tags, attributes } = markup(html);
    expect(tags.filter((tag) => !TAGS.has(tag))).toEqual([]);
    expect(attributes.filter((attribute) => !ATTRIBUTES.has(attribute))).toEqual([]);
    expect(attributes.some((attribute) => attribute.startsWith('on'))).toBe(false);
    // Still there, as text: in HTML, in the SVG legend <text> and in the chart's <title>.
    const text = decode(html.replace(/<[^>]*>/g, ''));
    for (const hostile of Object.values(HOSTILE)) expect(text).toContain(hostile);
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; vs &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(html).toContain('<tspan fill="#0072b2">&lt;script&gt;alert(1)&lt;/script&gt;</tspan>');
    expect(html).toContain('<code>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(html).toContain('=HYPERLINK(&quot;http://evil&quot;)');
    expect(html).toContain('+cmd|&#39; /C calc&#39;!A0');
  });

  it('escapes in attribute values too', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    const html = renderHtml(sampleReport({ generatedAt: HOSTILE.img }));
    expect(html).toContain('<time datetime="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">');
    expect(html).not.toMatch(/<img/);
  });

  it('matches the reviewed snapshot', async () => {
    await expect(renderHtml(sampleReport())).toMatchFileSnapshot('__snapshots__/report-2026-W48.html');
  });
});

describe('axis ticks', () => {
  it('picks steps of 1, 2 or 5 × 10^n and covers the data', () => {
    expect(niceTicks(48_402, 52_400)).toMatchObject({ lo: 48_000, hi: 53_000, step: 1_000 });
    expect(niceTicks(40_802, 58_958)).toMatchObject({ lo: 40_000, hi: 60_000, step: 5_000 });
    expect(niceTicks(0.1, 0.3).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(1_000, 1_000)).toMatchObject({ lo: 940, hi: 1_060, step: 20 });
    expect(niceTicks(0, 0)).toMatchObject({ lo: 0, hi: 1 });
  });

  it('writes short labels that stay distinct', () => {
    const labels = (min: number, max: number) => {
      const ticks = niceTicks(min, max);
      return ticks.values.map(tickFormatter(ticks));
    };
    expect(labels(48_402, 52_400)).toEqual(['48k', '49k', '50k', '51k', '52k', '53k']);
    expect(labels(6_150, 6_260)).toEqual(['6.14k', '6.16k', '6.18k', '6.20k', '6.22k', '6.24k', '6.26k']);
    expect(labels(1_180_000, 1_260_000)).toEqual(['1.18M', '1.20M', '1.22M', '1.24M', '1.26M']);
    expect(labels(0, 2_400_000_000)).toEqual(['0', '0.5B', '1.0B', '1.5B', '2.0B', '2.5B']);
    expect(labels(0, 800)).toEqual(['0', '200', '400', '600', '800']);
  });
});

describe('sparkline', () => {
  it('scales to the series range and leaves gaps for missing weeks', () => {
    const svg = renderSparkline('LLaMA stars', [
      { week: '2026-W01', value: null },
      { week: '2026-W02', value: 10 },
      { week: '2026-W03', value: 20 },
      { week: '2026-W04', value: null },
      { week: '2026-W05', value: 15 },
    ]);
    expect(svg).toContain('d="M31.5,25L60,3M117,14"');
    expect(svg).toContain('<title>LLaMA stars: 2026-W02 10 → 2026-W05 15</title>');
  });

  it('draws a flat series across the middle', () => {
    const svg = renderSparkline('flat', [
      { week: '2026-W01', value: 5 },
      { week: '2026-W02', value: 5 },
    ]);
    expect(svg).toContain('d="M3,14L117,14"');
  });
});
