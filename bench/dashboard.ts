// Dashboard: the live server's API, embeds and overview over the report part's year
// (10,000 series × 4 metrics × 365 days), under autocannon, each route beside the SQL
// it sends timed straight through node-postgres in the same run.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import pg from 'pg';
import { stringify } from 'yaml';
import { type Database, openPostgres } from '../schema/db.ts';
import { type DashboardServer, startDashboardServer } from './dashboard-process.ts';
import { type RouteSql, timeRouteSql } from './dashboard-sql.ts';
import { type LoadFigures, loadRoute, medianMs, warmUp } from './http-load.ts';
import { createBenchDatabase, progress, sqlRows, tempDir } from './support.ts';
import { type Figure, formatNumber, type Section, target } from './table.ts';
import { repoName } from './watchlist.ts';
import { loadYearOfSamples, settleAfterLoad, YEAR_DAYS, YEAR_METRICS } from './year-of-samples.ts';

const SERIES = 10_000;
/** SPEC "Targets": API and embeds ≤ 20 ms, overview ≤ 300 ms (medians). */
const API_TARGET_MS = 20;
const OVERVIEW_TARGET_MS = 300;
/**
 * The targets are read on one client: a request's own time (a median latency). Ten
 * clients at once show throughput: with the load generator, the server and Postgres on
 * two cores, their median is mostly time spent waiting in line (about 10 ÷ req/s).
 */
const LOAD = { connections: 10, durationS: 5 };
const ALONE = { connections: 1, durationS: 2 };
/** Unmeasured requests per route before its runs. */
const WARM_UP_REQUESTS = 20;
/** Sequential runs of each SQL baseline; the daily_metrics view reads every sample of the metric, so it gets fewer. */
const SQL_RUNS = 30;
const VIEW_DAY_RUNS = 3;
/** Successive requests name series this far apart, so no two in a row read the same pages. */
const KEY_STRIDE = 7_919;
/**
 * Route i reads the repositories from request number i × this on, so no route starts on
 * pages another has just brought into the caches (a run sends a few thousand requests).
 */
const ROUTE_KEYS = 2_500;
const COMPARED = ['org-0/project-0', 'org-1/project-1', 'org-2/project-2'];

interface Measured {
  route: Route;
  /** One connection: the request's own time. */
  alone: LoadFigures;
  /** `LOAD.connections` at once: throughput. */
  loaded: LoadFigures;
  /** Median ms of the route's statements sent without HTTP. */
  sqlMs: number;
}

interface Route {
  label: string;
  /** The request path of the n-th request. */
  path: (n: number) => string;
  targetMs: number;
  sql: RouteSql;
}

const keyAt = (n: number) => repoName((n * KEY_STRIDE) % SERIES);
const ref = (key: string) => encodeURIComponent(`github_repo:${key}@stars`);
const ROUTES: Route[] = [
  { label: 'GET /api/series/{kind}/{key} (365 day points)', path: (n) => `/api/series/github_repo/${keyAt(n)}`, targetMs: API_TARGET_MS, sql: 'day' },
  { label: 'GET /api/series/{kind}/{key}?interval=week (a year of weeks)', path: (n) => `/api/series/github_repo/${keyAt(n)}?interval=week`, targetMs: API_TARGET_MS, sql: 'week' },
  { label: 'GET /embed/chart.svg, 2 series, range=1y', path: (n) => `/embed/chart.svg?series=${ref(keyAt(n))}&series=${ref(keyAt(n + 1))}&range=1y`, targetMs: API_TARGET_MS, sql: 'embed' },
  { label: 'GET /badge/{kind}/{key}.svg', path: (n) => `/badge/github_repo/${keyAt(n)}.svg`, targetMs: API_TARGET_MS, sql: 'badge' },
  { label: 'GET / (overview, model cached)', path: () => '/', targetMs: OVERVIEW_TARGET_MS, sql: 'overview' },
];

export async function benchDashboard(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const database = await createBenchDatabase('dashboard');
  const handle = openPostgres(database.url);
  try {
    await handle.migrate();
    const { loadRate, lastObservedAt } = await loadYearOfSamples(handle.db, database.url, SERIES, 'dashboard');
    await settleAfterLoad(database.url, 'dashboard');
    const loadNote = `the report part's year (${(SERIES * YEAR_METRICS * YEAR_DAYS).toLocaleString('en-US')} samples through the write path at ${Math.round(loadRate).toLocaleString('en-US')} samples/s, then VACUUM FULL series, VACUUM ANALYZE)`;
    return await measureDashboard(database.url, handle.db, lastObservedAt, loadNote);
  } finally {
    await handle.close();
    await database.drop();
  }
}

