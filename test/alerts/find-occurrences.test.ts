// What each rule finds in figures built by hand: no database, so every case of "once per
// crossing", "staying above is nothing" and "not on a tie" is a line of data.
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../alerts/alert-event.ts';
import { findOccurrences } from '../../alerts/find-occurrences.ts';
import type { TargetSeries } from '../../alerts/read-targets.ts';
import type { AlertRule } from '../../config/alerts-config.ts';
import type { Comparison, ComparisonMember, Report, ReportRow, SeriesHistory } from '../../reports/report.ts';

const WEEK = '2026-W49';
const DAY_MS = 86_400_000;
/** Samples are taken daily at 06:00 UTC, the first on Monday 2026-11-30 (W49). */
const FIRST_SAMPLE = Date.parse('2026-11-30T06:00:00.000Z');
const at = (day: number) => new Date(FIRST_SAMPLE + day * DAY_MS).toISOString();

const LLAMA: { kind: 'github_search'; key: string; label: string; metric: string } = { kind: 'github_search', key: 'llama', label: 'LLaMA', metric: 'repositories' };
const LLAMA_TARGET: AlertRule['target'] = { type: 'series', series: { kind: 'github_search', key: 'llama', metric: 'repositories' } };
const COMPARISON = 'LLaMA vs GPT-4: repositories on GitHub';

const rule = (name: string, condition: AlertRule['condition'], target: AlertRule['target'] = LLAMA_TARGET): AlertRule => ({
  name,
  target,
  condition,
  notify: [],
});
const above = (level: number, name = 'LLaMA passes 7,000') => rule(name, { type: 'above', level });
const below = (level: number, name = 'LLaMA under 7,000') => rule(name, { type: 'below', level });

function report(parts: Partial<Report> = {}): Report {
  return {
    week: WEEK,
    weekStart: '2026-11-30',
    weekEnd: '2026-12-06',
    generatedAt: '2026-12-02T12:00:00.000Z',
    complete: false,
    firstFigureAt: '2026-09-01T06:00:00.000Z',
    rows: [],
    history: [],
    comparisons: [],
    movers: [],
    spikes: [],
    stale: [],
    missing: [],
    ...parts,
  };
}

/** The series as a rule sees it after the sample of `day`: the `lookback` samples up to it and the one before them. */
function seriesAfter(values: readonly number[], day: number, about: Partial<TargetSeries> = {}, lookback = 1): TargetSeries {
  if (values[day] === undefined) throw new Error(`no sample on day ${day}`);
  const first = Math.max(0, day - lookback);
  return {
    ...LLAMA,
    status: 'active',
    lastSeenAt: at(day),
    samples: values.slice(first, day + 1).map((value, i) => ({ value, observedAt: at(first + i), origin: 'observed' })),
    ...about,
  };
}

/** Every event a rule finds when judged after each sample in turn, as rounds would. */
const overRounds = (r: AlertRule, values: readonly number[]): AlertEvent[] =>
  values.flatMap((_, day) => findOccurrences(r, { series: [seriesAfter(values, day)], report: report() }));

const ID = /^evt_[0-9a-f]{32}$/;

