// A report shaped like the built-in watchlist's after twelve weeks, for looking at the
// report as people will: every kind, a +30% star spike, a backfilled kind, a repository
// first collected mid-way, one renamed upstream (configured under its old name), a stale
// series, two subjects without figures. Deterministic.
import { DEFAULT_CONFIG } from '../../config/config.ts';
import { isoWeekOf } from '../../jobs/iso-week.ts';
import { kindSpec } from '../../jobs/sources/registry.ts';
import { buildReport } from '../../reports/build-report.ts';
import { configuredSubjects } from '../../reports/configured-subjects.ts';
import type { SubjectState, WeeklyFigure } from '../../reports/queries.ts';
import type { Report, SeriesHistory } from '../../reports/report.ts';

const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${37 + i}`);
/** A typical size of each metric, scaled per subject. */
const BASE: Record<string, number> = {
  stars: 40_000, forks: 6_000, watchers: 500, open_issues: 300, release_downloads: 90_000, repositories: 20_000, downloads_all_time: 3_000_000,
  downloads_30d: 200_000, likes: 1_500, downloads_7d: 80_000, downloads_1d: 12_000, pulls: 5_000_000, downloads_90d: 900_000,
};

export function watchlistReport(): Report {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const figures: WeeklyFigure[] = [];
  const history: SeriesHistory[] = [];
  const subjects: SubjectState[] = [];
  const all = configuredSubjects(DEFAULT_CONFIG);
  for (const [n, { kind, key: configured }] of all.entries()) {
    if (configured === 'OpenMOSS/MOSS' || n === all.length - 1) continue; // never collected
    // GitHub moved THUDM's repositories to zai-org: the figures are stored under the new name.
    const renamed = kind === 'github_repo' && configured === 'THUDM/ChatGLM-6B';
    const key = renamed ? 'zai-org/ChatGLM-6B' : configured;
    const label = key.includes('/') ? (key.split('/')[1] ?? key) : key;
    const lateStart = key === 'ggml-org/llama.cpp' ? 6 : 0;
    subjects.push({ kind, key, status: 'active', aliases: renamed ? [configured] : [], firstFigureAt: lateStart ? '2026-10-19T06:00:00.000Z' : '2026-09-07T06:00:00.000Z' });
    const size = 0.05 + random() * 3;
    for (const { name: metric, windowDays } of kindSpec(kind).metrics) {
      const base = Math.round((BASE[metric] ?? 1_000) * size);
      const step = base * (0.002 + random() * 0.02);
      let value = base;
      const values = WEEKS.map((_, i) => {
        if (i < lateStart) return null;
        value = windowDays ? Math.round(value * (0.93 + random() * 0.14)) : Math.round(value + step * (0.6 + random() * 0.8));
        if (key === 'BlinkDL/RWKV-LM' && metric === 'stars' && i === 11) value = Math.round(value * 1.3);
        return value;
      });
      history.push({ kind, key, label, metric, weeks: WEEKS.map((week, i) => ({ week, value: values[i] ?? null })) });
      const last = values[11] ?? 0;
      const previousValue = values[10] ?? null;
      const delta = previousValue === null ? null : last - previousValue;
      const stale = key === 'meta-llama/llama';
      figures.push({
        kind, key, label, metric, week: '2026-W48', value: last, previousValue, delta,
        growthPct: delta === null || !previousValue ? null : Math.round((10_000 * delta) / previousValue) / 100,
        observedAt: stale ? '2026-11-21T05:12:00.000Z' : '2026-11-29T06:00:00.000Z',
        reconstructed: kind === 'modelscope_model' || configured === 'THUDM/ChatGLM-6B',
      });
    }
  }
  return buildReport({ week: isoWeekOf(new Date('2026-11-25T00:00:00Z')), generatedAt: new Date('2026-11-30T06:00:00Z'), figures, history, subjects, config: DEFAULT_CONFIG });
}
