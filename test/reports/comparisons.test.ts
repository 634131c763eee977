import { describe, expect, it } from 'vitest';
import { buildComparison, type SeriesLookup } from '../../reports/comparisons.ts';
import { renderHtml } from '../../reports/render-html.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';
import type { ReportRow } from '../../reports/report.ts';
import type { SeriesRef } from '../../config/config-series.ts';
import { sampleReport } from '../helpers/report-fixture.ts';

/** This week's and last week's repository counts of keyword searches, by key. */
function lookupOf(figures: Record<string, [number, number | null]>): SeriesLookup {
  const labels: Record<string, string> = { llama: 'LLaMA', 'gpt-4': 'GPT-4', qwen: 'Qwen', chatglm: 'ChatGLM' };
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

describe('a comparison of four or more members', () => {
  const FOUR = ['llama', 'gpt-4', 'chatglm', 'qwen'];
  const four = (figures: Record<string, [number, number | null]>, keys = FOUR) =>
    buildComparison('Models: repositories', keys.map(search), lookupOf(figures), ['2026-W48']);

  it('reads as a ranking, largest first, with the leader\'s gap over the runner-up', () => {
    const ranking = four({ qwen: [9_500, 9_400], chatglm: [12_000, 11_900], 'gpt-4': [30_679, 30_619], llama: [38_002, 37_900] }, ['qwen', 'chatglm', 'gpt-4', 'llama']);
    expect(ranking.sentence).toBe('LLaMA leads with 38,002 repositories, then GPT-4 30,679, ChatGLM 12,000 and Qwen 9,500; the lead over GPT-4 widened by 42 this week.');
    // The JSON fields stay the leader and the runner-up.
    expect(ranking.leader).toEqual({ key: 'llama', label: 'LLaMA' });
    expect(ranking.runnerUp).toEqual({ key: 'gpt-4', label: 'GPT-4' });
    expect([ranking.gap, ranking.gapChange]).toEqual([7_323, 42]);
  });

  it('says when the lead narrowed, held, changed hands or is new', () => {
    const base = { chatglm: [12_000, 11_900], qwen: [9_500, 9_400] } as Record<string, [number, number | null]>;
    expect(four({ ...base, llama: [38_002, 37_900], 'gpt-4': [30_679, 30_500] }).sentence).toMatch(/; the lead over GPT-4 narrowed by 77 this week\.$/);
    expect(four({ ...base, llama: [38_002, 37_902], 'gpt-4': [30_679, 30_579] }).sentence).toMatch(/; the lead over GPT-4 is unchanged this week\.$/);
    expect(four({ ...base, llama: [38_002, 30_000], 'gpt-4': [30_679, 30_619] }).sentence).toMatch(/ and Qwen 9,500; LLaMA overtook GPT-4 this week\.$/);
    expect(four({ ...base, llama: [38_002, null], 'gpt-4': [30_679, null] }).sentence).toMatch(/ and Qwen 9,500\.$/);
  });

  it('gives tied members one place, and never a lead of 0', () => {
    const tied = four({ llama: [38_002, 37_900], 'gpt-4': [38_002, 37_950], chatglm: [9_500, 9_000], qwen: [9_500, 9_100] });
    expect(tied.gap).toBe(0);
    expect(tied.sentence).toBe('LLaMA and GPT-4 are tied for the lead at 38,002 repositories, then ChatGLM and Qwen tied at 9,500; last week GPT-4 led by 50.');
    expect(four({ llama: [38_002, 37_900], 'gpt-4': [38_002, 37_900], chatglm: [9_500, 9_000], qwen: [9_400, 9_100] }).sentence).toBe(
      'LLaMA and GPT-4 are tied for the lead at 38,002 repositories, then ChatGLM 9,500 and Qwen 9,400; they were tied last week too.',
    );
  });

  it('names the members without figures yet', () => {
    const partial = four({ llama: [38_002, 37_900], 'gpt-4': [30_679, 30_619], chatglm: [12_000, null] });
    expect(partial.sentence).toBe('LLaMA leads with 38,002 repositories, then GPT-4 30,679 and ChatGLM 12,000; the lead over GPT-4 widened by 42 this week. No figures yet for Qwen.');
    expect(four({}).sentence).toBe('No figures for this week yet.');
    expect(four({ qwen: [9_500, 9_400] }).sentence).toBe('Qwen is the only one with figures this week.');
  });

  it('three members still read as a lead of one over the next', () => {
    expect(four({ llama: [38_002, 37_900], 'gpt-4': [30_679, 30_619], chatglm: [12_000, 11_000] }, ['llama', 'gpt-4', 'chatglm']).sentence).toBe(
      'LLaMA leads GPT-4 by 7,323 repositories; the gap widened by 42 this week.',
    );
  });

  it('the Markdown and HTML reports show the ranking', () => {
    const ranking = four({ llama: [38_002, 37_900], 'gpt-4': [30_679, 30_619], chatglm: [12_000, 11_900], qwen: [9_500, 9_400] });
    const report = sampleReport({ comparisons: [ranking] });
    for (const text of [renderMarkdown(report), renderHtml(report)]) expect(text).toContain('LLaMA leads with 38,002 repositories, then GPT-4 30,679, ChatGLM 12,000 and Qwen 9,500;');
  });
});
