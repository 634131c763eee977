import { describe, expect, it } from 'vitest';
import { LINE_COLORS, renderLineChart, weekLabels } from '../../reports/charts/line-chart.ts';
import { niceTicks, tickFormatter } from '../../reports/charts/scale.ts';
import { renderSparkline } from '../../reports/charts/sparkline.ts';
import { escapeHtml } from '../../reports/html-parts.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { HOSTILE, hostileReport, sampleReport } from '../helpers/report-fixture.ts';

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;

/** The elements and attributes renderHtml writes; anything else in the output came from data. */
const TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p time section div article table colgroup col thead tbody tr th td span strong code ul li svg g text line path circle'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'lang charset http-equiv content name id class datetime title width height viewBox role font-size fill x y dy x1 x2 y1 y2 cx cy r d stroke stroke-width stroke-linejoin stroke-linecap stroke-dasharray text-anchor'.split(
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

describe('renderHtml', () => {
  it('gives the same bytes for the same report', () => {
    const report = sampleReport();
    expect(renderHtml(report)).toBe(renderHtml(report));
    expect(renderHtml(sampleReport())).toBe(renderHtml(report));
  });

  it('is one self-contained page: no script, no links, nothing fetched', () => {
    const html = renderHtml(sampleReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\b(src|href)=|url\(|@import/i);
    expect(count(html, /<style>/)).toBe(1);
  });

  it('draws one line chart per comparison and one sparkline per row', () => {
    const report = sampleReport();
    const html = renderHtml(report);
    expect(count(html, /<svg class="chart"/)).toBe(report.comparisons.length);
    expect(count(html, /<svg class="sparkline"/)).toBe(report.rows.length);
    for (const comparison of report.comparisons) {
      expect(html).toContain(`<h3>${escapeHtml(comparison.name)}</h3>\n<p>${escapeHtml(comparison.sentence)}</p>`);
      expect(html).toContain(`<p class="meta">${escapeHtml(comparison.growthSentence)}</p>\n<svg class="chart"`);
    }
  });

  it('shows the header, the movers and a table per kind with formatted figures', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('<h1>OSS Pulse weekly report: 2026-W48</h1>');
    expect(html).toContain('<p class="meta">2026-11-23 – 2026-11-29 · 6 series');
    expect(html).toContain('generated <time datetime="2026-11-30T06:00:00.000Z">2026-11-30 06:00 UTC</time>');
    const kinds = [...html.matchAll(/<h3>([^<]+)<\/h3>\n<table class="series">/g)].map((m) => m[1]);
    expect(kinds).toEqual(['GitHub repositories', 'GitHub repository counts', 'Hugging Face models']);
    // value, previous, delta, growth % of github_search llama and of the spiking download count.
    expect(html).toContain('<td class="num">52,400</td><td class="num">52,134</td><td class="num">+266</td><td class="num">+0.51%</td>');
    expect(html).toContain('<td class="num">3,654,300</td><td class="num">3,501,900</td><td class="num">+152,400</td><td class="num">+4.4%</td>');
    expect(html).toContain('<td class="num">58,958</td><td class="num">58,958</td><td class="num">0</td><td class="num">0%</td>');
    const movers = html.slice(html.indexOf('<section id="movers">'), html.indexOf('<section id="comparisons">'));
    // A table per kind by its main figure: stars never beside downloads; forks and the one that stood still are no movers.
    expect([...movers.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1])).toEqual(['GitHub repositories, stars', 'GitHub repository counts', 'Hugging Face models, all-time downloads']);
    expect(count(movers, /<tr><td>/)).toBe(4);
    expect(movers).toContain('<tr><td>LLaMA<span class="key">llama</span></td><td class="num">+266</td><td class="num">+0.51%</td></tr>');
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
    expect(html).toContain('<td class="num">98,766</td><td class="num">100,000</td><td class="num">-1,234</td><td class="num">-1.2%</td>');
    expect(html).toContain('<td class="num">58,958</td><td class="num">–</td><td class="num">–</td><td class="num">–</td>');
  });

  it('flags stale, reconstructed and spiking rows, with a legend', () => {
    const html = renderHtml(sampleReport());
    expect(html).toMatch(/<p class="legend"><span class="flag stale">stale<\/span> no sample inside the week/);
    expect(html).toMatch(/<tr><td>LLaMA<span class="flag stale" title="last sample 2026-11-21 05:12 UTC">stale<\/span>/);
    expect(html).toMatch(/<tr><td>ChatGLM-6B<span class="flag reconstructed">reconstructed<\/span><span class="key">THUDM\/ChatGLM-6B/);
    expect(html).toMatch(/<tr><td>ChatGLM-6B<span class="flag spike">spike<\/span><span class="key">THUDM\/chatglm-6b<\/span><\/td><td>all-time downloads/);
    expect(count(html, /<span class="flag (stale|reconstructed|spike)"/)).toBe(6); // 3 in the legend, 3 in rows
  });

  it('says "reconstructed" once under a table a backfill covers, not on each of its rows', () => {
    const base = sampleReport();
    const rows = base.rows.map((row) => (row.kind === 'github_repo' ? { ...row, reconstructed: true } : row));
    const html = renderHtml(sampleReport({ rows }));
    const table = (title: string) => html.slice(html.indexOf(`<h3>${title}</h3>`)).split('</table>')[0] ?? '';
    const repos = table('GitHub repositories');
    expect(repos).toMatch(/^<h3>GitHub repositories<\/h3>\n<p class="legend">Every figure in this table is <span class="flag reconstructed">reconstructed<\/span> from history \(backfill\), not observed\.<\/p>\n<table class="series">/);
    expect(count(repos, /class="flag reconstructed"/)).toBe(1);
    expect(repos).toContain('<span class="flag stale"');
    expect(table('GitHub repository counts')).not.toContain('reconstructed');
    // A table the backfill covers only in part flags its rows, and has no such line.
    expect(renderHtml(base)).not.toContain('Every figure in this table');
  });

  it('names metrics as people read them, in cells and sparkline titles', () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain('</td><td>downloads (30 days)</td><td class="num">279,600</td>');
    expect(html).toContain('<title>ChatGLM-6B all-time downloads: 2026-W37 3,100,000 → 2026-W48 3,654,300</title>');
    const series = html.slice(html.indexOf('<section id="series">')).split('</section>')[0] ?? '';
    expect(series).not.toMatch(/downloads_/);
  });

  it('lists spikes, stale series, and missing subjects by reason', () => {
    const html = renderHtml(sampleReport());
    const part = (id: string) => html.slice(html.indexOf(`<section id="${id}">`)).split('</section>')[0] ?? '';
    expect(part('spikes')).toContain('all-time downloads: +152,400 this week, over 3× the median weekly change of 40,350');
    expect(part('stale')).toContain('GitHub repositories · meta-llama/llama</span> stars: last sample 2026-11-21 05:12 UTC');
    const missing = part('missing');
    expect(missing).toMatch(/<h3>Not found upstream<\/h3>\n<ul>\n<li>GitHub repositories: <code>openai\/gpt-4<\/code><\/li>\n<\/ul>/);
    expect(missing).toMatch(/<h3>Never collected<\/h3>\n<ul>\n<li>ModelScope models: <code>ZhipuAI\/chatglm3-6b<\/code><\/li>\n<\/ul>/);
    const empty = renderHtml(sampleReport({ spikes: [], stale: [], missing: [] }));
    expect(count(empty, /None this week\.|None\./)).toBe(4);
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
    expect(html).toContain('dy="0.32em">&lt;script&gt;alert(1)&lt;/script&gt;</text>');
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

describe('line chart', () => {
  const chart = renderLineChart({
    title: 'A vs B',
    unit: 'stars',
    weeks: ['2026-W01', '2026-W02', '2026-W03'],
    series: [
      { label: 'A', values: [0, 50, 100] },
      { label: 'B', values: [100, null, 0] },
    ],
  });

  it('maps values to y (0 at the plot bottom, 100 at its top), in member order, with gaps at nulls', () => {
    // Plot: x from 84 to 676 (margin 64 + inset 20), y from 250 (bottom) to 30 (top); ticks 0..100 by 20.
    const paths = [...chart.matchAll(/<path d="([^"]+)" fill="none" stroke="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(paths).toEqual([
      ['M84,250L380,140L676,30', LINE_COLORS[0]],
      ['M84,30M676,250', LINE_COLORS[1]],
    ]);
    expect(count(chart, /<circle /)).toBe(5);
    expect(chart).toContain('<circle cx="380" cy="140" r="3.5"><title>A, 2026-W02: 50</title></circle>');
  });

  it('labels the axes and the legend', () => {
    const yLabels = [...chart.matchAll(/text-anchor="end" fill="#52606d">([^<]+)</g)].map((m) => m[1]);
    expect(yLabels).toEqual(['0', '20', '40', '60', '80', '100']);
    expect([...chart.matchAll(/text-anchor="middle" fill="#52606d">([^<]+)</g)].map((m) => m[1])).toEqual(['2026-W01', 'W02', 'W03']);
    expect([...chart.matchAll(/dy="0.32em">([^<]+)<\/text>/g)].map((m) => m[1]).slice(-2)).toEqual(['A', 'B']);
    expect(chart).toContain('<title>A vs B</title>');
  });

  it('says so when there is nothing to draw', () => {
    const empty = renderLineChart({ title: 't', unit: 'u', weeks: ['2026-W01'], series: [{ label: 'A', values: [null] }] });
    expect(empty).toContain('no figures yet');
    expect(empty).not.toContain('<path');
  });

  it('labels every week it can, carrying the year into a new one', () => {
    const weeks = ['2026-W52', '2026-W53', '2027-W01', '2027-W02'];
    expect(weekLabels(weeks, 632).map((l) => l.text)).toEqual(['2026-W52', 'W53', '2027-W01', 'W02']);
    // 30 weeks are 20 px apart: every third week is labelled, ending on the report's week.
    const many = Array.from({ length: 30 }, (_, i) => `2026-W${String(i + 10)}`);
    const labels = weekLabels(many, 632);
    expect(labels.at(-1)).toEqual({ i: 29, text: 'W39' });
    expect(labels[0]).toEqual({ i: 2, text: '2026-W12' });
    expect(labels).toHaveLength(10);
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
