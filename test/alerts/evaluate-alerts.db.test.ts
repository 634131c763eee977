// Rules judged on figures written through the real write path, and what reached
// alert_events and deliveries: once per occurrence, whoever evaluates and how often.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../alerts/evaluate-alerts.ts';
import { claimStrandedDeliveries } from '../../alerts/pending-deliveries.ts';
import type { Config } from '../../config/config.ts';
import { SourceError } from '../../jobs/clients/source-error.ts';
import type { Observation } from '../../jobs/observation.ts';
import { writeBatch } from '../../jobs/write-samples.ts';
import { type Database, openPglite, openPostgres, queryRows } from '../../schema/db.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { DRIVERS, type Driver } from '../helpers/handles.ts';
import { parse } from '../helpers/parse-config.ts';

const HOUR = 3_600_000;
/** Wednesday of 2026-W49, 06:00 UTC: the clock of the first round. */
const REFERENCE = Date.parse('2026-12-02T06:00:00.000Z');
const at = (hours: number) => new Date(REFERENCE + hours * HOUR);
const iso = (hours: number) => at(hours).toISOString();

const COMPARISON = 'LLaMA vs GPT-4: repositories on GitHub';
const CHANNELS = [
  { name: 'team-chat', type: 'slack', url_env: 'SLACK_WEBHOOK_URL' },
  { name: 'ops', type: 'webhook', url_env: 'OSS_PULSE_WEBHOOK_URL' },
];
const configWith = (alerts: unknown[], repos = ['jmorganca/ollama', 'ggerganov/llama.cpp', 'gone/away']): Config =>
  parse({
    github: { repos, searches: ['llama', 'gpt-4'] },
    comparisons: [{ name: COMPARISON, series: ['github_search:llama', 'github_search:gpt-4'] }],
    channels: CHANNELS,
    alerts,
  });
const LLAMA_7000 = { name: 'LLaMA passes 7,000 repositories', when: { series: 'github_search:llama', above: 7000 } };

const search = (key: string, label: string, repositories: number, hours: number): Observation => ({
  kind: 'github_search',
  key,
  label,
  configuredKey: key,
  metrics: { repositories },
  observedAt: at(hours),
});
const repo = (key: string, stars: number, hours: number, extra: Partial<Observation> = {}): Observation => ({
  kind: 'github_repo',
  key,
  label: key,
  configuredKey: key,
  metrics: { stars },
  observedAt: at(hours),
  ...extra,
});

interface EventRow {
  id: string;
  rule: string;
  kind: string | null;
  key: string | null;
  label: string | null;
  metric: string | null;
  value: number | null;
  previous_value: number | null;
  delta: number | null;
  week: string | null;
  observed_at: string | null;
  message: string;
  created_at: string;
}
interface DeliveryRow {
  event_id: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: string | null;
  updated_at: string;
}

const utc = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Two connections to one database: two pools on Postgres; PGlite has one connection, so both are it. */
async function openTwice(driver: Driver): Promise<{ db: Database; other: Database; close(): Promise<void> }> {
  if (driver === 'pglite') {
    const handle = await openPglite();
    await handle.migrate();
    return { db: handle.db, other: handle.db, close: () => handle.close() };
  }
  const database = await createTestDatabase();
  const first = openPostgres(database.url);
  const second = openPostgres(database.url);
  await first.migrate();
  return {
    db: first.db,
    other: second.db,
    close: async () => {
      await Promise.all([first.close(), second.close()]);
      await database.drop();
    },
  };
}