/** The measurements, on a database holding the year whose last collection ran at `lastObservedAt`. */
async function measureDashboard(databaseUrl: string, db: Database, lastObservedAt: Date, loadNote: string): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const dir = await tempDir('dashboard');
  let server: DashboardServer | undefined;
  try {
    // The dashboard opened an hour after the year's last collection.
    const now = new Date(lastObservedAt.getTime() + 3_600_000);
    const configPath = join(dir.path, 'oss-pulse.yaml');
    await writeFile(configPath, configYaml());

    const [sizes] = await sqlRows<{ buffers: string; samples: string; indexes: string }>(
      databaseUrl,
      `SELECT current_setting('shared_buffers') AS buffers, pg_size_pretty(pg_relation_size('samples')) AS samples, pg_size_pretty(pg_indexes_size('samples')) AS indexes`,
    );
    const load = loadavg()[0] ?? 0;
    server = await startDashboardServer({ databaseUrl, configPath, now, reportsDir: join(dir.path, 'reports') });
    progress('dashboard: GET / on the fresh server (builds the report model)');
    const coldMs = await timeOneRequest(`${server.origin}/`);
    const measured: Measured[] = [];
    for (const [i, route] of ROUTES.entries()) {
      progress(`dashboard: ${route.label}: ${WARM_UP_REQUESTS} requests, ${ALONE.durationS} s on ${ALONE.connections} connection, ${LOAD.durationS} s on ${LOAD.connections}, its SQL ${SQL_RUNS} times`);
      const first = i * ROUTE_KEYS;
      let n = first;
      const next = () => route.path(n++);
      await warmUp(server.origin, next, WARM_UP_REQUESTS, LOAD.connections);
      const alone = await loadRoute(server.origin, next, ALONE);
      const loaded = await loadRoute(server.origin, next, LOAD);
      // The same series the one-connection run began with, their pages as warm as the runs left them.
      const sqlMs = await timeRouteSql(db, route.sql, now, (k) => keyAt(first + WARM_UP_REQUESTS + k), SQL_RUNS);
      measured.push({ route, alone, loaded, sqlMs });
    }
    await server.stop();
    server = undefined;
    const loadAfter = loadavg()[0] ?? 0;

    progress(`dashboard: the views (daily_metrics ${VIEW_DAY_RUNS} runs, weekly_metrics ${SQL_RUNS})`);
    const views = await viewBaselines(databaseUrl);
    const sqlOf = (which: RouteSql) => measured.find((entry) => entry.route.sql === which)?.sqlMs ?? NaN;
    const baselineOf = (route: Route) =>
      route.sql === 'day'
        ? { name: `daily_metrics view, ${VIEW_DAY_RUNS} runs`, value: views.dayMs }
        : route.sql === 'week'
          ? { name: `weekly_metrics view, ${SQL_RUNS} runs`, value: views.weekMs }
          : { name: 'its SQL alone', value: sqlOf(route.sql) };
    const figures: Figure[] = measured.flatMap(({ route, alone, loaded: f }) => [
      { name: `${route.label}: median, ${LOAD.connections} connections`, value: f.p50Ms, unit: 'ms', baseline: baselineOf(route) },
      { name: `${route.label}: p99, ${LOAD.connections} connections`, value: f.p99Ms, unit: 'ms' },
      { name: `${route.label}: throughput, ${LOAD.connections} connections`, value: f.requestsPerS, unit: 'req/s' },
      { name: `${route.label}: median, ${ALONE.connections} connection`, value: alone.p50Ms, unit: 'ms', baseline: baselineOf(route), target: target(alone.p50Ms, route.targetMs, `≤ ${route.targetMs} ms`, 'lower') },
    ]);
    figures.push(
      { name: 'GET / on a fresh server (builds the report model)', value: coldMs, unit: 'ms' },
      { name: 'day route SQL alone (subject, spans, days), median', value: sqlOf('day'), unit: 'ms', baseline: { name: 'daily_metrics view', value: views.dayMs } },
      { name: 'week route SQL alone (subject, spans, weeks), median', value: sqlOf('week'), unit: 'ms', baseline: { name: 'weekly_metrics view', value: views.weekMs } },
    );
    process.stdout.write(`\n${routeTable(measured, views, coldMs)}\n`);
    return {
      name: 'dashboard',
      title: `Dashboard over ${SERIES.toLocaleString('en-US')} series × ${YEAR_METRICS} metrics × ${YEAR_DAYS} days`,
      figures,
      notes: [
        `${loadNote}; the server's clock is an hour after the last collection (${now.toISOString()}); the config watches the ${SERIES.toLocaleString('en-US')} repositories and compares ${COMPARED.length} of them.`,
        `server: buildServer in a process of its own (bench/dashboard-server.ts, the sources through tsx, the pool \`serve\` opens), on 127.0.0.1; load: autocannon in the bench process; per route ${WARM_UP_REQUESTS} unmeasured requests, then ${ALONE.durationS} s on ${ALONE.connections} connection (each request's own time), then ${LOAD.durationS} s on ${LOAD.connections} keep-alive connections (throughput: with ${LOAD.connections} requests always waiting, the median is about ${LOAD.connections} ÷ throughput; the targets are read on one connection); median and p99 of every 2xx answer's time (autocannon's response event, to the microsecond), req/s = autocannon's requests.average. No request carries If-None-Match, so every answer is a full 200.`,
        `keys vary per request (repository (n × ${KEY_STRIDE}) mod ${SERIES.toLocaleString('en-US')}, each route from its own n, ${ROUTE_KEYS.toLocaleString('en-US')} apart, so none reads pages another route has just cached); the chart names two repositories, the day points and the chart cover the whole year, the badge reads the week of the clock. Postgres shared_buffers: ${sizes?.buffers}; samples: ${sizes?.samples} of rows, ${sizes?.indexes} of index.`,
        `baselines: the route's SQL timed in this process through node-postgres (the same query functions in a read-only transaction, as the route runs them), median of ${SQL_RUNS} sequential runs right after the route's HTTP runs, on the first ${SQL_RUNS} repositories its one-connection run read (so HTTP alone − SQL alone ≈ what HTTP, JSON/SVG and the server add); the views as a psql user would query them (SELECT day, value FROM daily_metrics WHERE kind, key, metric ORDER BY day; the weekly_metrics equivalent), one connection, median of ${VIEW_DAY_RUNS} and ${SQL_RUNS} runs.`,
        `cold: one GET / right after the server process started (its first request: the report model is built, pool connections opened). Load average (1 min) on this machine: ${load.toFixed(2)} when the server started, ${loadAfter.toFixed(2)} after the last route.`,
      ],
    };
  } finally {
    await server?.stop();
    await dir.remove();
  }
}

