// Round pacing: how long a full round takes against its serial bound (the requests the
// fake received × the fake's latency: what a perfectly serial client with no overhead
// would take, computed in the same run), at 50 ms and 500 ms of latency, in-process and
// on two workers, against a fake that enforces GitHub's secondary limits; beside the
// collector as it was (Octokit's throttle spacing GraphQL queries a second apart, see
// baseline-checkout.ts). And a keyword backfill of 42 requests, timed the same two ways.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPostgres } from '../schema/db.ts';
import { type FakeUpstream, startFakeUpstream } from '../test/fake-upstream/index.ts';
import { BASELINE_COMMIT, type BaselineCheckout, buildBaselineCheckout } from './baseline-checkout.ts';
import { createBenchDatabase, progress, runCli, seconds, tempDir } from './support.ts';
import { type Figure, type Section, target } from './table.ts';
import { hubWatchlist, seedFake, watchlistYaml } from './watchlist.ts';
import { enqueueRound, startWorkers } from './workers.ts';

const REPOS = 10_000;
const KEYWORDS = 200;
/** The api part's Hub watchlist: 2,000 models in about 200 requests. */
const HUB = hubWatchlist(100, 15, 500);
/** A year of weekly counts for 14 keywords: 7 jobs of 2 keywords × 52 weeks, 20 counts a request: 42 requests. */
const BACKFILL_KEYWORDS = 14;
const LATENCIES_MS = [50, 500] as const;
const GITHUB_TOKEN = 'ghp_benchtoken000000000000000000000000000';
const HF_TOKEN = 'hf_benchtoken';
const SOURCES = ['github-repos', 'github-search', 'huggingface'];

type Client = 'paced' | 'spaced';
type Where = 'in-process' | 'workers';
const CLIENT_NAMES: Record<Client, string> = { paced: 'paced by GitHub’s limits', spaced: `${BASELINE_COMMIT.slice(0, 7)}: Octokit’s 1 s spacing of GraphQL queries` };

interface Timed {
  seconds: number;
  /** Requests the fake received (GitHub and the Hub). */
  requests: number;
  /** Secondary-limit answers the fake gave. */
  refusals: number;
  /** The most GraphQL response time the fake had counted in a minute when a request arrived. */
  peakGraphqlResponseS: number;
}

const serialBound = (timed: Timed, latencyMs: number) => (timed.requests * latencyMs) / 1000;
const ratio = (timed: Timed, latencyMs: number) => timed.seconds / serialBound(timed, latencyMs);

export async function benchRoundPacing(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const folder = await tempDir('pacing-baseline');
  try {
    progress(`pacing: building the baseline, commit ${BASELINE_COMMIT.slice(0, 7)}, in a folder of its own`);
    return await measure(await buildBaselineCheckout(folder.path));
  } finally {
    await folder.remove();
  }
}

