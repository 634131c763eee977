// The dashboard served for real and opened in a real browser (Debian's headless
// Chromium through playwright-core), in light and dark colour schemes: every page
// loads with nothing failing, nothing fetched from elsewhere, nothing refused by the
// CSP, its charts drawn in the reader's scheme, and the hostile labels shown as text.
// The screenshots land in test/output/dashboard/ (git-ignored; CI keeps them as artifacts) for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCompleteWeek } from '../../jobs/iso-week.ts';
import { loadReport, writeReportFiles } from '../../reports/write-report.ts';
import { createLogger } from '../../runtime/logger.ts';
import type { DatabaseHandle } from '../../schema/db.ts';
import { seriesPath } from '../../reports/series-path.ts';
import { buildServer } from '../../web/server.ts';
import { DASHBOARD_CONFIG, DASHBOARD_NOW, HOSTILE_KEY, HOSTILE_LABEL, seedDashboard } from '../helpers/dashboard-fixture.ts';
import { openTestHandle } from '../helpers/handles.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../output/dashboard/', import.meta.url));
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const COMPARE = '/compare?series=github_search:llama&series=github_search:gpt-4&scale=log';

/** Each page, the path it ends on after redirects, its heading, how many charts it draws, and whether the hostile label is on it. */
const PAGES: { name: string; path: string; landsOn?: string; heading: string; charts: number; hostile?: boolean }[] = [
  { name: 'overview', path: '/', heading: 'Week 2026-W49 so far', charts: 2, hostile: true },
  { name: 'series-kinds', path: '/series/', heading: 'Series', charts: 0 },
  { name: 'series-github-repo', path: '/series/github_repo/', heading: 'GitHub repositories', charts: 0, hostile: true },
  { name: 'series-llama-cpp', path: '/series/github_repo/ggerganov/llama.cpp', heading: 'ggerganov/llama.cpp', charts: 3 },
  { name: 'series-renamed', path: '/series/github_repo/jmorganca/ollama', landsOn: '/series/github_repo/ollama/ollama', heading: 'ollama/ollama', charts: 3 },
  { name: 'series-hostile', path: seriesPath('/series', 'github_repo', HOSTILE_KEY), heading: HOSTILE_LABEL, charts: 3, hostile: true },
  { name: 'compare-log', path: COMPARE, heading: 'Compare', charts: 1 },
  { name: 'compare-first-day', path: `${COMPARE}&align=first`, heading: 'Compare', charts: 1 },
  { name: 'reports', path: '/reports/', heading: 'Weekly reports', charts: 0 },
];

let handle: DatabaseHandle;
let app: FastifyInstance;
let browser: Browser;
let origin: string;
const reportsDir = mkdtempSync(join(tmpdir(), 'oss-pulse-dashboard-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run installs it in CI`);
  }
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  const launching = chromium.launch({ executablePath: CHROMIUM, args });
  handle = await openTestHandle('postgres');
  await seedDashboard(handle.db);
  const report = await loadReport(handle.db, DASHBOARD_CONFIG, lastCompleteWeek(DASHBOARD_NOW), DASHBOARD_NOW);
  await writeReportFiles(report, ['html', 'csv'], reportsDir);
  app = await buildServer({ db: handle.db, config: DASHBOARD_CONFIG, reportsDir, logger: createLogger({ level: 'silent' }), now: () => DASHBOARD_NOW });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launching;
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await handle?.close();
  rmSync(reportsDir, { recursive: true, force: true });
});

/** What the page showed and did, read from the browser. */
interface Visit {
  status: number | undefined;
  path: string;
  /** Console errors, page errors, failed requests, error answers, CSP violations, dialogs (an injected `alert`). */
  problems: string[];
  requests: string[];
  charts: { src: string; currentSrc: string; complete: boolean; naturalWidth: number }[];
  images: { src: string; complete: boolean; naturalWidth: number }[];
  scripts: number;
  injected: number;
  xss: unknown;
  heading: string | undefined;
  text: string;
}

