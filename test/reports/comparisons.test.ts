import { describe, expect, it } from 'vitest';
import { buildComparison, type SeriesLookup } from '../../reports/comparisons.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';
import type { ReportRow } from '../../reports/report.ts';
import type { SeriesRef } from '../../config/config-series.ts';
import { sampleReport } from '../helpers/report-fixture.ts';

/** This week's and last week's repository counts of keyword searches, by key. */
function lookupOf(figures: Record<string, [number, number | null]>): SeriesLookup {
  const labels: Record<string, string> = { llama: 'LLaMA', 'gpt-4': 'GPT-4', qwen: 'Qwen' };
  return {
    row: (ref) => {
      const figure = figures[ref.key];
      if (!figure) return undefined;
      const [value, previousValue] = figure;
      const delta = previousValue === null ? null : value - previousValue;
      return { week: '2026-W48', kind: ref.kind, key: ref.key, label: labels[ref.key] ?? ref.key, metric: ref.metric, value, previousValue, delta,
        growthPct: null, observedAt: '2026-11-29T00:00:00.000Z', stale: false, reconstructed: false } satisfies ReportRow;
    },
    history: () => undefined,
    label: (ref) => labels[ref.key] ?? ref.key,
  };
}

const search = (key: string): SeriesRef => ({ kind: 'github_search', key, metric: 'repositories' });
const compare = (figures: Record<string, [number, number | null]>, keys = ['llama', 'gpt-4']) =>
  buildComparison('LLaMA vs GPT-4', keys.map(search), lookupOf(figures), ['2026-W48']);

describe('a comparison whose leaders have the same figure', () => {
  it('reads as a tie, and says who led last week when the gap moved', () => {
    const tie = compare({ llama: [6_200, 6_050], 'gpt-4': [6_200, 6_100] });
    expect(tie.gap).toBe(0);
    expect(tie.sentence).toBe('LLaMA and GPT-4 are tied at 6,200 repositories; last week GPT-4 led by 50.');
    expect(compare({ llama: [6_200, 6_150], 'gpt-4': [6_200, 6_100] }).sentence).toBe(
      'LLaMA and GPT-4 are tied at 6,200 repositories; last week LLaMA led by 50.',
    );
  });

  it('says when the tie held, when there is no last week, and names every member tied at the top', () => {
    expect(compare({ llama: [6_200, 6_000], 'gpt-4': [6_200, 6_000] }).sentence).toBe('LLaMA and GPT-4 are tied at 6,200 repositories, as they were last week.');
    expect(compare({ llama: [6_200, null], 'gpt-4': [6_200, null] }).sentence).toBe('LLaMA and GPT-4 are tied at 6,200 repositories.');
    const three = compare({ llama: [900, null], 'gpt-4': [900, null], qwen: [900, null] }, ['llama', 'gpt-4', 'qwen']);
    expect(three.sentence).toBe('LLaMA, GPT-4 and Qwen are tied at 900 repositories.');
  });

  it('still reads as a lead when the figures differ', () => {
    expect(compare({ llama: [6_201, 6_100], 'gpt-4': [6_200, 6_050] }).sentence).toBe('LLaMA leads GPT-4 by 1 repositories; the gap narrowed by 49 this week.');
  });

  it('the Markdown and HTML reports show the tie, never "leads by 0"', () => {
    const report = sampleReport({ comparisons: [compare({ llama: [6_200, 6_050], 'gpt-4': [6_200, 6_100] })] });
    for (const text of [renderMarkdown(report), renderHtml(report)]) {
      expect(text).toContain('LLaMA and GPT-4 are tied at 6,200 repositories; last week GPT-4 led by 50.');
      expect(text).not.toMatch(/leads [^.]* by 0 /);
    }
  });
});