async function measure(baseline: BaselineCheckout): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const rounds = new Map<string, Timed>();
  const key = (latencyMs: number, where: Where, client: Client) => `${latencyMs}:${where}:${client}`;
  for (const latencyMs of LATENCIES_MS) {
    for (const where of ['in-process', 'workers'] as const) {
      for (const client of ['paced', 'spaced'] as const) {
        rounds.set(key(latencyMs, where, client), await timeRound(latencyMs, where, client === 'spaced' ? baseline : undefined));
      }
    }
  }
  const backfill = { paced: await timeBackfill(), spaced: await timeBackfill(baseline) };

  const round = (latencyMs: number, where: Where, client: Client) => rounds.get(key(latencyMs, where, client)) as Timed;
  const figures: Figure[] = LATENCIES_MS.flatMap((latencyMs) =>
    (['in-process', 'workers'] as const).map((where): Figure => {
      const value = ratio(round(latencyMs, where, 'paced'), latencyMs);
      return {
        name: `round wall time ÷ serial bound, ${where === 'in-process' ? 'in-process (collect)' : 'on 2 workers (enqueue)'}, ${latencyMs} ms latency`,
        value,
        unit: '×',
        baseline: { name: CLIENT_NAMES.spaced, value: ratio(round(latencyMs, where, 'spaced'), latencyMs) },
        ...(latencyMs === 50 && where === 'in-process' && { target: target(value, 1, '≤ 1.0×', 'lower') }),
      };
    }),
  );
  const pacedRefusals = [...rounds].filter(([name]) => name.endsWith(':paced')).reduce((sum, [, timed]) => sum + timed.refusals, 0);
  const spacedRefusals = [...rounds].filter(([name]) => name.endsWith(':spaced')).reduce((sum, [, timed]) => sum + timed.refusals, 0);
  figures.push(
    {
      name: 'secondary-limit answers from the enforcing fake, these 4 rounds',
      value: pacedRefusals,
      unit: '',
      baseline: { name: CLIENT_NAMES.spaced, value: spacedRefusals },
      target: target(pacedRefusals, 0, '0', 'lower'),
    },
    {
      name: `keyword backfill, ${backfill.paced.requests} requests (${BACKFILL_KEYWORDS} keywords, a year), 50 ms latency`,
      value: backfill.paced.seconds,
      unit: 's',
      baseline: { name: CLIENT_NAMES.spaced, value: backfill.spaced.seconds },
      target: target(backfill.paced.seconds, 5, '≤ 5 s', 'lower'),
    },
  );
  const describe = (latencyMs: number, where: Where, client: Client) => {
    const timed = round(latencyMs, where, client);
    return `${client} ${timed.seconds.toFixed(1)} s for ${timed.requests} requests (serial bound ${serialBound(timed, latencyMs).toFixed(1)} s; ${timed.refusals} refused; at most ${timed.peakGraphqlResponseS.toFixed(1)} s of GraphQL answers in a minute)`;
  };
  return {
    name: 'pacing',
    title: `Round pacing: ${REPOS.toLocaleString('en-US')} repositories, ${KEYWORDS} keywords, ${HUB.models.length.toLocaleString('en-US')} Hub models, against a fake enforcing GitHub's secondary limits`,
    figures,
    notes: [
      `a full round (\`collect ${SOURCES.join(' ')}\`, or \`enqueue\` to two \`worker\` processes until the runs finish) with a GitHub token and an HF token, every answer of the fake GitHub and Hub delayed by the latency; each round on a fresh fake and database. Serial bound = requests the fake received × latency, in the same run.`,
      `the fake enforces GitHub's documented secondary limits per token (100 in flight, 2,000 GraphQL and 900 REST points a minute, 60 s of GraphQL and 90 s of all response time a minute) and answers 403 with retry-after past them; the paced client keeps its defaults (25 in flight, 1,500 and 675 points, 50 s and 75 s), its ledgers in Redis on the workers.`,
      `baseline: the collector of commit ${BASELINE_COMMIT.slice(0, 7)}, whose GitHub client let @octokit/plugin-throttling space every GraphQL query a second apart per token, built from that commit into a folder of its own; its \`main\` runs in this process for the in-process rounds, its \`bin/oss-pulse.js\` for the workers.`,
      ...LATENCIES_MS.flatMap((latencyMs) =>
        (['in-process', 'workers'] as const).map((where) => `${latencyMs} ms, ${where}: ${describe(latencyMs, where, 'paced')}; ${describe(latencyMs, where, 'spaced')}.`),
      ),
      `keyword backfill: \`backfill github-search\` of ${BACKFILL_KEYWORDS} keywords over the default year, in-process, 50 ms latency: paced ${backfill.paced.seconds.toFixed(1)} s, spaced ${backfill.spaced.seconds.toFixed(1)} s, ${backfill.paced.requests} and ${backfill.spaced.requests} requests.`,
      `in-process, the rounds are sequential (sources one after another, batches one after another: the round runner's choice); the client sends a batch's requests side by side (keyword counts: 5 per job), so only part of the round can overlap. Hub requests are not paced by GitHub's rules.`,
    ],
  };
}

