// API cost: what collection rounds ask of the upstreams (requests, GraphQL
// rate-limit points) for 10,000 repositories, 200 keywords and 2,000 Hub models,
// against the no-token path; and how long a full round takes when every upstream
// answer comes 50 ms late, in-process and spread over two worker processes.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { openPostgres } from '../schema/db.ts';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream/index.ts';
import { DEFAULT_SCHEDULES } from '../config/default-watchlist.ts';
import { createBenchDatabase, progress, runCli, seconds, sqlRows, tempDir } from './support.ts';
import { type Figure, formatNumber, type Section, target } from './table.ts';
import { hubWatchlist, seedFake, watchlistYaml } from './watchlist.ts';
import { enqueueRound, startWorkers } from './workers.ts';

const REPOS = 10_000;
const KEYWORDS = 200;
/** 100 organisations with 15 watched models each (and 15 more on the Hub), plus 500 lone models: 2,000. */
const HUB = hubWatchlist(100, 15, 500);
/** Without a token GitHub allows 60 REST calls an hour and 10 searches a minute: the baseline stays under both. */
const BASELINE = { repos: 50, keywords: 10, hub: hubWatchlist(0, 0, 100) };
const LATENCY_MS = 50;
const GITHUB_TOKEN = 'ghp_benchtoken000000000000000000000000000';
const HF_TOKEN = 'hf_benchtoken';
const SOURCES = ['github-repos', 'github-search', 'huggingface'] as const;
/**
 * The github-repos rounds of one UTC day at the default schedule, on the collector's
 * clock: the first asks watchers and open issues too, the others stars and forks only.
 */
const DAY_ROUNDS = scheduleTicks(DEFAULT_SCHEDULES['github-repos'], Date.UTC(2026, 0, 5));

interface Cost {
  requests: number;
  points: number;
  subjects: number;
}

