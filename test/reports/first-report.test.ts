// The first report after install: a week before any figure says so and what to run,
// subjects first collected after the week say when, and the week so far is titled so.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { parseIsoWeek } from '../../jobs/iso-week.ts';
import { buildReport } from '../../reports/build-report.ts';
import type { SubjectState } from '../../reports/queries.ts';
import { emptyWeekAdvice, reportTitle, weekSpan } from '../../reports/report-intro.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';

const config = parseConfig('github:\n  repos: [THUDM/ChatGLM-6B, gone/away, never/seen]\n', 'test.yaml');
const subjects: SubjectState[] = [
  { kind: 'github_repo', key: 'THUDM/ChatGLM-6B', status: 'active', aliases: [], firstFigureAt: '2026-12-04T06:00:00.000Z' },
  { kind: 'github_repo', key: 'gone/away', status: 'not_found', aliases: [], firstFigureAt: null },
];
const W48 = parseIsoWeek('2026-W48')!;
const W49 = parseIsoWeek('2026-W49')!;
const NOW = new Date('2026-12-04T09:30:00.000Z');
const empty = (week = W48, withSubjects = subjects) => buildReport({ week, generatedAt: NOW, figures: [], history: [], subjects: withSubjects, config });

describe('the first report after install', () => {
  it('lists a subject first collected after the week with its first day, not as never collected', () => {
    expect(empty().missing).toEqual([
      { kind: 'github_repo', key: 'THUDM/ChatGLM-6B', reason: 'later', firstFigureAt: '2026-12-04T06:00:00.000Z' },
      { kind: 'github_repo', key: 'gone/away', reason: 'not_found' },
      { kind: 'github_repo', key: 'never/seen', reason: 'no_data' },
    ]);
    const markdown = renderMarkdown(empty());
    expect(markdown).toContain('- GitHub repositories, first figures on 2026-12-04: THUDM/ChatGLM-6B');
    expect(markdown).toContain('- GitHub repositories, never collected: never/seen');
    expect(renderHtml(empty())).toContain('<li>GitHub repositories, first figures on 2026-12-04: <code>THUDM/ChatGLM-6B</code></li>');
  });

  it('says why a week before the first figures is empty, and what to run', () => {
    const report = empty();
    expect(report.firstFigureAt).toBe('2026-12-04T06:00:00.000Z');
    expect(emptyWeekAdvice(report)).toBe(
      'No figures for this week: the first figures are from 2026-12-04. Run `oss-pulse backfill` to rebuild earlier weeks where the upstreams keep history, ' +
        'or `oss-pulse report --week 2026-W49` for the week of the first figures.',
    );
    expect(renderMarkdown(report)).toContain('No figures for this week: the first figures are from 2026-12-04.');
    expect(renderHtml(report)).toContain('Run <code>oss-pulse backfill</code> to rebuild earlier weeks');
  });

  it('says to collect when there is no figure at all', () => {
    expect(emptyWeekAdvice(empty(W48, []))).toMatch(/^No figures yet: run `oss-pulse collect`/);
  });

  it('titles a week not over yet as the week so far, to the day of the report', () => {
    const current = empty(W49);
    expect(current.complete).toBe(false);
    expect(reportTitle(current)).toBe('OSS Pulse weekly report: 2026-W49 so far');
    expect(weekSpan(current)).toBe('2026-11-30 – 2026-12-04');
    const past = empty(W48);
    expect(past.complete).toBe(true);
    expect(reportTitle(past)).toBe('OSS Pulse weekly report: 2026-W48');
    expect(weekSpan(past)).toBe('2026-11-23 – 2026-11-29');
    expect(renderMarkdown(current).split('\n')[0]).toBe('# OSS Pulse weekly report: 2026-W49 so far (2026-11-30 – 2026-12-04)');
  });
});