describe.each(DRIVERS)('evaluateAlerts on %s', (driver) => {
  let db: Database;
  let other: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, other, close } = await openTwice(driver));
  });
  afterAll(() => close());
  beforeEach(async () => {
    await db.execute(
      sql`TRUNCATE subjects, samples, series, weekly_samples, collection_runs, collection_failures, http_cache, alert_events RESTART IDENTITY CASCADE`,
    );
  });

  /** One collection round: its observations and not-found subjects, stored at `hours`. */
  const round = (hours: number, observations: Observation[], notFound: string[] = []) =>
    writeBatch(db, {
      observations,
      failures: notFound.map((key) => ({ kind: 'github_repo', key, error: new SourceError('not_found', `Could not resolve to a Repository with the name ${key}`) })),
      runId: null,
      now: at(hours),
    });
  const events = () =>
    queryRows<EventRow>(
      db,
      sql`SELECT id, rule, kind, key, label, metric, value::float8 AS value, previous_value::float8 AS previous_value, delta::float8 AS delta,
                 week, ${utc('observed_at')} AS observed_at, message, ${utc('created_at')} AS created_at
          FROM alert_events ORDER BY created_at, rule COLLATE "C", key COLLATE "C"`,
    );
  const deliveries = () =>
    queryRows<DeliveryRow>(
      db,
      sql`SELECT d.event_id, d.channel, d.status, d.attempts, d.last_error, ${utc('d.delivered_at')} AS delivered_at, ${utc('d.updated_at')} AS updated_at
          FROM deliveries d JOIN alert_events e ON e.id = d.event_id ORDER BY e.created_at, e.rule COLLATE "C", e.key COLLATE "C", d.channel COLLATE "C"`,
    );
  /** The events an evaluation returned, as rule, key and channels. */
  const told = (found: Awaited<ReturnType<typeof evaluateAlerts>>) => found.map(({ event, channels }) => [event.rule, event.key, channels]);

  it('records a crossing once, with a pending delivery per channel: every channel by default, none for notify: []', async () => {
    const config = configWith([
      LLAMA_7000,
      { name: 'LLaMA 7,000 to the chat', when: { series: 'github_search:llama', above: 7000 }, notify: ['team-chat'] },
      { name: 'LLaMA 7,000, kept quiet', when: { series: 'github_search:llama', above: 7000 }, notify: [] },
    ]);
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    expect(await evaluateAlerts(db, config, at(0))).toEqual([]);
    await round(6, [search('llama', 'LLaMA', 7012, 6)]);
    const found = await evaluateAlerts(db, config, at(6.5));

    expect(told(found)).toEqual([
      ['LLaMA passes 7,000 repositories', 'llama', ['team-chat', 'ops']],
      ['LLaMA 7,000 to the chat', 'llama', ['team-chat']],
      ['LLaMA 7,000, kept quiet', 'llama', []],
    ]);
    const crossing = {
      kind: 'github_search',
      key: 'llama',
      label: 'LLaMA',
      metric: 'repositories',
      value: 7012,
      previous_value: 6950,
      delta: 62,
      week: '2026-W49',
      observed_at: iso(6),
      message: 'LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-02',
      created_at: iso(6.5),
    };
    const idOf = (rule: string) => found.find(({ event }) => event.rule === rule)?.event.id;
    const rows = await events();
    expect(rows).toEqual([
      { id: idOf('LLaMA 7,000 to the chat'), rule: 'LLaMA 7,000 to the chat', ...crossing },
      { id: idOf('LLaMA 7,000, kept quiet'), rule: 'LLaMA 7,000, kept quiet', ...crossing },
      { id: idOf('LLaMA passes 7,000 repositories'), rule: 'LLaMA passes 7,000 repositories', ...crossing },
    ]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    const pending = { status: 'pending', attempts: 0, last_error: null, delivered_at: null, updated_at: iso(6.5) };
    expect(await deliveries()).toEqual([
      { event_id: idOf('LLaMA 7,000 to the chat'), channel: 'team-chat', ...pending },
      { event_id: idOf('LLaMA passes 7,000 repositories'), channel: 'ops', ...pending },
      { event_id: idOf('LLaMA passes 7,000 repositories'), channel: 'team-chat', ...pending },
    ]);
  });

  it('records nothing when the same round is judged again, now or later', async () => {
    const config = configWith([LLAMA_7000]);
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    await round(6, [search('llama', 'LLaMA', 7012, 6)]);
    expect(await evaluateAlerts(db, config, at(6.5))).toHaveLength(1);
    const before = { events: await events(), deliveries: await deliveries() };

    expect(await evaluateAlerts(db, config, at(6.5))).toEqual([]);
    expect(await evaluateAlerts(db, config, at(30))).toEqual([]);
    expect({ events: await events(), deliveries: await deliveries() }).toEqual(before);
  });

  it('finds a crossing whose round was never judged at the next round, within two days, and not after', async () => {
    const config = configWith([LLAMA_7000]);
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    await round(6, [search('llama', 'LLaMA', 7012, 6)]); // stored, but the worker died before judging it
    await round(12, [search('llama', 'LLaMA', 7040, 12)]);
    const found = await evaluateAlerts(db, config, at(12.5));
    expect(found.map(({ event }) => [event.observed_at, event.previous_value, event.value])).toEqual([[iso(6), 6950, 7012]]);

    // A crossing whose rounds went unjudged for longer than the lookback is let go.
    await db.execute(sql`TRUNCATE subjects, samples, series, alert_events RESTART IDENTITY CASCADE`);
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    await round(6, [search('llama', 'LLaMA', 7012, 6)]);
    await round(60, [search('llama', 'LLaMA', 7040, 60)]);
    expect(await evaluateAlerts(db, config, at(60.5))).toEqual([]);
  });

  it('hands a stranded delivery to one of two processes claiming at once, and a fresh one to neither', async () => {
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    await round(6, [search('llama', 'LLaMA', 7012, 6)]);
    const config = configWith([LLAMA_7000, { name: 'LLaMA passes 7,010', when: { series: 'github_search:llama', above: 7010 } }]);
    expect(await evaluateAlerts(db, config, at(6))).toHaveLength(2);
    expect(await claimStrandedDeliveries(db, at(6.1))).toEqual([]);
    const [mine, theirs] = await Promise.all([claimStrandedDeliveries(db, at(7)), claimStrandedDeliveries(other, at(7))]);
    const claimed = [...(mine ?? []), ...(theirs ?? [])].map(({ rule, channel }) => `${rule} → ${channel}`).sort();
    expect(claimed).toEqual(['LLaMA passes 7,000 repositories → ops', 'LLaMA passes 7,000 repositories → team-chat', 'LLaMA passes 7,010 → ops', 'LLaMA passes 7,010 → team-chat']);
    // Claimed just now: not stranded again until it has been left alone as long again.
    expect(await claimStrandedDeliveries(db, at(7.1))).toEqual([]);
    expect(await claimStrandedDeliveries(db, at(8))).toHaveLength(4);
  });

  it('records an occurrence once when two evaluations run at the same time on two connections', async () => {
    const config = configWith([
      LLAMA_7000,
      { name: 'LLaMA passes 7,010', when: { series: 'github_search:llama', above: 7010 }, notify: ['ops'] },
      { name: 'LLaMA under 7,000', when: { series: 'github_search:llama', below: 7000 } },
    ]);
    await round(0, [search('llama', 'LLaMA', 6950, 0)]);
    // Three crossings in turn (up, down, up), each judged by two workers at once; going up crosses two levels.
    const up = [
      ['LLaMA passes 7,000 repositories', 'llama', ['team-chat', 'ops']],
      ['LLaMA passes 7,010', 'llama', ['ops']],
    ];
    for (const [hours, value] of [[6, 7012], [12, 6990], [18, 7020]] as const) {
      await round(hours, [search('llama', 'LLaMA', value, hours)]);
      const [a, b] = await Promise.all([evaluateAlerts(db, config, at(hours + 0.5)), evaluateAlerts(other, config, at(hours + 0.5))]);
      expect(told([...a, ...b]).sort()).toEqual(hours === 12 ? [['LLaMA under 7,000', 'llama', ['team-chat', 'ops']]] : up);
    }
    expect((await events()).map((row) => [row.rule, row.observed_at, row.value])).toEqual([
      ['LLaMA passes 7,000 repositories', iso(6), 7012],
      ['LLaMA passes 7,010', iso(6), 7012],
      ['LLaMA under 7,000', iso(12), 6990],
      ['LLaMA passes 7,000 repositories', iso(18), 7020],
      ['LLaMA passes 7,010', iso(18), 7020],
    ]);
    expect((await deliveries()).map((row) => row.channel)).toEqual(['ops', 'team-chat', 'ops', 'ops', 'team-chat', 'ops', 'team-chat', 'ops']);
  });

  it('records a second crossing after the series went back under the level, and none while it stays above', async () => {
    const config = configWith([LLAMA_7000]);
    const series = [6950, 7012, 7100, 6990, 7020, 7300];
    const recorded: number[] = [];
    for (const [i, value] of series.entries()) {
      await round(6 * i, [search('llama', 'LLaMA', value, 6 * i)]);
      recorded.push((await evaluateAlerts(db, config, at(6 * i + 0.5))).length);
    }
    expect(recorded).toEqual([0, 1, 0, 0, 1, 0]);
    const rows = await events();
    expect(rows.map((row) => [row.observed_at, row.previous_value, row.value, row.delta])).toEqual([
      [iso(6), 6950, 7012, 62],
      [iso(24), 6990, 7020, 30],
    ]);
    expect(rows[0]?.id).not.toBe(rows[1]?.id);
    expect(await deliveries()).toHaveLength(4);
  });

  it('follows a renamed repository: the configured name is an alias, the event names the key it has now', async () => {
    const config = configWith([{ name: 'Ollama passes 10k stars', when: { series: 'github_repo:jmorganca/ollama', above: 10_000 } }]);
    await round(0, [repo('jmorganca/ollama', 9_900, 0, { externalId: '658928958' })]);
    // Renamed upstream between two rounds: the answer to the configured name carries the new one.
    await round(6, [repo('ollama/ollama', 10_050, 6, { externalId: '658928958', configuredKey: 'jmorganca/ollama' })]);
    const found = await evaluateAlerts(db, config, at(6.5));
    expect(told(found)).toEqual([['Ollama passes 10k stars', 'ollama/ollama', ['team-chat', 'ops']]]);
    expect(await events()).toEqual([
      {
        id: found[0]?.event.id,
        rule: 'Ollama passes 10k stars',
        kind: 'github_repo',
        key: 'ollama/ollama',
        label: 'ollama/ollama',
        metric: 'stars',
        value: 10_050,
        previous_value: 9_900,
        delta: 150,
        week: '2026-W49',
        observed_at: iso(6),
        message: 'ollama/ollama (github_repo:ollama/ollama) passed 10,000 stars: 10,050 on 2026-12-02',
        created_at: iso(6.5),
      },
    ]);
  });

  it('follows the configured name to the subject holding it now when a new repository takes a renamed one\'s old name', async () => {
    const config = configWith(
      [{ name: 'jmorganca/ollama passes 10k stars', when: { series: 'github_repo:jmorganca/ollama', above: 10_000 } }],
      ['jmorganca/ollama', 'ollama/ollama'],
    );
    await round(0, [repo('jmorganca/ollama', 9_900, 0, { externalId: '658928958' })]);
    await round(6, [repo('ollama/ollama', 9_950, 6, { externalId: '658928958', configuredKey: 'jmorganca/ollama' })]);
    // Someone creates a new jmorganca/ollama: the configured name now answers with it.
    await round(12, [repo('jmorganca/ollama', 10, 12, { externalId: '999' }), repo('ollama/ollama', 9_990, 12, { externalId: '658928958' })]);
    await round(18, [repo('jmorganca/ollama', 12, 18, { externalId: '999' }), repo('ollama/ollama', 10_100, 18, { externalId: '658928958' })]);
    // ollama/ollama crossed, but it is no longer what jmorganca/ollama names.
    expect(await evaluateAlerts(db, config, at(18.5))).toEqual([]);
    await round(24, [repo('jmorganca/ollama', 10_001, 24, { externalId: '999' })]);
    expect(told(await evaluateAlerts(db, config, at(24.5)))).toEqual([['jmorganca/ollama passes 10k stars', 'jmorganca/ollama', ['team-chat', 'ops']]]);
    expect((await events()).map((row) => [row.key, row.value])).toEqual([['jmorganca/ollama', 10_001]]);
  });

  it('judges only the rules watching the kinds given: a comparison watches its members\' kinds', async () => {
    const config = configWith([
      LLAMA_7000,
      { name: 'Repos pass 10k stars', when: { kind: 'github_repo', above: 10_000 } },
      { name: 'Leader', when: { comparison: COMPARISON, leader_changes: true } },
    ]);
    await round(0, [search('llama', 'LLaMA', 6950, 0), repo('ggerganov/llama.cpp', 9_990, 0)]);
    await round(6, [search('llama', 'LLaMA', 7012, 6), repo('ggerganov/llama.cpp', 10_010, 6)]);

    expect(await evaluateAlerts(db, config, at(6.5), [])).toEqual([]);
    expect(await evaluateAlerts(db, config, at(6.5), ['hf_model'])).toEqual([]);
    expect(await events()).toEqual([]);
    expect(told(await evaluateAlerts(db, config, at(6.5), ['github_repo']))).toEqual([['Repos pass 10k stars', 'ggerganov/llama.cpp', ['team-chat', 'ops']]]);
    expect(told(await evaluateAlerts(db, config, at(7), ['github_search']))).toEqual([['LLaMA passes 7,000 repositories', 'llama', ['team-chat', 'ops']]]);
    expect((await events()).map((row) => [row.rule, row.created_at])).toEqual([
      ['Repos pass 10k stars', iso(6.5)],
      ['LLaMA passes 7,000 repositories', iso(7)],
    ]);
  });

  it('records a comparison\'s new leader once in the week it took the lead', async () => {
    const config = configWith([{ name: 'LLaMA vs GPT-4 leader change', when: { comparison: COMPARISON, leader_changes: true }, notify: ['team-chat'] }]);
    // Last week (W48) LLaMA led; on Wednesday of W49 GPT-4 passes it.
    await round(-7 * 24, [search('llama', 'LLaMA', 7000, -7 * 24), search('gpt-4', 'GPT-4', 6900, -7 * 24)]);
    expect(await evaluateAlerts(db, config, at(-7 * 24 + 1))).toEqual([]);
    await round(-24, [search('llama', 'LLaMA', 7005, -24), search('gpt-4', 'GPT-4', 6990, -24)]);
    expect(await evaluateAlerts(db, config, at(-23), ['github_search'])).toEqual([]);
    await round(0, [search('llama', 'LLaMA', 7010, 0), search('gpt-4', 'GPT-4', 7050, 0)]);
    const found = await evaluateAlerts(db, config, at(1), ['github_search']);
    await round(6, [search('llama', 'LLaMA', 7015, 6), search('gpt-4', 'GPT-4', 7080, 6)]);
    expect(await evaluateAlerts(db, config, at(7))).toEqual([]);

    expect(told(found)).toEqual([['LLaMA vs GPT-4 leader change', 'gpt-4', ['team-chat']]]);
    expect(await events()).toEqual([
      {
        id: found[0]?.event.id,
        rule: 'LLaMA vs GPT-4 leader change',
        kind: 'github_search',
        key: 'gpt-4',
        label: 'GPT-4',
        metric: 'repositories',
        value: 7050,
        previous_value: 7010,
        delta: 40,
        week: '2026-W49',
        observed_at: null,
        message: `GPT-4 overtook LLaMA in "${COMPARISON}": 7,050 against 7,010 repositories`,
        created_at: iso(1),
      },
    ]);
    expect((await deliveries()).map((row) => [row.event_id, row.channel, row.status])).toEqual([[found[0]?.event.id, 'team-chat', 'pending']]);
  });

  it('records a subject gone upstream once per vanishing, for a kind rule and a series rule alike', async () => {
    const config = configWith([
      { name: 'Repos gone', when: { kind: 'github_repo', missing: true } },
      { name: 'gone/away gone', when: { series: 'github_repo:gone/away', missing: true }, notify: ['ops'] },
    ]);
    await round(0, [repo('gone/away', 500, 0), repo('ggerganov/llama.cpp', 70_000, 0)]);
    await round(6, [repo('ggerganov/llama.cpp', 70_100, 6)], ['gone/away']);
    const first = await evaluateAlerts(db, config, at(6.5));
    expect(told(first)).toEqual([
      ['Repos gone', 'gone/away', ['team-chat', 'ops']],
      ['gone/away gone', 'gone/away', ['ops']],
    ]);
    expect(await evaluateAlerts(db, config, at(12))).toEqual([]);
    // It comes back, then vanishes again: a second disappearance.
    await round(24, [repo('gone/away', 510, 24)]);
    expect(await evaluateAlerts(db, config, at(24.5))).toEqual([]);
    await round(30, [], ['gone/away']);
    expect(told(await evaluateAlerts(db, config, at(30.5)))).toEqual([
      ['Repos gone', 'gone/away', ['team-chat', 'ops']],
      ['gone/away gone', 'gone/away', ['ops']],
    ]);

    const gone = (rule: string, seen: number, created: number) => ({
      rule,
      kind: 'github_repo',
      key: 'gone/away',
      label: 'gone/away',
      metric: null,
      value: null,
      previous_value: null,
      delta: null,
      week: '2026-W49',
      observed_at: iso(seen),
      message: `gone/away (github_repo:gone/away) is gone upstream: not found since ${iso(seen).slice(0, 10)}`,
      created_at: iso(created),
    });
    const rows = await events();
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
      gone('Repos gone', 0, 6.5),
      gone('gone/away gone', 0, 6.5),
      gone('Repos gone', 24, 30.5),
      gone('gone/away gone', 24, 30.5),
    ]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(4);
    expect((await deliveries()).map((row) => [row.event_id, row.channel])).toEqual([
      [rows[0]?.id, 'ops'],
      [rows[0]?.id, 'team-chat'],
      [rows[1]?.id, 'ops'],
      [rows[2]?.id, 'ops'],
      [rows[2]?.id, 'team-chat'],
      [rows[3]?.id, 'ops'],
    ]);
  });

  it('records a spike by the report\'s definition: this week\'s growth over K times the median of the 8 weeks before', async () => {
    const config = configWith([{ name: 'Search spikes', when: { kind: 'github_search', spike: 3 } }]);
    // One sample a week, W40..W48, growing by 10; then W49 grows by 50.
    for (let week = -9; week < 0; week++) await round(week * 7 * 24, [search('llama', 'LLaMA', 7000 + 10 * (week + 9), week * 7 * 24)]);
    expect(await evaluateAlerts(db, config, at(-24))).toEqual([]);
    await round(0, [search('llama', 'LLaMA', 7130, 0)]);
    const found = await evaluateAlerts(db, config, at(1));
    await round(6, [search('llama', 'LLaMA', 7150, 6)]);
    expect(await evaluateAlerts(db, config, at(7))).toEqual([]);

    expect(told(found)).toEqual([['Search spikes', 'llama', ['team-chat', 'ops']]]);
    expect(await events()).toEqual([
      {
        id: found[0]?.event.id,
        rule: 'Search spikes',
        kind: 'github_search',
        key: 'llama',
        label: 'LLaMA',
        metric: 'repositories',
        value: 7130,
        previous_value: 7080,
        delta: 50,
        week: '2026-W49',
        observed_at: iso(0),
        message: 'LLaMA (github_search:llama) repositories +50 in 2026-W49, over 3× the median of the 8 weeks before (+10)',
        created_at: iso(1),
      },
    ]);
  });
});