describe('above and below: a level crossed', () => {
  it('finds a crossing upward once, with the figures and the sentence', () => {
    const events = findOccurrences(above(7000), { series: [seriesAfter([6950, 7012], 1)], report: report() });
    expect(events).toEqual([
      {
        id: expect.stringMatching(ID),
        rule: 'LLaMA passes 7,000',
        kind: 'github_search',
        key: 'llama',
        label: 'LLaMA',
        metric: 'repositories',
        value: 7012,
        previous_value: 6950,
        delta: 62,
        week: WEEK,
        observed_at: '2026-12-01T06:00:00.000Z',
        message: 'LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-01',
      },
    ]);
  });

  it('finds nothing while the series stays above, or stays below, or falls for an above rule', () => {
    expect(findOccurrences(above(7000), { series: [seriesAfter([7012, 7100], 1)], report: report() })).toEqual([]);
    expect(findOccurrences(above(7000), { series: [seriesAfter([6800, 6900], 1)], report: report() })).toEqual([]);
    expect(findOccurrences(above(7000), { series: [seriesAfter([7100, 6900], 1)], report: report() })).toEqual([]);
    // Judged round after round, a series that crossed once and stayed above is one event.
    expect(overRounds(above(7000), [6900, 6990, 7010, 7020, 7500, 9000])).toHaveLength(1);
  });

  it('finds each crossing of a series going up, down and up again: two events, told apart by the sample that crossed', () => {
    const events = overRounds(above(7000), [6900, 7010, 6990, 7020, 7030]);
    expect(events.map((event) => [event.observed_at, event.previous_value, event.value])).toEqual([
      [at(1), 6900, 7010],
      [at(3), 6990, 7020],
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(2);
  });

  it('finds a fall under the level for a below rule, and not a rise', () => {
    const events = overRounds(below(7000), [7100, 6990, 6980, 7050, 6900]);
    expect(events.map((event) => [event.observed_at, event.value])).toEqual([
      [at(1), 6990],
      [at(4), 6900],
    ]);
    expect(events[0]?.message).toBe('LLaMA (github_search:llama) fell below 7,000 repositories: 6,990 on 2026-12-01');
    expect(events[0]?.delta).toBe(-110);
  });

  it('needs a sample before the newest: a first sample above the level crosses nothing', () => {
    expect(findOccurrences(above(7000), { series: [seriesAfter([7500], 0)], report: report() })).toEqual([]);
    expect(findOccurrences(below(7000), { series: [seriesAfter([6500], 0)], report: report() })).toEqual([]);
  });

  it('counts the level itself as reached: above fires on reaching it, below on going under it', () => {
    // At or over the level is "above"; strictly under is "below": the two rules split the line in one place.
    expect(overRounds(above(7000), [6999, 7000, 7001])).toHaveLength(1);
    expect(overRounds(above(7000), [6999, 7000])[0]?.value).toBe(7000);
    expect(overRounds(above(7000), [7000, 7001])).toEqual([]);
    expect(overRounds(below(7000), [7001, 7000])).toEqual([]);
    expect(overRounds(below(7000), [7000, 6999])).toHaveLength(1);
  });

  it('finds a crossing in each series of a kind target, each its own event', () => {
    const kindRule = rule('Any search passes 100', { type: 'above', level: 100 }, { type: 'kind', kind: 'github_search', metric: 'repositories' });
    const series = [
      seriesAfter([90, 110], 1),
      seriesAfter([90, 120], 1, { key: 'gpt-4', label: 'GPT-4' }),
      seriesAfter([110, 130], 1, { key: 'mistral', label: 'Mistral' }),
    ];
    const events = findOccurrences(kindRule, { series, report: report() });
    expect(events.map((event) => event.key)).toEqual(['llama', 'gpt-4']);
    expect(new Set(events.map((event) => event.id)).size).toBe(2);
  });

  it('finds a crossing in a round that was never judged, once, however many later rounds look back over it', () => {
    const values = [6900, 7010, 7020, 6990, 7030];
    // Judged only after day 2 and after day 4, each looking back over the two days before.
    const judged = [2, 4].flatMap((day) => findOccurrences(above(7000), { series: [seriesAfter(values, day, {}, 2)], report: report() }));
    expect(judged.map((event) => [event.observed_at, event.previous_value, event.value])).toEqual([
      [at(1), 6900, 7010],
      [at(4), 6990, 7030],
    ]);
    // Judged after every day, looking back two days: the same two ids, found again and again.
    const everyRound = values.flatMap((_, day) => findOccurrences(above(7000), { series: [seriesAfter(values, day, {}, 2)], report: report() }));
    expect(new Set(everyRound.map((event) => event.id))).toEqual(new Set(judged.map((event) => event.id)));
  });

  it('takes no crossing from a backfilled sample: it was rebuilt, not seen happening', () => {
    const series = seriesAfter([6900, 7010, 7020], 2, {}, 2);
    series.samples = series.samples.map((sample, i) => (i === 1 ? { ...sample, origin: 'backfill' } : sample));
    expect(findOccurrences(above(7000), { series: [series], report: report() })).toEqual([]);
    const fromBackfill = seriesAfter([6900, 6950, 7020], 2, {}, 2);
    fromBackfill.samples = fromBackfill.samples.map((sample, i) => (i === 1 ? { ...sample, origin: 'backfill' } : sample));
    expect(findOccurrences(above(7000), { series: [fromBackfill], report: report() }).map((event) => event.previous_value)).toEqual([6950]);
  });

  it('dates the event by the week of the sample that crossed, not the week it was judged in', () => {
    const sunday = { value: 7010, observedAt: '2026-12-06T23:30:00.000Z', origin: 'observed' };
    const series: TargetSeries = { ...seriesAfter([6900, 7010], 1), samples: [{ value: 6900, observedAt: at(5), origin: 'observed' }, sunday] };
    const [event] = findOccurrences(above(7000), { series: [series], report: report({ week: '2026-W50' }) });
    expect(event?.week).toBe('2026-W49');
  });
});

describe('event ids', () => {
  const crossing = { series: [seriesAfter([6950, 7012], 1)], report: report() };

  it('are the same every time the same occurrence is found', () => {
    const [first] = findOccurrences(above(7000), crossing);
    const [again] = findOccurrences(above(7000), { series: [seriesAfter([6950, 7012], 1)], report: report({ generatedAt: '2026-12-03T00:00:00.000Z' }) });
    expect(first?.id).toMatch(ID);
    expect(again?.id).toBe(first?.id);
  });

  it('differ by rule, by level, by series and by the sample that crossed', () => {
    const idOf = (r: AlertRule, series: TargetSeries) => findOccurrences(r, { series: [series], report: report() })[0]?.id;
    const base = idOf(above(7000), seriesAfter([6950, 7012], 1));
    const others = [
      idOf(above(7000, 'another rule'), seriesAfter([6950, 7012], 1)),
      idOf(above(7000, 'LLaMA passes 7,000 '), seriesAfter([6950, 7012], 1)),
      idOf(above(7001), seriesAfter([6950, 7012], 1)),
      idOf(above(7000), seriesAfter([6950, 7012], 1, { key: 'llama2' })),
      idOf(above(7000), seriesAfter([6950, 7012], 1, { metric: 'stars' })),
      idOf(above(7000), seriesAfter([6950, 6990, 7012], 2)),
    ];
    expect(others.every((id) => id !== undefined && ID.test(id))).toBe(true);
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});

describe('spike: the week over K times the median of the weeks before (the last 8 with figures, at least 3)', () => {
  const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${38 + i}`);
  /** Weekly values growing by 10 from 1,000 (W38) to 1,100 (W48); `missing` of the oldest weeks have none. */
  const steady = (missing = 0) => WEEKS.slice(0, 11).map((_, i) => (i < missing ? null : 1000 + 10 * i));
  const SPIKE = rule('Search spikes', { type: 'spike', factor: 3 }, { type: 'kind', kind: 'github_search', metric: 'repositories' });

  function inputs(before: (number | null)[], delta: number, series = LLAMA, week = WEEK) {
    const previous = before.at(-1) ?? null;
    const value = (previous ?? 0) + delta;
    const row: ReportRow = {
      week,
      kind: 'github_search',
      key: series.key,
      label: series.label,
      metric: series.metric,
      value,
      previousValue: previous,
      delta: previous === null ? null : delta,
      growthPct: null,
      observedAt: '2026-12-02T06:00:00.000Z',
      stale: false,
      reconstructed: false,
    };
    const history: SeriesHistory = { ...series, weeks: WEEKS.map((w, i) => ({ week: w, value: i < 11 ? (before[i] ?? null) : value })) };
    return { row, history };
  }
  const judge = (r: AlertRule, parts: { row: ReportRow; history: SeriesHistory }[], watched = parts.map((part) => part.row.key), week = WEEK) =>
    findOccurrences(r, {
      series: watched.map((key) => seriesAfter([1, 2], 1, { key })),
      report: report({ week, rows: parts.map((part) => part.row), history: parts.map((part) => part.history) }),
    });

  it('finds a week whose delta is over K times the median, with the figures and the sentence', () => {
    expect(judge(SPIKE, [inputs(steady(), 31)])).toEqual([
      {
        id: expect.stringMatching(ID),
        rule: 'Search spikes',
        kind: 'github_search',
        key: 'llama',
        label: 'LLaMA',
        metric: 'repositories',
        value: 1131,
        previous_value: 1100,
        delta: 31,
        week: WEEK,
        observed_at: '2026-12-02T06:00:00.000Z',
        message: 'LLaMA (github_search:llama) repositories +31 in 2026-W49, over 3× the median of the 8 weeks before (+10)',
      },
    ]);
  });

  it('needs the delta over, not at, K times the median, and takes the rule\'s K', () => {
    expect(judge(SPIKE, [inputs(steady(), 30)])).toEqual([]);
    expect(judge(rule('big spikes', { type: 'spike', factor: 5 }, SPIKE.target), [inputs(steady(), 31)])).toEqual([]);
    expect(judge(rule('big spikes', { type: 'spike', factor: 5 }, SPIKE.target), [inputs(steady(), 51)])).toHaveLength(1);
    expect(judge(rule('small spikes', { type: 'spike', factor: 1.5 }, SPIKE.target), [inputs(steady(), 16)])).toHaveLength(1);
  });

  it('judges against the deltas of the last 8 weeks with figures, back to a gap, and needs at least 3', () => {
    const basis = (before: (number | null)[]) => judge(SPIKE, [inputs(before, 1000)]).map((event) => /the (\d+) weeks before/.exec(event.message)?.[1]);
    // steady(0): figures W38..W48, 10 deltas, the last 8 used. steady(7): W45..W48, 3 deltas. steady(8): 2.
    expect(basis(steady(0))).toEqual(['8']);
    expect(basis(steady(3))).toEqual(['7']);
    expect(basis(steady(7))).toEqual(['3']);
    expect(basis(steady(8))).toEqual([]);
    expect(basis(steady(11))).toEqual([]);
    // A week without a figure ends the basis: the weeks after it count, those before do not.
    const gap = steady(0).map((value, i) => (i === 5 ? null : value));
    expect(basis(gap)).toEqual(['4']);
  });

  it('names the metric as people read it, as the report does', () => {
    const model = { kind: 'hf_model', key: 'THUDM/chatglm-6b', label: 'ChatGLM-6B', metric: 'downloads_all_time' } as const;
    const { row, history } = inputs(steady(), 31);
    const events = findOccurrences(rule('Model spikes', { type: 'spike', factor: 3 }, { type: 'kind', kind: 'hf_model', metric: 'downloads_all_time' }), {
      series: [seriesAfter([1, 2], 1, model)],
      report: report({ rows: [{ ...row, ...model }], history: [{ ...history, ...model }] }),
    });
    expect(events.map((event) => [event.metric, event.message])).toEqual([
      ['downloads_all_time', 'ChatGLM-6B (hf_model:THUDM/chatglm-6b) all-time downloads +31 in 2026-W49, over 3× the median of the 8 weeks before (+10)'],
    ]);
  });

  it('judges a 1- or 30-day window on Sunday\'s reading only, as the report does', () => {
    const pypi = { kind: 'pypi_package', key: 'transformers', label: 'transformers', metric: 'downloads_1d' } as const;
    const PYPI_SPIKE = rule('Download spikes', { type: 'spike', factor: 3 }, { type: 'kind', kind: 'pypi_package', metric: 'downloads_1d' });
    const judgeRead = (observedAt: string) => {
      const { row, history } = inputs(steady(), 100);
      return findOccurrences(PYPI_SPIKE, {
        series: [seriesAfter([1, 2], 1, pypi)],
        report: report({ rows: [{ ...row, ...pypi, observedAt }], history: [{ ...history, ...pypi }] }),
      });
    };
    // W49 runs from Monday 2026-11-30 to Sunday 2026-12-06.
    expect(judgeRead('2026-12-02T06:00:00.000Z')).toEqual([]);
    expect(judgeRead('2026-12-06T06:00:00.000Z').map((event) => event.message)).toEqual([
      'transformers (pypi_package:transformers) downloads (1 day) +100 in 2026-W49, over 3× the median of the 8 weeks before (+10)',
    ]);
  });

  it('finds spikes of the watched series only', () => {
    const gpt = { ...LLAMA, key: 'gpt-4', label: 'GPT-4' };
    const events = judge(SPIKE, [inputs(steady(), 100), inputs(steady(), 100, gpt)], ['gpt-4']);
    expect(events.map((event) => event.key)).toEqual(['gpt-4']);
  });

  it('is one event per series and week: a later round of the week finds the same id, the next week another', () => {
    const [early] = judge(SPIKE, [inputs(steady(), 40)]);
    const [later] = judge(SPIKE, [inputs(steady(), 90)]);
    const [nextWeek] = judge(SPIKE, [inputs(steady(), 40, LLAMA, '2026-W50')], ['llama'], '2026-W50');
    expect(later?.id).toBe(early?.id);
    expect(nextWeek?.id).toMatch(ID);
    expect(nextWeek?.id).not.toBe(early?.id);
  });
});

describe('leader_changes: the comparison\'s leader is not last week\'s', () => {
  const LEADER = rule('LLaMA vs GPT-4 leader change', { type: 'leader_changes' }, { type: 'comparison', name: COMPARISON });
  const member = (key: string, label: string, previousValue: number | null, value: number | null): ComparisonMember => ({
    kind: 'github_search',
    key,
    label,
    metric: 'repositories',
    value,
    previousValue,
    delta: value !== null && previousValue !== null ? value - previousValue : null,
    growthPct: null,
  });
  const comparison = (members: ComparisonMember[], name = COMPARISON): Comparison => ({
    name,
    members,
    // What findOccurrences judges is the members' figures; the report's own reading is not used.
    leader: null,
    runnerUp: null,
    gap: null,
    previousGap: null,
    gapChange: null,
    unit: 'repositories',
    sentence: '',
    growthSentence: '',
    history: [],
  });
  /** LLaMA's and GPT-4's figures last week and this week. */
  const judge = (llama: [number | null, number | null], gpt: [number | null, number | null], week = WEEK, r = LEADER) =>
    findOccurrences(r, { series: [], report: report({ week, comparisons: [comparison([member('llama', 'LLaMA', ...llama), member('gpt-4', 'GPT-4', ...gpt)])] }) });

  it('finds a new leader, with both figures and the sentence', () => {
    expect(judge([100, 110], [90, 120])).toEqual([
      {
        id: expect.stringMatching(ID),
        rule: 'LLaMA vs GPT-4 leader change',
        kind: 'github_search',
        key: 'gpt-4',
        label: 'GPT-4',
        metric: 'repositories',
        value: 120,
        previous_value: 110,
        delta: 10,
        week: WEEK,
        observed_at: null,
        message: 'GPT-4 overtook LLaMA in "LLaMA vs GPT-4: repositories on GitHub": 120 against 110 repositories',
      },
    ]);
  });

  it('finds nothing when last week\'s leader still leads', () => {
    expect(judge([100, 130], [90, 120])).toEqual([]);
    expect(judge([90, 110], [100, 120])).toEqual([]);
  });

  it('finds nothing on a tie, this week or last week, whatever the members\' order', () => {
    expect(judge([100, 120], [90, 120])).toEqual([]);
    expect(judge([100, 110], [100, 120])).toEqual([]);
    expect(judge([100, 120], [100, 110])).toEqual([]);
    // The same figures with the members listed the other way round.
    const reversed = (llama: [number, number], gpt: [number, number]) =>
      findOccurrences(LEADER, { series: [], report: report({ comparisons: [comparison([member('gpt-4', 'GPT-4', ...gpt), member('llama', 'LLaMA', ...llama)])] }) });
    expect(reversed([100, 110], [100, 120])).toEqual([]);
    expect(reversed([100, 120], [100, 110])).toEqual([]);
    // A newcomer level with another at the top leads no one either.
    const three = findOccurrences(LEADER, {
      series: [],
      report: report({ comparisons: [comparison([member('llama', 'LLaMA', 100, 110), member('gpt-4', 'GPT-4', 90, 130), member('mistral', 'Mistral', 80, 130)])] }),
    });
    expect(three).toEqual([]);
  });

  it('needs a leader in both weeks: figures missing last week or this week find nothing', () => {
    expect(judge([null, 110], [null, 120])).toEqual([]);
    expect(judge([null, null], [90, 120])).toEqual([]);
  });

  it('is one event per week and new leader: the same id all week, another the next week', () => {
    const [monday] = judge([100, 110], [90, 120]);
    const [friday] = judge([100, 115], [90, 140]);
    const [nextWeek] = judge([100, 110], [90, 120], '2026-W50');
    expect(friday?.id).toBe(monday?.id);
    expect(nextWeek?.id).toMatch(ID);
    expect(nextWeek?.id).not.toBe(monday?.id);
  });

  it('tells members apart by series, not key: one model on two hubs', () => {
    const hubs = (hf: [number, number], modelscope: [number, number]) => {
      const model = (kind: 'hf_model' | 'modelscope_model', [previousValue, value]: [number, number]): ComparisonMember => ({
        kind,
        key: 'Qwen/Qwen2-7B',
        label: 'Qwen/Qwen2-7B',
        metric: 'downloads_all_time',
        value,
        previousValue,
        delta: value - previousValue,
        growthPct: null,
      });
      const hubRule = rule('hubs', { type: 'leader_changes' }, { type: 'comparison', name: 'Qwen by hub' });
      return findOccurrences(hubRule, { series: [], report: report({ comparisons: [comparison([model('hf_model', hf), model('modelscope_model', modelscope)], 'Qwen by hub')] }) });
    };
    const events = hubs([500, 600], [400, 700]);
    expect(events.map((event) => [event.kind, event.value, event.previous_value])).toEqual([['modelscope_model', 700, 600]]);
    expect(hubs([500, 800], [400, 700])).toEqual([]);
    expect(hubs([400, 700], [500, 600])[0]?.id).not.toBe(events[0]?.id);
  });

  it('finds nothing for a comparison the report does not hold', () => {
    const other = rule('other', { type: 'leader_changes' }, { type: 'comparison', name: 'Runtimes: stars' });
    expect(judge([100, 110], [90, 120], WEEK, other)).toEqual([]);
  });
});

describe('missing: a subject the upstream no longer has', () => {
  const MISSING = rule('Repos gone', { type: 'missing' }, { type: 'kind', kind: 'github_repo', metric: 'stars' });
  const repo = (key: string, status: TargetSeries['status'], lastSeenAt: string | null): TargetSeries => ({
    kind: 'github_repo',
    key,
    label: key,
    metric: 'stars',
    status,
    lastSeenAt,
    samples: [
      { value: 490, observedAt: '2026-11-13T12:00:00.000Z', origin: 'observed' },
      { value: 500, observedAt: '2026-11-14T12:00:00.000Z', origin: 'observed' },
    ],
  });
  const judge = (series: TargetSeries[]) => findOccurrences(MISSING, { series, report: report() });

  it('finds the subjects marked not_found, and not the active ones', () => {
    expect(judge([repo('ggerganov/llama.cpp', 'active', '2026-12-02T06:00:00.000Z'), repo('gone/away', 'not_found', '2026-11-14T12:00:00.000Z')])).toEqual([
      {
        id: expect.stringMatching(ID),
        rule: 'Repos gone',
        kind: 'github_repo',
        key: 'gone/away',
        label: 'gone/away',
        metric: null,
        value: null,
        previous_value: null,
        delta: null,
        week: WEEK,
        observed_at: '2026-11-14T12:00:00.000Z',
        message: 'gone/away (github_repo:gone/away) is gone upstream: not found since 2026-11-14',
      },
    ]);
  });

  it('is one event per vanishing: the same while it stays gone, another after it came back and vanished again', () => {
    const [first] = judge([repo('gone/away', 'not_found', '2026-11-14T12:00:00.000Z')]);
    const [again] = findOccurrences(MISSING, { series: [repo('gone/away', 'not_found', '2026-11-14T12:00:00.000Z')], report: report({ week: '2026-W50' }) });
    const [secondTime] = judge([repo('gone/away', 'not_found', '2026-11-28T12:00:00.000Z')]);
    expect(again?.id).toBe(first?.id);
    expect(secondTime?.id).toMatch(ID);
    expect(secondTime?.id).not.toBe(first?.id);
  });

  it('says nothing of a last sighting it does not know', () => {
    const [event] = judge([repo('never/seen', 'not_found', null)]);
    expect(event?.message).toBe('never/seen (github_repo:never/seen) is gone upstream: not found');
    expect(event?.observed_at).toBeNull();
  });
});

describe('hostile labels and keys', () => {
  // Replacement patterns ($&, $1, $`), format directives (%s) and markup: data, passed through
  // as they are. Escaping for Slack, HTML or e-mail is each sender's job.
  const LABEL = '100% $& $1 $` $\' $$ %s %d {0} ${label} <script>alert(1)</script> *bold* <!channel>';
  const KEY = 'evil/"><img src=x onerror=alert(1)>$&';

  it('reach the message and the fields of every kind of event verbatim', () => {
    const series = seriesAfter([10, 12], 1, { kind: 'github_repo', key: KEY, label: LABEL, metric: 'stars', status: 'not_found', lastSeenAt: at(1) });
    const [crossing] = findOccurrences(rule('r', { type: 'above', level: 11 }, { type: 'kind', kind: 'github_repo', metric: 'stars' }), { series: [series], report: report() });
    expect(crossing?.label).toBe(LABEL);
    expect(crossing?.key).toBe(KEY);
    expect(crossing?.message).toBe(LABEL + ' (github_repo:' + KEY + ') passed 11 stars: 12 on 2026-12-01');

    const [gone] = findOccurrences(rule('r', { type: 'missing' }, { type: 'kind', kind: 'github_repo', metric: 'stars' }), { series: [series], report: report() });
    expect(gone?.message).toBe(LABEL + ' (github_repo:' + KEY + ') is gone upstream: not found since 2026-12-01');

    const members: ComparisonMember[] = [
      { kind: 'github_repo', key: 'a/b', label: 'plain', metric: 'stars', value: 10, previousValue: 10, delta: 0, growthPct: 0 },
      { kind: 'github_repo', key: KEY, label: LABEL, metric: 'stars', value: 20, previousValue: 5, delta: 15, growthPct: null },
    ];
    const name = 'cmp $& %s';
    const leaderRule = rule('r', { type: 'leader_changes' }, { type: 'comparison', name });
    const comparison: Comparison = {
      name,
      members,
      leader: null,
      runnerUp: null,
      gap: null,
      previousGap: null,
      gapChange: null,
      unit: 'stars',
      sentence: '',
      growthSentence: '',
      history: [],
    };
    const [leader] = findOccurrences(leaderRule, { series: [], report: report({ comparisons: [comparison] }) });
    expect(leader?.message).toBe(LABEL + ' overtook plain in "' + name + '": 20 against 10 stars');
  });
});
