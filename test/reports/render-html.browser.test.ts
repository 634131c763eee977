// Opens the HTML report in a real browser (Debian's headless Chromium): the page must
// render its charts offline, and the browser's own parser must find no injected markup.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART_THEMES, lineColor } from '../../reports/charts/chart-theme.ts';
import { SPARKLINE_COLOR } from '../../reports/charts/sparkline.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { hostileReport, sampleReport } from '../helpers/report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'oss-pulse-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs headless Chromium on an HTML page; returns its stdout. A fresh profile per run, nothing reaching the network. */
async function chromium(html: string, name: string, args: string[]): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run installs it in CI`);
  }
  const page = join(dir, `${name}.html`);
  writeFileSync(page, html);
  const profile = mkdtempSync(join(dir, 'profile-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
  flags.push('--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${profile}`);
  const { stdout } = await run(CHROMIUM, [...flags, ...args, pathToFileURL(page).href], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

async function screenshot(html: string, name: string): Promise<PNG> {
  const file = join(dir, `${name}.png`);
  await chromium(html, name, [`--screenshot=${file}`, '--window-size=1280,2000']);
  expect(existsSync(file), `Chromium wrote no screenshot ${file}`).toBe(true);
  return PNG.sync.read(readFileSync(file));
}

/** Share of pixels that are not (near) white, and how many pixels have exactly each of `colors`. */
function inspect(png: PNG, colors: readonly string[]): { inked: number; found: Record<string, number> } {
  const found: Record<string, number> = Object.fromEntries(colors.map((color) => [color, 0]));
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = png.data.subarray(i, i + 3);
    if (r < 245 || g < 245 || b < 245) inked++;
    const hex = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    if (hex in found) found[hex] = (found[hex] ?? 0) + 1;
  }
  return { inked: inked / (png.width * png.height), found };
}

describe('the HTML report in headless Chromium', () => {
  it('renders the sample report with its charts', { timeout: 90_000 }, async () => {
    const png = await screenshot(renderHtml(sampleReport()), 'report');
    expect([png.width, png.height]).toEqual([1280, 2000]);
    // Both comparisons draw two lines (2.5 px wide, ~450 pixels of each colour in 380 px charts); the
    // table rows draw sparklines (1.5 px, mostly anti-aliased: a few hundred pixels).
    const colors = [lineColor(CHART_THEMES.light, 0), lineColor(CHART_THEMES.light, 1), SPARKLINE_COLOR];
    const { inked, found } = inspect(png, colors);
    expect(inked).toBeGreaterThan(0.03);
    expect(found[colors[0] ?? ''], 'pixels of the first line colour').toBeGreaterThan(300);
    expect(found[colors[1] ?? ''], 'pixels of the second line colour').toBeGreaterThan(300);
    expect(found[SPARKLINE_COLOR], 'pixels of the sparklines').toBeGreaterThan(100);

    // The same measure on an empty page, to show it tells a blank screenshot apart.
    const blank = inspect(await screenshot('<!DOCTYPE html><title>blank</title>', 'blank'), colors);
    expect(blank.inked).toBeLessThan(0.001);
    expect(Object.values(blank.found)).toEqual([0, 0, 0]);
  });

  it("finds no element made of the hostile strings in the browser's DOM", { timeout: 60_000 }, async () => {
    const dom = await chromium(renderHtml(hostileReport()), 'hostile', ['--dump-dom']);
    expect(dom).toContain('<div class="chart"><svg ');
    // Attribute values are serialised in double quotes (a quote in them as &quot;) and may hold a
    // hostile string as text (a key in a title); outside them, no element or handler may appear.
    const markup = dom.replace(/="[^"]*"/g, '=""');
    expect(markup).not.toMatch(/<script|<img|<[^>]*\sonerror=/i);
    // The strings are there, as text (serialised escaped again).
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(dom).toContain('"&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
