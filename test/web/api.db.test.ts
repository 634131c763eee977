// Every API figure equals the SQL views users query: the dashboard is a window on
// `latest_metrics`, `daily_metrics` and `weekly_metrics`, never a second opinion.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';
import { type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { buildServer } from '../../web/server.ts';
import { DASHBOARD_CONFIG, DASHBOARD_NOW, FORMULA_LABEL, seedDashboard } from '../helpers/dashboard-fixture.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

describe.each(DRIVERS)('the API on %s', (driver) => {
  let handle: DatabaseHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await openTestHandle(driver);
    await seedDashboard(handle.db);
    app = await buildServer({ db: handle.db, config: DASHBOARD_CONFIG, reportsDir: '/nonexistent', logger: createLogger({ level: 'silent' }), now: () => DASHBOARD_NOW });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const json = async <T>(url: string): Promise<T> => {
    const response = await get(url);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<T>();
  };
  const view = <T>(query: ReturnType<typeof sql>) => queryRows<T>(handle.db, query);
  const asNumber = (value: unknown) => (value === null ? null : Number(value));

  it('GET /api/series is latest_metrics', async () => {
    const body = await json<{ series: { kind: string; key: string; label: string; metric: string; value: number; observed_at: string }[] }>('/api/series');
    const rows = await view<{ kind: string; key: string; label: string; metric: string; value: string | number; observed_at: string | Date }>(
      sql`SELECT kind, key, label, metric, value, observed_at FROM latest_metrics ORDER BY kind, key, metric`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(body.series).toEqual(rows.map((row) => ({ ...row, value: Number(row.value), observed_at: new Date(row.observed_at).toISOString() })));
  });

  it('day points of every series are daily_metrics, with the origin of each day', async () => {
    const series = await view<{ kind: string; key: string; metric: string }>(sql`SELECT DISTINCT kind, key, metric FROM latest_metrics ORDER BY 1, 2, 3`);
    for (const { kind, key, metric } of series) {
      const url = `/api/series/${kind}/${key.split('/').map(encodeURIComponent).join('/')}?metric=${metric}`;
      const body = await json<{ key: string; points: { t: string; value: number; origin: string }[] }>(url);
      const days = await view<{ day: string; value: number }>(
        sql`SELECT day::text AS day, value FROM daily_metrics WHERE kind = ${kind} AND key = ${key} AND metric = ${metric} ORDER BY day`,
      );
      expect(body.points.map(({ t, value }) => ({ day: t, value })), url).toEqual(days.map((row) => ({ day: row.day, value: Number(row.value) })));
    }
    const llama = await json<{ points: { t: string; origin: string }[] }>('/api/series/github_repo/ggerganov/llama.cpp?metric=stars');
    expect(llama.points.filter((point) => point.origin === 'backfill')).toHaveLength(60);
    expect(llama.points.at(-1)?.origin).toBe('observed');
  });

  it('week points of every series are the rows of weekly_metrics', async () => {
    const series = await view<{ kind: string; key: string; metric: string }>(sql`SELECT DISTINCT kind, key, metric FROM latest_metrics ORDER BY 1, 2, 3`);
    for (const { kind, key, metric } of series) {
      const url = `/api/series/${kind}/${key.split('/').map(encodeURIComponent).join('/')}?metric=${metric}&interval=week`;
      const body = await json<{ points: { week: string; value: number; delta: number | null }[] }>(url);
      const rows = await view<{ week: string; value: number; delta: number | null }>(
        sql`SELECT week, value, delta FROM weekly_metrics WHERE kind = ${kind} AND key = ${key} AND metric = ${metric} ORDER BY week_start`,
      );
      expect(body.points.map(({ week, value, delta }) => ({ week, value, delta })), url).toEqual(rows.map((row) => ({ week: row.week, value: Number(row.value), delta: asNumber(row.delta) })));
    }
  });

  it('week points are the rows of weekly_metrics, every column', async () => {
    const body = await json<{ points: Record<string, unknown>[] }>('/api/series/github_repo/BlinkDL/RWKV-LM?metric=stars&interval=week');
    const rows = await view<Record<string, unknown>>(
      sql`SELECT week_start::text AS t, week, value, previous_value, delta, growth_pct, observed_at FROM weekly_metrics
          WHERE kind = 'github_repo' AND key = 'BlinkDL/RWKV-LM' AND metric = 'stars' ORDER BY week_start`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    expect(body.points).toEqual(
      rows.map((row) => ({
        ...row,
        value: Number(row.value),
        previous_value: asNumber(row.previous_value),
        delta: asNumber(row.delta),
        growth_pct: asNumber(row.growth_pct),
        observed_at: new Date(row.observed_at as string).toISOString(),
      })),
    );
  });

  it('from and to bound the days, inclusive', async () => {
    const body = await json<{ points: { t: string }[] }>('/api/series/github_search/llama?from=2026-11-30&to=2026-12-02');
    expect(body.points.map((point) => point.t)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('GET /api/weekly is weekly_metrics of that week, in the report CSV columns and order', async () => {
    const body = await json<{ week: string; rows: Record<string, unknown>[] }>('/api/weekly?week=2026-W48');
    const rows = await view<Record<string, unknown>>(
      sql`SELECT week, kind, key, label, metric, value, previous_value, delta, growth_pct FROM weekly_metrics WHERE week = '2026-W48' ORDER BY kind, key, metric`,
    );
    expect(body.week).toBe('2026-W48');
    expect(body.rows).toEqual(rows.map((row) => ({ ...row, value: Number(row.value), previous_value: asNumber(row.previous_value), delta: asNumber(row.delta), growth_pct: asNumber(row.growth_pct) })));
    // Without a week: the last complete one, as `report` does.
    expect((await json<{ week: string }>('/api/weekly')).week).toBe('2026-W48');
  });

  it('GET /api/compare gives each series as /api/series does, in request order; align=first counts days from the first', async () => {
    const body = await json<{ series: { ref: string; points: { t: string; value: number; day?: number }[] }[] }>(
      '/api/compare?series=github_search:gpt-4&series=github_repo:ollama/ollama@forks&align=first',
    );
    expect(body.series.map((entry) => entry.ref)).toEqual(['github_search:gpt-4@repositories', 'github_repo:ollama/ollama@forks']);
    const gpt = await json<{ points: { t: string; value: number }[] }>('/api/series/github_search/gpt-4');
    expect(body.series[0]?.points.map(({ t, value }) => ({ t, value }))).toEqual(gpt.points.map(({ t, value }) => ({ t, value })));
    expect(body.series[0]?.points.map((point) => point.day).slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('a renamed subject answers under its old name with its one history', async () => {
    const old = await json<{ key: string; points: unknown[] }>('/api/series/github_repo/jmorganca/ollama');
    const current = await json<{ key: string; points: unknown[] }>('/api/series/github_repo/ollama/ollama');
    expect(old.key).toBe('ollama/ollama');
    expect(old.points).toEqual(current.points);
    expect(current.points).toHaveLength(43);
  });

  it('CSV with .csv or Accept: text/csv; formula-like text defused', async () => {
    const byPath = await get('/api/series.csv');
    const byAccept = await get('/api/series', { accept: 'text/csv' });
    expect(byPath.headers['content-type']).toMatch(/^text\/csv/);
    expect(byAccept.body).toBe(byPath.body);
    const lines = byPath.body.split('\r\n');
    expect(lines[0]).toBe('kind,key,label,metric,value,observed_at');
    expect(lines.find((line) => line.startsWith('npm_package,'))).toContain(`"'${FORMULA_LABEL.replace(/"/g, '""')}"`);
    const weekly = await get('/api/weekly.csv?week=2026-W48');
    expect(weekly.body.split('\r\n')[0]).toBe('week,kind,key,label,metric,value,previous_value,delta,growth_pct');
    const points = await get('/api/series/github_search/llama.csv?from=2026-12-01&to=2026-12-02');
    expect(points.body).toBe('t,value,origin\r\n2026-12-01,32340,observed\r\n2026-12-02,32400,observed\r\n');
  });

  it('an unchanged answer is a 304 for its ETag', async () => {
    const first = await get('/api/series/github_search/llama');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get('/api/series/github_search/llama', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/series/github_search/gpt-4', { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it.each([
    ['/api/series/github_search/llama?interval=month', 400, 'interval must be one of day, week'],
    ['/api/series/github_search/llama?from=2026-02-30', 400, 'from must be a date like 2026-11-30 (got "2026-02-30")'],
    ['/api/series/github_search/llama?from=2026-12-02&to=2026-12-01', 400, 'from (2026-12-02) is after to (2026-12-01)'],
    ['/api/series/github_search/llama?metric=stars', 400, 'metric must be one of repositories for github_search (got "stars")'],
    ['/api/series/github_search/nobody-searched-this', 404, 'no github_search "nobody-searched-this" has been collected'],
    ['/api/series/no_such_kind/x', 404, '"no_such_kind" is not a subject kind'],
    ['/api/compare', 400, 'series is required'],
    ['/api/compare?series=llama', 400, 'series: "llama" is not a KIND:KEY[@METRIC] series reference'],
    ['/api/compare?series=github_search:llama&series=github_search:LLAMA', 400, 'is given twice'],
    [`/api/compare?${Array.from({ length: 13 }, (_, i) => `series=github_search:k${i}`).join('&')}`, 400, 'at most 12 series per request'],
    ['/api/weekly?week=2026-W60', 400, 'week must be an ISO week like 2026-W48 (got "2026-W60")'],
    ['/api/weekly?week=2027-W10', 400, 'week 2027-W10 has not started yet'],
    ['/embed/chart.svg?series=github_repo:ollama/ollama&scale=cubic', 400, 'scale must be one of linear, log'],
    ['/badge/github_repo/ollama/ollama.png', 400, 'a badge is /badge/KIND/KEY.svg'],
  ])('%s → %i', async (url, status, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json<{ error: string }>().error).toContain(message);
  });

  it('never answers 500 to hostile or malformed input', async () => {
    const inputs = [
      "/api/series/github_repo/'; DROP TABLE samples; --",
      '/api/series/github_repo/%00%ff',
      '/api/series/github_repo/a?metric[]=x',
      '/api/series/github_repo/a?from=99999-01-01',
      '/api/series/github_repo/a?from[$gt]=1',
      '/api/compare?series=github_repo:%3Cscript%3E',
      `/api/compare?series=${'x'.repeat(5000)}`,
      '/api/compare?series=github_repo:a@',
      '/api/compare?series=:&series=',
      '/embed/chart.svg?series=github_repo:ollama/ollama&range=10y',
      '/badge/github_repo/.svg',
      '/series/github_repo/%E0%A4%A',
      '/compare?series=nonsense&scale=log',
      '/?week=W48',
      '/reports/..%2F..%2Fetc%2Fpasswd',
      '/reports/oss-pulse-2026-W48.exe',
    ];
    for (const url of inputs) {
      const response = await get(url);
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    // The database was not touched by any of it.
    expect((await view<{ n: number }>(sql`SELECT count(*)::int AS n FROM samples`))[0]?.n).toBeGreaterThan(0);
  });

  it('reads in read-only transactions: a write inside one is refused', async () => {
    const { readOnly } = await import('../../web/read-only.ts');
    const refused = await readOnly(handle.db, (tx) => tx.execute(sql`DELETE FROM samples`)).then(
      () => 'written',
      (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
    );
    expect(refused).toMatch(/read-only transaction/);
    expect((await view<{ n: number }>(sql`SELECT count(*)::int AS n FROM samples`))[0]?.n).toBeGreaterThan(0);
  });

  it('sends the security headers: a CSP with no external source; embeds may be shown by other sites', async () => {
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const chart = await get('/embed/chart.svg?series=github_search:llama&series=github_search:gpt-4');
    expect(chart.statusCode).toBe(200);
    expect(chart.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(chart.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(chart.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(chart.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const badge = await get('/badge/github_repo/BlinkDL/RWKV-LM.svg');
    expect(badge.statusCode).toBe(200);
    // RWKV: 12,740 stars at the end of W48, 16,440 now (a jump of 3,600 and four days of 20).
    expect(badge.body).toContain('<title>stars: 16.4k (+3.7k this week)</title>');
  });
});