function configYaml(): string {
  return stringify({
    github: { repos: Array.from({ length: SERIES }, (_, i) => repoName(i)) },
    comparisons: [
      { name: 'Three repositories: stars', series: COMPARED.map((key) => `github_repo:${key}`) },
      { name: 'Two repositories: forks', series: COMPARED.slice(0, 2).map((key) => `github_repo:${key}@forks`) },
    ],
  });
}

async function timeOneRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`dashboard: GET ${url} answered ${response.status}`);
  return ms;
}

/** The views, queried as a user would, for one series after another. */
async function viewBaselines(url: string): Promise<{ dayMs: number; weekMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = (view: string, column: string) => (run: number) =>
      client.query(`SELECT ${column}, value FROM ${view} WHERE kind = $1 AND key = $2 AND metric = $3 ORDER BY ${column}`, ['github_repo', keyAt(run + 1), 'stars']);
    // Each daily_metrics query sorts every sample of the metric: no untimed run first.
    return { dayMs: await medianMs(VIEW_DAY_RUNS, query('daily_metrics', 'day'), false), weekMs: await medianMs(SQL_RUNS, query('weekly_metrics', 'week_start')) };
  } finally {
    await client.end();
  }
}

/** The figures as route rows: what the brief of this part asked to read at a glance. */
function routeTable(measured: Measured[], views: { dayMs: number; weekMs: number }, coldMs: number): string {
  const ms = (value: number) => `${formatNumber(value)} ms`;
  const rows = [
    ['route', `p50, ${ALONE.connections} conn.`, 'target', 'result', `p50, ${LOAD.connections} conn.`, 'p99', 'req/s', 'its SQL alone'],
    ...measured.map(({ route, alone, loaded: f, sqlMs }) => [
      route.label,
      ms(alone.p50Ms),
      `≤ ${route.targetMs} ms`,
      alone.p50Ms <= route.targetMs ? 'pass' : 'MISS',
      ms(f.p50Ms),
      ms(f.p99Ms),
      formatNumber(f.requestsPerS),
      ms(sqlMs),
    ]),
    ['GET / on a fresh server (one request)', ms(coldMs)],
    [`baseline: daily_metrics view, one series (median of ${VIEW_DAY_RUNS})`, ms(views.dayMs)],
    [`baseline: weekly_metrics view, one series (median of ${SQL_RUNS})`, ms(views.weekMs)],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