export async function benchApiCost(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const baseline = await withCollector(BASELINE.repos, BASELINE.keywords, BASELINE.hub, false, async ({ collect }) => ({
    repos: await collect('github-repos'),
    search: await collect('github-search'),
    hub: await collect('huggingface'),
  }));
  // A fresh fake: the anonymous budgets above are spent for the hour.
  const baselineRoundS = await withCollector(BASELINE.repos, BASELINE.keywords, BASELINE.hub, false, async ({ up, env, dir }) => {
    for (const upstream of [up.github, up.huggingface]) upstream.inject({ fault: { kind: 'delay', ms: LATENCY_MS }, times: Infinity });
    progress(`api: baseline full round in-process (collect, no tokens), ${LATENCY_MS} ms per answer`);
    const started = performance.now();
    const { code, stdout, stderr } = await runCli(['collect', ...SOURCES], env, dir, { searchIntervalMs: 0 });
    if (code !== 0) throw new Error(`collect exited ${code}:\n${stdout}${stderr}`);
    return seconds(started);
  });
  const subjects = REPOS + KEYWORDS + HUB.models.length;
  const baselineSubjects = BASELINE.repos + BASELINE.keywords + BASELINE.hub.models.length;
  return withCollector(REPOS, KEYWORDS, HUB, true, async ({ up, collect, env, dir, databaseUrl }) => {
    const day: Cost[] = [];
    for (const round of DAY_ROUNDS) day.push(await collect('github-repos', round));
    const [firstOfDay, steady] = day as [Cost, Cost];
    const wholeDay = sumCosts(day);
    const search = await collect('github-search');
    const hub = await collect('huggingface');

    for (const upstream of [up.github, up.huggingface]) upstream.inject({ fault: { kind: 'delay', ms: LATENCY_MS }, times: Infinity });
    progress(`api: full round in-process (collect), ${LATENCY_MS} ms per answer`);
    const started = performance.now();
    const collected = await runCli(['collect', ...SOURCES], env, dir);
    if (collected.code !== 0) throw new Error(`collect exited ${collected.code}:\n${collected.stdout}${collected.stderr}`);
    const inProcessS = seconds(started);

    progress(`api: full round with 2 worker processes, ${LATENCY_MS} ms per answer`);
    const pool = await startWorkers(2, { ...env, OSS_PULSE_CONFIG: join(dir, 'oss-pulse.yaml') }, dir);
    let workersS: number;
    try {
      workersS = await enqueueRound(pool, [...SOURCES], databaseUrl, dir);
    } finally {
      await pool.stop();
    }

    const perRequest = (cost: Cost) => cost.subjects / cost.requests;
    const perPoint = (cost: Cost) => (cost.points === 0 ? cost.subjects : cost.subjects / cost.points);
    const figures: Figure[] = [
      {
        name: 'repository snapshots per request, steady round (stars, forks)',
        value: perRequest(steady),
        unit: '',
        baseline: { name: 'REST, no token', value: perRequest(baseline.repos) },
        target: target(perRequest(steady), 95, '≥ 95'),
      },
      {
        name: 'repository snapshots per rate-limit point, steady round (stars, forks)',
        value: perPoint(steady),
        unit: '',
        baseline: { name: 'REST core points, no token', value: perPoint(baseline.repos) },
        target: target(perPoint(steady), 95, '≥ 95'),
      },
      {
        name: 'repository snapshots per request, first round of the day (+ watchers, open issues)',
        value: perRequest(firstOfDay),
        unit: '',
        baseline: { name: 'REST, no token', value: perRequest(baseline.repos) },
      },
      {
        name: 'repository snapshots per rate-limit point, first round of the day (+ watchers, open issues)',
        value: perPoint(firstOfDay),
        unit: '',
        baseline: { name: 'REST core points, no token', value: perPoint(baseline.repos) },
      },
      {
        name: `repository snapshots per rate-limit point, daily average (${DAY_ROUNDS.length} rounds a day)`,
        value: perPoint(wholeDay),
        unit: '',
        baseline: { name: 'REST core points, no token', value: perPoint(baseline.repos) },
      },
      {
        name: 'keyword counts per request',
        value: perRequest(search),
        unit: '',
        baseline: { name: 'REST search, no token', value: perRequest(baseline.search) },
        target: target(perRequest(search), 10, '≥ 10'),
      },
      { name: 'keyword counts per rate-limit point', value: perPoint(search), unit: '', baseline: { name: 'REST search points', value: perPoint(baseline.search) } },
      { name: 'Hub requests per model', value: hub.requests / hub.subjects, unit: '', baseline: { name: 'one call per model', value: baseline.hub.requests / baseline.hub.subjects } },
      {
        name: `full round in-process (collect), ${LATENCY_MS} ms latency`,
        value: inProcessS,
        unit: 's',
        baseline: { name: 'no token, one call per subject, scaled', value: (baselineRoundS * subjects) / baselineSubjects },
      },
      { name: `full round on 2 workers (enqueue), ${LATENCY_MS} ms latency`, value: workersS, unit: 's', baseline: { name: 'in-process', value: inProcessS } },
    ];
    return {
      name: 'api',
      title: `API cost: ${REPOS.toLocaleString('en-US')} repositories, ${KEYWORDS} keywords, ${HUB.models.length.toLocaleString('en-US')} Hub models`,
      figures,
      notes: [
        `against the fake upstream (test/fake-upstream, no network), with a GitHub token (GraphQL) and an HF token; counts are the requests the fake received and the GraphQL points it charged by GitHub's cost formula (up.github.rateLimit before and after).`,
        `github-repos asks watchers and open issues (two GraphQL connections per repository, which GitHub charges a point per 100) once per UTC day per repository, stars and forks (free scalar fields) every round. Measured over the ${DAY_ROUNDS.length} rounds of one day at the default schedule (${DEFAULT_SCHEDULES['github-repos']}, collector clock at ${DAY_ROUNDS.map((round) => round.toISOString().slice(11, 16)).join(', ')} UTC): ${day.map((cost) => `${cost.requests} requests / ${cost.points} points`).join(', ')} for ${steady.subjects.toLocaleString('en-US')} repositories each. The ≥ 95 target is checked on the steady round; the first round of the day gets ${formatNumber(perPoint(firstOfDay))} snapshots per point, and the whole day ${formatNumber(perPoint(wholeDay))} per point (${formatNumber(perRequest(wholeDay))} per request).`,
        `with token, one round: github-search ${search.requests} requests / ${search.points} points for ${search.subjects} keywords; huggingface ${hub.requests} requests for ${hub.subjects} models.`,
        `baseline (no GITHUB_TOKEN: REST, one call per repository or keyword): ${baseline.repos.requests} requests / ${baseline.repos.points} core points for ${baseline.repos.subjects} repositories, ${baseline.search.requests} requests for ${baseline.search.subjects} keywords (kept under the anonymous limits); Hub: ${baseline.hub.subjects} models of distinct authors, ${baseline.hub.requests} requests.`,
        `Hub watchlist: 100 authors with 15 watched models each (each author has 15 more on the Hub), plus 500 models of authors watched only once; the Hub's budget was raised so that three rounds in a few minutes are not rate-limited.`,
        `cost rounds run with the spacing between calls shrunk (it changes no count); the full rounds run with production settings, where GitHub requests are paced by GitHub's secondary limits per token (the pacing part measures rounds against their serial bound).`,
        `baseline full round: \`collect\` of the baseline watchlist (${baselineSubjects} subjects, no tokens, anonymous search spacing removed) took ${baselineRoundS.toFixed(1)} s, scaled to ${subjects.toLocaleString('en-US')} subjects; the real no-token round is far slower still (GitHub allows 60 REST calls an hour without a token).`,
        `full rounds: on the real clock, a later day than the cost rounds, so the in-process round is the first of its day for github-repos and asks the daily counts (which changes no request count); every answer of the fake GitHub and Hub delayed ${LATENCY_MS} ms; in-process = \`oss-pulse collect ${SOURCES.join(' ')}\` through main() in the bench process (which also runs the fake); 2 workers = two \`node bin/oss-pulse.js worker\` processes, timed from \`enqueue\` to the last run's finished_at.`,
      ],
    };
  });
}