async function visit(path: string, scheme: Scheme, screenshot: string): Promise<Visit> {
  const page = await browser.newPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  // Playwright injects this outside the page's CSP; it adds no <script> element.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  try {
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    // Charts load lazily: bring each into view, as a reader scrolling would, and wait for it.
    await page.evaluate(async () => {
      for (const img of document.querySelectorAll('img')) {
        img.scrollIntoView();
        await img.decode().catch(() => undefined);
      }
      window.scrollTo(0, 0);
    });
    await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-${scheme}.png`), fullPage: true });
    const seen = await page.evaluate(() => ({
      charts: [...document.querySelectorAll('picture img')].map((img) => {
        const image = img as HTMLImageElement;
        return { src: image.getAttribute('src') ?? '', currentSrc: image.currentSrc, complete: image.complete, naturalWidth: image.naturalWidth };
      }),
      images: [...document.querySelectorAll('img')].map((image) => ({ src: image.currentSrc, complete: image.complete, naturalWidth: image.naturalWidth })),
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('img[src="x"], [onerror]').length,
      xss: (window as { __xss?: unknown }).__xss,
      heading: document.querySelector('h1')?.textContent ?? undefined,
      text: document.body.innerText,
    }));
    return { status: response?.status(), path: new URL(page.url()).pathname + new URL(page.url()).search, problems, requests, ...seen };
  } finally {
    await page.close();
  }
}

/** What every page must show and must not do, in one scheme. */
function expectSound(target: (typeof PAGES)[number], scheme: Scheme, seen: Visit): void {
  const where = `${target.name}, ${scheme}`;
  expect(seen.status, `${where}: status`).toBe(200);
  expect(seen.path, `${where}: where it landed`).toBe(target.landsOn ?? target.path);
  expect(seen.heading, `${where}: heading`).toBe(target.heading);
  expect(seen.problems, `${where}: problems`).toEqual([]);
  expect(seen.requests.filter((url) => !url.startsWith(`${origin}/`)), `${where}: requests to other origins`).toEqual([]);

  // The hostile subject's label and key, shown as text and never parsed as markup.
  expect(seen.scripts, `${where}: <script> elements`).toBe(0);
  expect(seen.injected, `${where}: elements made of the hostile key`).toBe(0);
  expect(seen.xss, `${where}: window.__xss`).toBeUndefined();
  if (target.hostile) expect(seen.text, `${where}: the hostile label, as text`).toContain(HOSTILE_LABEL);

  expect(seen.charts, `${where}: charts`).toHaveLength(target.charts);
  for (const chart of seen.charts) {
    expect(chart.complete && chart.naturalWidth > 0, `${where}: chart ${chart.src} drawn`).toBe(true);
    expect(new URL(chart.currentSrc).searchParams.get('theme'), `${where}: theme of chart ${chart.src}`).toBe(scheme === 'dark' ? 'dark' : null);
  }
  for (const image of seen.images) expect(image.complete && image.naturalWidth > 0, `${where}: image ${image.src} drawn`).toBe(true);
}

describe('the dashboard in headless Chromium', () => {
  for (const target of PAGES) {
    it(`shows ${target.name} (${target.path}) in the light and dark schemes`, async () => {
      // Both at once: the browser draws one while the server answers the other.
      const visits = await Promise.all(SCHEMES.map((scheme) => visit(target.path, scheme, target.name)));
      SCHEMES.forEach((scheme, i) => expectSound(target, scheme, visits[i] as Visit));
    });
  }
});

describe('the embeds on another site', () => {
  let other: Server;
  let otherPort: number;
  let embedding = '';

  beforeAll(async () => {
    // A page on another site (localhost is not 127.0.0.1's site) that, like a strict
    // wiki, requires every cross-site image to allow embedding through its CORP header.
    other = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cross-origin-embedder-policy': 'require-corp' });
      response.end(embedding);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherPort = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  it('render the chart and the badge inside <img> there', async () => {
    const sources = [
      `${origin}/embed/chart.svg?series=github_repo:ggerganov/llama.cpp&series=github_repo:ollama/ollama&range=all`,
      `${origin}/embed/chart.svg?series=github_search:llama&theme=dark`,
      `${origin}${seriesPath('/badge', 'github_repo', 'ggerganov/llama.cpp')}.svg`,
      `${origin}${seriesPath('/badge', 'github_repo', 'ggerganov/llama.cpp')}.svg?metric=forks`,
    ];
    embedding = `<!doctype html><title>README</title>${sources.map((src) => `<p><img src="${src.replaceAll('&', '&amp;')}" alt="embed"></p>`).join('')}`;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    try {
      await page.goto(`http://localhost:${otherPort}/`, { waitUntil: 'load' });
      expect(new URL(page.url()).origin).not.toBe(origin);
      const images = await page.evaluate(() =>
        [...document.querySelectorAll('img')].map((image) => ({ src: image.src, complete: image.complete, naturalWidth: image.naturalWidth })),
      );
      expect(images.map((image) => image.src)).toEqual(sources);
      for (const image of images) {
        expect(image.complete, `${image.src} loaded`).toBe(true);
        expect(image.naturalWidth, `width of ${image.src}`).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
