import { describe, expect, it } from 'vitest';
import { buildReport } from '../../reports/build-report.ts';
import { parseIsoWeek, shiftWeek } from '../../jobs/iso-week.ts';
import type { WeeklyFigure } from '../../reports/queries.ts';
import type { SeriesHistory } from '../../reports/report.ts';
import { parseConfig } from '../../config/config.ts';

const week = parseIsoWeek('2026-W48')!;
const config = parseConfig(
  `github:
  repos: [THUDM/ChatGLM-6B, facebookresearch/llama, gone/away]
  searches: [llama, gpt-4, never-collected]
comparisons:
  - name: stars
    series: ["github_repo:THUDM/ChatGLM-6B", "github_repo:facebookresearch/llama"]
`,
  'test.yaml',
);

/** A running-total series: `values[i]` is the figure of the week i - (values.length - 1) from W48. */
function series(kind: WeeklyFigure['kind'], key: string, metric: string, values: (number | null)[], extra: Partial<WeeklyFigure> = {}): WeeklyFigure[] {
  return values.flatMap((value, i) => {
    if (value === null) return [];
    const w = shiftWeek(week, i - (values.length - 1));
    const previous = values[i - 1] ?? null;
    const delta = previous === null ? null : value - previous;
    return [{
      kind, key, label: key, metric, week: w.label, value, previousValue: previous, delta,
      growthPct: previous ? Math.round((10_000 * (delta ?? 0)) / previous) / 100 : null,
      observedAt: new Date(w.start.getTime() + 2 * 86_400_000).toISOString(), reconstructed: false, ...extra,
    }];
  });
}

/** The weekly values a report reads for its history, from the same figures. */
/** Each series' history as a report reads it: the last figure at or before each of the 12 weeks. */
function historyOf(figures: WeeklyFigure[]): SeriesHistory[] {
  const weeks = Array.from({ length: 12 }, (_, i) => shiftWeek(week, i - 11).label);
  const bySeries = new Map<string, WeeklyFigure[]>();
  for (const f of figures) bySeries.set(`${f.kind} ${f.key} ${f.metric}`, [...(bySeries.get(`${f.kind} ${f.key} ${f.metric}`) ?? []), f]);
  return [...bySeries.values()].map((own) => {
    const { kind, key, label, metric } = own[0]!;
    return { kind, key, label, metric, weeks: weeks.map((w) => ({ week: w, value: own.filter((f) => f.week <= w).at(-1)?.value ?? null })) };
  });
}

const steady = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200];