interface Collector {
  up: FakeUpstream;
  env: NodeJS.ProcessEnv;
  dir: string;
  databaseUrl: string;
  /** `oss-pulse collect SOURCE` without latency, the collector's clock at `at` if given: what the upstream was asked for it. */
  collect(source: (typeof SOURCES)[number], at?: Date): Promise<Cost>;
}

/** A seeded fake upstream, a migrated database and a watchlist file, for `work`; all removed after. */
async function withCollector<T>(repos: number, keywords: number, hub: typeof HUB, withTokens: boolean, work: (collector: Collector) => Promise<T>): Promise<T> {
  const up = await startFakeUpstream();
  const database = await createBenchDatabase('api');
  const dir = await tempDir('api');
  try {
    seedFake(up, repos, keywords, hub);
    if (withTokens) {
      up.github.addToken(GITHUB_TOKEN);
      up.huggingface.addToken(HF_TOKEN);
    }
    up.huggingface.setLimits({ anonymous: 100_000, token: 100_000 });
    const handle = openPostgres(database.url);
    await handle.migrate();
    await handle.close();
    await writeFile(join(dir.path, 'oss-pulse.yaml'), watchlistYaml({ repos, keywords, models: hub.models }));
    const env: NodeJS.ProcessEnv = { ...up.env(), DATABASE_URL: database.url, ...(withTokens && { GITHUB_TOKEN, HF_TOKEN }) };
    const collect = async (source: (typeof SOURCES)[number], at?: Date): Promise<Cost> => {
      progress(`api: collect ${source} (${withTokens ? 'with tokens' : 'baseline, no tokens'}${at ? `, clock at ${at.toISOString()}` : ''})`);
      const upstream = source === 'huggingface' ? 'huggingface' : 'github';
      const resource = source === 'github-search' && !withTokens ? 'search' : withTokens ? 'graphql' : 'core';
      const used = () => up.github.rateLimit(withTokens ? GITHUB_TOKEN : undefined)[resource].used;
      const pointsBefore = used();
      up.clearRequests();
      // Counting only: the spacing production keeps between calls (anonymous searches 6 s
      // apart, pypistats 2 s) changes how long this takes, not what is asked.
      const clock = at && { now: () => at };
      const { code, stdout, stderr } = await runCli(['collect', source], env, dir.path, { secondMs: 1, searchIntervalMs: 0, ...clock });
      if (code !== 0) throw new Error(`collect ${source} exited ${code}:\n${stdout}${stderr}`);
      const [run] = await sqlRows<{ ok: number }>(database.url, `SELECT subjects_ok AS ok FROM collection_runs WHERE source = $1 ORDER BY id DESC LIMIT 1`, [source]);
      return { requests: up.requests.filter((request) => request.upstream === upstream).length, points: used() - pointsBefore, subjects: run?.ok ?? 0 };
    };
    return await work({ up, env, dir: dir.path, databaseUrl: database.url, collect });
  } finally {
    await up.close();
    await database.drop();
    await dir.remove();
  }
}

function sumCosts(costs: Cost[]): Cost {
  return costs.reduce((sum, cost) => ({ requests: sum.requests + cost.requests, points: sum.points + cost.points, subjects: sum.subjects + cost.subjects }), { requests: 0, points: 0, subjects: 0 });
}

/** The instants a UTC cron pattern fires on the UTC day starting at `dayStartMs`. */
function scheduleTicks(pattern: string, dayStartMs: number): Date[] {
  const ticks = CronExpressionParser.parse(pattern, { currentDate: new Date(dayStartMs - 1), endDate: new Date(dayStartMs + 86_400_000 - 1), tz: 'UTC' });
  return ticks.take(24 * 60).map((tick) => tick.toDate());
}