/** One full round on a fresh fake and database, by the current code or the baseline's; seconds from its start to the end of its last run. */
async function timeRound(latencyMs: number, where: Where, baseline?: BaselineCheckout): Promise<Timed> {
  const client: Client = baseline ? 'spaced' : 'paced';
  return withRound(REPOS, KEYWORDS, HUB.models, baseline, async ({ up, env, dir, databaseUrl }) => {
    delayEveryAnswer(up, latencyMs);
    progress(`pacing: full round ${where}, ${client}, ${latencyMs} ms per answer`);
    if (where === 'in-process') {
      const started = performance.now();
      const result = await runCli(['collect', ...SOURCES], env, dir, {}, baseline?.main);
      if (result.code !== 0) throw new Error(`collect exited ${result.code}:\n${result.stdout}${result.stderr}`);
      return observed(up, seconds(started));
    }
    const pool = await startWorkers(2, { ...env, OSS_PULSE_CONFIG: join(dir, 'oss-pulse.yaml') }, dir, baseline?.bin);
    try {
      return observed(up, await enqueueRound(pool, SOURCES, databaseUrl, dir, { cliMain: baseline?.main }));
    } finally {
      await pool.stop();
    }
  });
}

async function timeBackfill(baseline?: BaselineCheckout): Promise<Timed> {
  return withRound(0, BACKFILL_KEYWORDS, [], baseline, async ({ up, env, dir }) => {
    delayEveryAnswer(up, 50);
    progress(`pacing: keyword backfill, ${baseline ? 'spaced' : 'paced'}, 50 ms per answer`);
    const started = performance.now();
    const result = await runCli(['backfill', 'github-search'], env, dir, {}, baseline?.main);
    if (result.code !== 0) throw new Error(`backfill exited ${result.code}:\n${result.stdout}${result.stderr}`);
    return observed(up, seconds(started));
  });
}

function delayEveryAnswer(up: FakeUpstream, latencyMs: number): void {
  for (const upstream of [up.github, up.huggingface]) upstream.inject({ fault: { kind: 'delay', ms: latencyMs }, times: Infinity });
}

function observed(up: FakeUpstream, wallSeconds: number): Timed {
  return {
    seconds: wallSeconds,
    requests: up.requests.filter((request) => request.upstream === 'github' || request.upstream === 'huggingface').length,
    refusals: up.github.secondaryRefusals().length,
    peakGraphqlResponseS: up.github.secondaryLimits(GITHUB_TOKEN).peakGraphqlResponseMs / 1000,
  };
}

interface Round {
  up: FakeUpstream;
  env: NodeJS.ProcessEnv;
  dir: string;
  databaseUrl: string;
}

/**
 * A seeded fake upstream (schema built), a database and a watchlist file, for `work`;
 * all removed after. The database is migrated by the code that runs the round (the
 * baseline's migrations are its own).
 */
async function withRound<T>(repos: number, keywords: number, models: string[], baseline: BaselineCheckout | undefined, work: (round: Round) => Promise<T>): Promise<T> {
  const up = await startFakeUpstream();
  const database = await createBenchDatabase('pacing');
  const dir = await tempDir('pacing');
  try {
    seedFake(up, repos, keywords, models.length > 0 ? HUB : { models: [], hubModels: [] });
    up.github.addToken(GITHUB_TOKEN);
    up.huggingface.addToken(HF_TOKEN);
    up.huggingface.setLimits({ anonymous: 100_000, token: 100_000 });
    await writeFile(join(dir.path, 'oss-pulse.yaml'), watchlistYaml({ repos, keywords, models }));
    const env = { ...up.env(), DATABASE_URL: database.url, GITHUB_TOKEN, HF_TOKEN };
    if (baseline) {
      await runCli(['migrate'], env, dir.path, {}, baseline.main);
    } else {
      const handle = openPostgres(database.url);
      await handle.migrate();
      await handle.close();
    }
    await warmUp(up);
    return await work({ up, env, dir: dir.path, databaseUrl: database.url });
  } finally {
    await up.close();
    await database.drop();
    await dir.remove();
  }
}

/**
 * The fake builds GitHub's schema on its first query, a second of this process's CPU
 * that would count as the round's: built before the clock starts, then forgotten.
 */
async function warmUp(up: FakeUpstream): Promise<void> {
  await fetch(`${up.github.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${GITHUB_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ rateLimit { remaining } }' }),
  });
  up.github.clearSecondaryLimits();
  up.clearRequests();
}