describe('buildReport', () => {
  const figures = [
    ...series('github_repo', 'THUDM/ChatGLM-6B', 'stars', [...steady, 290]), // +90 after eight weeks of +10: a spike
    ...series('github_repo', 'meta-llama/llama', 'stars', [...steady.map((v) => v * 2), 405]),
    ...series('github_search', 'llama', 'repositories', [null, null, null, null, null, null, null, null, null, null, 5_600, 6_200]),
  ];
  const report = buildReport({
    week,
    generatedAt: new Date('2026-11-30T06:00:00Z'),
    figures,
    history: historyOf(figures),
    subjects: [
      { kind: 'github_repo', key: 'THUDM/ChatGLM-6B', status: 'active', aliases: [], firstFigureAt: '2026-09-01T06:00:00.000Z' },
      { kind: 'github_repo', key: 'meta-llama/llama', status: 'active', aliases: ['facebookresearch/llama'], firstFigureAt: '2026-09-01T06:00:00.000Z' },
      { kind: 'github_repo', key: 'gone/away', status: 'not_found', aliases: [], firstFigureAt: '2026-09-01T06:00:00.000Z' },
      { kind: 'github_search', key: 'llama', status: 'active', aliases: [], firstFigureAt: '2026-09-01T06:00:00.000Z' },
    ],
    config,
  });

  it('keeps the week\'s rows, sorted by kind, key, metric', () => {
    expect(report.rows.map((row) => `${row.kind} ${row.key} ${row.value} ${row.delta} ${row.growthPct}`)).toEqual([
      'github_repo THUDM/ChatGLM-6B 290 90 45',
      'github_repo meta-llama/llama 405 5 1.25',
      'github_search llama 6200 600 10.71',
    ]);
    expect(report).toMatchObject({ week: '2026-W48', weekStart: '2026-11-23', weekEnd: '2026-11-29' });
  });

  it('resolves a comparison member configured under an old name (alias), and computes the gap change', () => {
    const [comparison] = report.comparisons;
    expect(comparison).toMatchObject({
      leader: { key: 'meta-llama/llama' },
      runnerUp: { key: 'THUDM/ChatGLM-6B' },
      gap: 115,
      previousGap: 200,
      gapChange: -85,
      sentence: 'meta-llama/llama leads THUDM/ChatGLM-6B by 115 stars; the gap narrowed by 85 this week.',
    });
    expect(comparison?.history.at(-1)).toEqual({ week: '2026-W48', values: [290, 405] });
    expect(comparison?.history).toHaveLength(12);
  });

  it('flags a delta over 3× the median of the last 8 weeks before as a spike, and only that', () => {
    expect(report.spikes).toEqual([{ kind: 'github_repo', key: 'THUDM/ChatGLM-6B', label: 'THUDM/ChatGLM-6B', metric: 'stars', delta: 90, medianDelta: 10, baselineWeeks: 8 }]);
  });

  it('judges a window of 1 or 30 days on a Sunday reading only; a 7-day window and running totals on any day', () => {
    // Eight weeks of +10, then +90 this week, each read on the week's Wednesday or Sunday.
    const jump = (metric: string, dayOfWeek: number) =>
      series('pypi_package', 'transformers', metric, [...steady, 290]).map((figure) => {
        const start = parseIsoWeek(figure.week)!.start.getTime();
        return { ...figure, observedAt: new Date(start + dayOfWeek * 86_400_000 + 6 * 3_600_000).toISOString() };
      });
    const spikesOf = (figures: WeeklyFigure[], generatedAt: string) =>
      buildReport({ week, generatedAt: new Date(generatedAt), figures, history: historyOf(figures), subjects: [], config }).spikes.map((spike) => spike.metric);
    const wednesday = [...jump('downloads_1d', 2), ...jump('downloads_30d', 2), ...jump('downloads_7d', 2)];
    // The week so far, read on Wednesday: its change from last Sunday counts other weekdays than the weeks before.
    expect(spikesOf(wednesday, '2026-11-25T12:00:00Z')).toEqual(['downloads_7d']);
    const sunday = [...jump('downloads_1d', 6), ...jump('downloads_30d', 6), ...jump('downloads_7d', 6)];
    expect(spikesOf(sunday, '2026-11-29T12:00:00Z')).toEqual(['downloads_1d', 'downloads_30d', 'downloads_7d']);
    expect(spikesOf(sunday, '2026-11-30T06:00:00Z')).toEqual(['downloads_1d', 'downloads_30d', 'downloads_7d']);
  });

  it('ranks movers per kind by its main figure, never stars beside repositories', () => {
    expect(report.movers.map((group) => ({ kind: group.kind, metric: group.metric, growth: group.growth, byDelta: group.byDelta.map((row) => row.key), byGrowthPct: group.byGrowthPct.map((row) => row.key) }))).toEqual([
      { kind: 'github_repo', metric: 'stars', growth: true, byDelta: ['THUDM/ChatGLM-6B', 'meta-llama/llama'], byGrowthPct: ['THUDM/ChatGLM-6B', 'meta-llama/llama'] },
      { kind: 'github_search', metric: 'repositories', growth: true, byDelta: ['llama'], byGrowthPct: ['llama'] },
    ]);
  });

  it('lists subjects gone upstream and configured subjects never collected', () => {
    expect(report.missing).toEqual([
      { kind: 'github_repo', key: 'gone/away', reason: 'not_found' },
      { kind: 'github_search', key: 'gpt-4', reason: 'no_data' },
      { kind: 'github_search', key: 'never-collected', reason: 'no_data' },
    ]);
  });

  it('marks a series without a sample inside the week as stale', () => {
    const old = series('github_search', 'gpt-4', 'repositories', [4_000, 4_100]).map((figure) =>
      figure.week === '2026-W48' ? { ...figure, observedAt: '2026-11-20T00:00:00.000Z', delta: 0, value: 4_100 } : figure,
    );
    const stale = buildReport({ week, generatedAt: new Date(0), figures: old, history: historyOf(old), subjects: [], config });
    expect(stale.stale.map((row) => row.key)).toEqual(['gpt-4']);
    expect(stale.rows[0]?.stale).toBe(true);
  });
});
