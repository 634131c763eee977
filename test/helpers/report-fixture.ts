/**
 * Hand-built Reports for renderer tests (HTML, Markdown, CSV, JSON), shaped like
 * `buildReport` output for 2026-W48. The histories below are the source of truth:
 * each row's value is the series' last weekly value, previousValue the one before,
 * delta = value - previousValue, growthPct = round(100 * delta / previousValue, 2).
 *
 * The figures of 2026-W48 (kind, key, metric: value, previous, delta, growth %):
 * - github_repo THUDM/ChatGLM-6B stars: 41,213, 41,176, +37, +0.09 (reconstructed)
 * - github_repo meta-llama/llama stars: 58,958, 58,958, 0, 0 (stale: last sample 2026-11-21)
 * - github_search gpt-4 repositories: 50,600, 50,376, +224, +0.44 (no figure in 2026-W37)
 * - github_search llama repositories: 52,400, 52,134, +266, +0.51
 * - hf_model THUDM/chatglm-6b downloads_30d: 279,600, 171,800, +107,800, +62.75 (no figures before 2026-W39)
 * - hf_model THUDM/chatglm-6b downloads_all_time: 3,654,300, 3,501,900, +152,400, +4.35 (the spike: median of the 8 weeks before 40,350)
 */
import type { SubjectKind } from '../../jobs/sources/registry.ts';
import { moversOf } from '../../reports/build-report.ts';
import { type Comparison, type Report, type ReportRow, type SeriesHistory } from '../../reports/report.ts';

export const FIXTURE_WEEK = '2026-W48';
/** The 12 weeks of history, oldest first. */
export const FIXTURE_WEEKS: readonly string[] = Array.from({ length: 12 }, (_, i) => `2026-W${37 + i}`);
const OBSERVED = '2026-11-29T06:00:00.000Z';

interface Series {
  row: ReportRow;
  history: SeriesHistory;
}

/** A series from its 12 weekly values; the row's figures derive from the last two. */
function series(
  kind: SubjectKind,
  key: string,
  label: string,
  metric: string,
  values: (number | null)[],
  flags: { stale?: boolean; reconstructed?: boolean; observedAt?: string } = {},
): Series {
  if (values.length !== FIXTURE_WEEKS.length) throw new Error(`${key}: ${values.length} values, want ${FIXTURE_WEEKS.length}`);
  const value = values.at(-1);
  const previousValue = values.at(-2) ?? null;
  if (value == null) throw new Error(`${key}: a row needs a value this week`);
  const delta = previousValue === null ? null : value - previousValue;
  const growthPct = delta === null || !previousValue ? null : Math.round((10_000 * delta) / previousValue) / 100;
  return {
    // buildReport's key order (a query figure, then `stale`), so JSON of the two reads alike.
    row: {
      kind,
      key,
      label,
      metric,
      week: FIXTURE_WEEK,
      value,
      previousValue,
      delta,
      growthPct,
      observedAt: flags.observedAt ?? OBSERVED,
      reconstructed: flags.reconstructed ?? false,
      stale: flags.stale ?? false,
    },
    history: { kind, key, label, metric, weeks: FIXTURE_WEEKS.map((week, i) => ({ week, value: values[i] ?? null })) },
  };
}

/** A comparison's members and chart history, from its series in member order. */
function comparison(name: string, members: Series[], text: Omit<Comparison, 'name' | 'members' | 'history'>): Comparison {
  return {
    name,
    members: members.map(({ row }) => ({
      kind: row.kind,
      key: row.key,
      label: row.label,
      metric: row.metric,
      value: row.value,
      previousValue: row.previousValue,
      delta: row.delta,
      growthPct: row.growthPct,
    })),
    ...text,
    history: FIXTURE_WEEKS.map((week, i) => ({ week, values: members.map((m) => m.history.weeks[i]?.value ?? null) })),
  };
}


/** Assembles a Report from series already in report order (kind, key, metric). */
function report(all: Series[], rest: Pick<Report, 'comparisons' | 'spikes' | 'missing'>): Report {
  const rows = all.map((s) => s.row);
  return {
    week: FIXTURE_WEEK,
    weekStart: '2026-11-23',
    weekEnd: '2026-11-29',
    generatedAt: '2026-11-30T06:00:00.000Z',
    complete: true,
    firstFigureAt: '2026-09-01T06:00:00.000Z',
    rows,
    history: all.map((s) => s.history),
    movers: moversOf(rows),
    stale: rows.filter((row) => row.stale),
    ...rest,
  };
}

