// The weekly report for the built-in watchlist, as people see it: the HTML page and the
// Markdown, rendered in real Chromium, screenshots kept in test/output/report/ to look
// at (a CI artifact). It asserts what a reader relies on: one row per subject, the
// story first, a page that stays short, and folded rows that open in line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectTables } from '../../reports/subject-rows.ts';
import { escapeHtml } from '../../reports/html-parts.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';
import { watchlistReport } from '../helpers/watchlist-report.ts';

const OUT = fileURLToPath(new URL('../output/report/', import.meta.url));

describe('the report for the built-in watchlist, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (html: string, name: string) => {
    writeFileSync(`${OUT}${name}.html`, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(html);
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
    return page;
  };

  it('HTML: the story first, one row per subject, each kind linked from the contents, a third of the old length', { timeout: 60_000 }, async () => {
    const report = watchlistReport();
    const page = await open(renderHtml(report), 'watchlist-report');
    const sections = await page.evaluate(() => [...document.querySelectorAll('body > section')].map((section) => section.id));
    expect(sections).toEqual(['movers', 'comparisons', 'series']);
    const rows = await page.evaluate(() => [...document.querySelectorAll('table.series tbody tr')].length);
    const subjects = subjectTables(report.rows).reduce((sum, table) => sum + table.subjects.length, 0);
    expect(rows).toBe(subjects);
    // Every contents link lands on something.
    const broken = await page.evaluate(() => [...document.querySelectorAll('nav.contents a')].map((a) => a.getAttribute('href') ?? '').filter((href) => !document.querySelector(href)));
    expect(broken).toEqual([]);
    // A subject stays on one line: no name, flag or figure with its change wraps (a line is about 25 px).
    const tallest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('table.series tbody tr')].map((row) => row.getBoundingClientRect().height)));
    expect(tallest).toBeLessThan(30);
    // One row per metric made this page 14,074 px tall; it must be under a third of that.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(14_074 / 3);
    // The folded rows open without a script, their columns right under the shown rows' columns.
    const folded = () => page.evaluate(() => [...document.querySelectorAll('details tbody tr')].filter((row) => row.checkVisibility()).length);
    const foldedRows = await page.evaluate(() => document.querySelectorAll('details tbody tr').length);
    expect(foldedRows).toBeGreaterThan(0);
    expect(await folded()).toBe(0);
    // On paper they print open.
    await page.emulateMedia({ media: 'print' });
    expect(await folded()).toBe(foldedRows);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => details.setAttribute('open', '')));
    await page.screenshot({ path: `${OUT}watchlist-report-open.png`, fullPage: true });
    const misaligned = await page.evaluate(() =>
      [...document.querySelectorAll('details')].flatMap((details) => {
        const edges = (row: Element | null | undefined) => [...(row?.children ?? [])].map((cell) => Math.round(cell.getBoundingClientRect().right));
        const shown = edges(details.previousElementSibling?.querySelector('tbody tr'));
        const folded = edges(details.querySelector('tbody tr'));
        return shown.join() === folded.join() && shown.length > 0 ? [] : [`${details.querySelector('summary')?.textContent}: ${shown} vs ${folded}`];
      }),
    );
    expect(misaligned).toEqual([]);
    await page.close();
  });

  it('Markdown: readable as text, with its tables one row per subject', { timeout: 60_000 }, async () => {
    const markdown = renderMarkdown(watchlistReport());
    const page = await open(`<!DOCTYPE html><meta charset="utf-8"><title>Markdown</title><pre style="font: 13px/1.4 monospace; white-space: pre-wrap">${escapeHtml(markdown)}</pre>`, 'watchlist-report-md');
    expect(markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Name')).length).toBe(
      subjectTables(watchlistReport().rows).reduce((sum, table) => sum + table.subjects.length, 0),
    );
    await page.close();
  });
});