/** A realistic report for 2026-W48; fresh objects on every call, so tests may mutate them. */
export function sampleReport(overrides: Partial<Report> = {}): Report {
  const chatglmStars = series('github_repo', 'THUDM/ChatGLM-6B', 'ChatGLM-6B', 'stars',
    [40_802, 40_851, 40_889, 40_930, 40_968, 41_001, 41_040, 41_072, 41_105, 41_141, 41_176, 41_213], { reconstructed: true });
  const llamaStars = series('github_repo', 'meta-llama/llama', 'LLaMA', 'stars',
    [58_430, 58_487, 58_541, 58_590, 58_644, 58_700, 58_751, 58_803, 58_852, 58_906, 58_958, 58_958],
    { stale: true, observedAt: '2026-11-21T05:12:00.000Z' });
  const gpt4Search = series('github_search', 'gpt-4', 'GPT-4', 'repositories',
    [null, 48_402, 48_630, 48_851, 49_080, 49_301, 49_519, 49_711, 49_930, 50_160, 50_376, 50_600]);
  const llamaSearch = series('github_search', 'llama', 'LLaMA', 'repositories',
    [49_530, 49_790, 50_052, 50_310, 50_571, 50_830, 51_090, 51_352, 51_611, 51_870, 52_134, 52_400]);
  // A rolling window that drifted down for weeks, then jumped with the spike below.
  const chatglm30d = series('hf_model', 'THUDM/chatglm-6b', 'ChatGLM-6B', 'downloads_30d',
    [null, null, 182_300, 180_900, 179_200, 178_600, 176_800, 175_900, 174_100, 173_500, 171_800, 279_600]);
  const chatglmAllTime = series('hf_model', 'THUDM/chatglm-6b', 'ChatGLM-6B', 'downloads_all_time',
    [3_100_000, 3_138_000, 3_179_000, 3_218_500, 3_258_700, 3_300_800, 3_340_600, 3_381_200, 3_422_500, 3_461_400, 3_501_900, 3_654_300]);

  const base = report([chatglmStars, llamaStars, gpt4Search, llamaSearch, chatglm30d, chatglmAllTime], {
    comparisons: [
      comparison('LLaMA vs GPT-4: repositories on GitHub', [llamaSearch, gpt4Search], {
        leader: { key: 'llama', label: 'LLaMA' },
        runnerUp: { key: 'gpt-4', label: 'GPT-4' },
        gap: 1_800,
        previousGap: 1_758,
        gapChange: 42,
        unit: 'repositories',
        sentence: 'LLaMA leads GPT-4 by 1,800 repositories; the gap widened by 42 this week.',
        growthSentence: 'growth this week: LLaMA +266 (+0.51%), GPT-4 +224 (+0.44%)',
      }),
      comparison('ChatGLM-6B vs LLaMA: stars', [chatglmStars, llamaStars], {
        leader: { key: 'meta-llama/llama', label: 'LLaMA' },
        runnerUp: { key: 'THUDM/ChatGLM-6B', label: 'ChatGLM-6B' },
        gap: 17_745,
        previousGap: 17_782,
        gapChange: -37,
        unit: 'stars',
        sentence: 'LLaMA leads ChatGLM-6B by 17,745 stars; the gap narrowed by 37 this week.',
        growthSentence: 'growth this week: ChatGLM-6B +37 (+0.09%), LLaMA 0 (0%)',
      }),
    ],
    spikes: [
      { kind: 'hf_model', key: 'THUDM/chatglm-6b', label: 'ChatGLM-6B', metric: 'downloads_all_time', delta: 152_400, medianDelta: 40_350, baselineWeeks: 8 },
    ],
    missing: [
      { kind: 'github_repo', key: 'openai/gpt-4', reason: 'not_found' },
      { kind: 'modelscope_model', key: 'ZhipuAI/chatglm3-6b', reason: 'no_data' },
    ],
  });
  return { ...base, ...overrides };
}

/** Strings that must come out inert: HTML injection, and spreadsheet formulas for the CSV. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(1)>',
  hyperlink: '=HYPERLINK("http://evil")',
  cmd: "+cmd|' /C calc'!A0",
  sum: '@SUM(1)',
  minus: '-2+3',
} as const;

/** A report whose labels, keys and comparison names are all hostile strings. */
export function hostileReport(): Report {
  const { script, img, hyperlink, cmd, sum, minus } = HOSTILE;
  const steady = (start: number, step: number) => FIXTURE_WEEKS.map((_, i) => start + i * step);
  const repo = series('github_repo', hyperlink, script, 'stars', steady(1_000, 10));
  const search = series('github_search', img, cmd, 'repositories', steady(2_000, 20));
  const model = series('hf_model', script, hyperlink, 'downloads_all_time', [...steady(10_000, 100).slice(0, 11), 12_000]);
  // Stale: no sample this week, so the figure repeats last week's.
  const npm = series('npm_package', sum, minus, 'downloads_7d', [...steady(500, 5).slice(0, 11), 550],
    { stale: true, observedAt: '2026-11-20T00:00:00.000Z' });
  return report([repo, search, model, npm], {
    comparisons: [
      comparison(`${script} vs ${img}`, [repo, search], {
        leader: { key: img, label: cmd },
        runnerUp: { key: hyperlink, label: script },
        gap: 1_110,
        previousGap: 1_100,
        gapChange: 10,
        unit: 'stars',
        sentence: `${cmd} leads ${script} by 1,110 stars; the gap widened by 10 this week.`,
        growthSentence: `growth this week: ${script} +10 (+0.91%), ${cmd} +20 (+0.91%)`,
      }),
      comparison(`${hyperlink} & ${sum} ${minus}`, [model, npm], {
        leader: { key: script, label: hyperlink },
        runnerUp: { key: sum, label: minus },
        gap: 11_450,
        previousGap: 10_450,
        gapChange: 1_000,
        unit: 'downloads',
        sentence: `${hyperlink} leads ${minus} by 11,450 downloads; the gap widened by 1,000 this week.`,
        growthSentence: `change this week: ${hyperlink} +1,000 (+9.09%), ${minus} 0 (0%)`,
      }),
    ],
    spikes: [{ kind: 'hf_model', key: script, label: hyperlink, metric: 'downloads_all_time', delta: 1_000, medianDelta: 100, baselineWeeks: 8 }],
    missing: [
      { kind: 'npm_package', key: img, reason: 'not_found' },
      { kind: 'pypi_package', key: cmd, reason: 'no_data' },
    ],
  });
}
