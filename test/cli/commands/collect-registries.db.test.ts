import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../helpers/database.ts';
import { runCli, tempWorkdir } from '../../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../../fake-upstream/index.ts';
import { readRecorded, serveRecorded } from '../../helpers/recorded-answers.ts';

const bulkNames = Array.from({ length: 300 }, (_, i) => `pkg-${i}`);
const yamlList = (names: string[]) => names.map((name) => `    - ${JSON.stringify(name)}\n`).join('');
const npmYaml = (names: string[]) => `npm:\n  packages:\n${yamlList(names)}`;
const pypiYaml = (names: string[]) => `pypi:\n  packages:\n${yamlList(names)}`;

/** npm and PyPI download figures into Postgres, against the fake npm API, pypistats and PyPI. */
describe('collect npm and pypi', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream();
    db = await createMigratedTestDatabase();
    // npm's windows end yesterday: 2026-11-28 is the last day counted.
    up.npm.setToday('2026-11-29');
    bulkNames.forEach((name, i) => up.npm.addPackage(name, { daily: { '2026-11-28': i, '2026-11-01': 1_000 } }));
    up.npm.addPackage('openai', {
      daily: {
        '2026-11-29': 999_999, // today: not counted yet
        '2026-11-28': 1_000, // yesterday: last day of both windows
        '2026-11-22': 100, // first day of the week
        '2026-11-21': 10_000, // the day before: month only
        '2026-10-30': 7, // first day of the month
        '2026-10-29': 50_000, // the day before: neither
      },
    });
    up.npm.addPackage('langchain', { daily: { '2026-11-27': 300, '2026-11-10': 3_000 } });
    up.npm.addPackage('@huggingface/transformers', { daily: { '2026-11-25': 40, '2026-11-05': 400 } });
    up.npm.addPackage('@anthropic-ai/sdk', { daily: { '2026-11-24': 50, '2026-11-06': 500 } });

    up.pypistats.addPackage('transformers', { lastDay: 1_500_000, lastWeek: 10_000_000, lastMonth: 42_000_000 });
    up.pypistats.addPackage('llama-cpp-python', { lastDay: 20_000, lastWeek: 140_000, lastMonth: 600_000 });
    up.pypistats.addPackage('vllm', { lastDay: 90_000, lastWeek: 600_000, lastMonth: 2_500_000 });
    // On PyPI, without a download in pypistats' window: pypistats has no row for it and answers 404.
    up.pypistats.addPackage('quiet-project', { lastDay: 0, lastWeek: 0, lastMonth: 0 });
    up.pypi.addProject('quiet-project');
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.npm.clearFaults();
    up.pypistats.clearFaults();
    up.pypi.clearFaults();
    await clearCollectedData(db.url);
  });

  const env = () => ({ ...up.env(), DATABASE_URL: db.url });
  const latest = async (kind: string) => {
    const rows = await sqlRows<{ key: string; metric: string; value: string }>(
      db.url,
      'SELECT key, metric, value FROM latest_metrics WHERE kind = $1 ORDER BY key, metric',
      [kind],
    );
    const figures: Record<string, Record<string, number>> = {};
    for (const row of rows) figures[row.key] = { ...figures[row.key], [row.metric]: Number(row.value) };
    return figures;
  };
  const requestsTo = (upstream: 'npm' | 'pypistats' | 'pypi') => up.requests.filter((r) => r.upstream === upstream);
  const exchangesWith = (upstream: 'pypistats' | 'pypi') => requestsTo(upstream).map((r) => `${r.status} ${r.path}`);
  /** Every sample of a subject, as Postgres holds it. */
  const samplesOf = (key: string) =>
    sqlRows<{ metric: string; value: string }>(
      db.url,
      'SELECT s.metric, s.value FROM samples s JOIN subjects j ON j.id = s.subject_id WHERE j.key = $1 ORDER BY s.metric',
      [key],
    );
  const failures = () =>
    sqlRows(db.url, 'SELECT f.key, f.metric, f.error_kind, j.status FROM collection_failures f LEFT JOIN subjects j ON j.key = f.key ORDER BY f.key');

  it('stores weekly and monthly downloads of 300 unscoped packages from 3 bulk calls per window', async () => {
    const result = await runCli(['collect', 'npm'], { env: env(), cwd: await tempWorkdir(npmYaml(bulkNames)) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/npm\s+300 ok\s+0 failed\s+600 samples\s+6 requests/);

    const calls = requestsTo('npm');
    const perWindow = (window: string) => calls.filter((r) => r.path.startsWith(`/downloads/point/${window}/`));
    expect(calls).toHaveLength(6);
    for (const window of ['last-week', 'last-month']) {
      expect(perWindow(window).map((r) => r.path.split('/')[4]?.split(',').length)).toEqual([128, 128, 44]);
    }

    const figures = await latest('npm_package');
    expect(Object.keys(figures)).toHaveLength(300);
    expect(figures['pkg-17']).toEqual({ downloads_7d: 17, downloads_30d: 1_017 });
    const [run] = await sqlRows(db.url, 'SELECT source, status, subjects_ok, subjects_failed, requests FROM collection_runs');
    expect(run).toEqual({ source: 'npm', status: 'ok', subjects_ok: 300, subjects_failed: 0, requests: 6 });
  });

  it('asks for scoped names one by one; an unknown name in bulk and a missing scoped package are not_found, the rest stored', async () => {
    const names = ['openai', 'ghost-package', 'langchain', '@huggingface/transformers', '@anthropic-ai/sdk', '@nobody/missing'];
    const result = await runCli(['collect', 'npm'], { env: env(), cwd: await tempWorkdir(npmYaml(names)) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('npm_package ghost-package: not_found');
    expect(result.stdout).toContain('npm_package @nobody/missing: not_found');

    expect(requestsTo('npm').map((r) => `${r.status} ${r.path}`)).toEqual([
      // One job for the unscoped names (the unknown one is not asked about twice) ...
      '200 /downloads/point/last-week/openai,ghost-package,langchain',
      '200 /downloads/point/last-month/openai,langchain',
      // ... one for the scoped ones, one call each per window.
      '200 /downloads/point/last-week/@huggingface/transformers',
      '200 /downloads/point/last-week/@anthropic-ai/sdk',
      '404 /downloads/point/last-week/@nobody/missing',
      '200 /downloads/point/last-month/@huggingface/transformers',
      '200 /downloads/point/last-month/@anthropic-ai/sdk',
    ]);
    expect(await latest('npm_package')).toEqual({
      // The week is the 7 days up to yesterday, the month the 30 days up to yesterday.
      openai: { downloads_7d: 1_100, downloads_30d: 11_107 },
      langchain: { downloads_7d: 300, downloads_30d: 3_300 },
      '@huggingface/transformers': { downloads_7d: 40, downloads_30d: 440 },
      '@anthropic-ai/sdk': { downloads_7d: 50, downloads_30d: 550 },
    });
    const missing = await sqlRows(db.url, `SELECT key, status FROM subjects WHERE status = 'not_found' ORDER BY key`);
    expect(missing).toEqual([
      { key: '@nobody/missing', status: 'not_found' },
      { key: 'ghost-package', status: 'not_found' },
    ]);
  });

  it('stores the 1-, 7- and 30-day downloads of PyPI projects under the configured name, asking for the normalised one', async () => {
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(['transformers', 'Llama_CPP.Python', 'no-such-project'])) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pypi_package no-such-project: not_found');
    expect(requestsTo('pypistats').map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /api/packages/transformers/recent',
      '200 /api/packages/llama-cpp-python/recent',
      '404 /api/packages/no-such-project/recent',
    ]);
    expect(await latest('pypi_package')).toEqual({
      'Llama_CPP.Python': { downloads_1d: 20_000, downloads_7d: 140_000, downloads_30d: 600_000 },
      transformers: { downloads_1d: 1_500_000, downloads_7d: 10_000_000, downloads_30d: 42_000_000 },
    });
  });

  it('waits out a pypistats 429 (an HTML page, no headers) and stores the figures', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/vllm/recent' }, fault: { kind: 'rate-limit' } });
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(['transformers', 'vllm'])) });
    expect(result.code).toBe(0);
    expect(requestsTo('pypistats').map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /api/packages/transformers/recent',
      '429 /api/packages/vllm/recent',
      '200 /api/packages/vllm/recent',
    ]);
    expect((await latest('pypi_package')).vllm).toEqual({ downloads_1d: 90_000, downloads_7d: 600_000, downloads_30d: 2_500_000 });
  });

  it('records a 429 that does not end as rate_limit, and does not send the rest of the batch', async () => {
    up.pypistats.inject({ match: { path: '/api/packages/vllm/recent' }, fault: { kind: 'rate-limit' }, times: Infinity });
    const names = ['transformers', 'vllm', 'llama-cpp-python'];
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(names)) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/pypi_package vllm: rate_limit/);
    expect(result.stdout).toMatch(/pypi_package llama-cpp-python: rate_limit/);
    const paths = requestsTo('pypistats').map((r) => `${r.status} ${r.path}`);
    expect(paths).toEqual(['200 /api/packages/transformers/recent', ...Array<string>(4).fill('429 /api/packages/vllm/recent')]);
    expect(Object.keys(await latest('pypi_package'))).toEqual(['transformers']);
    const failures = await sqlRows(db.url, 'SELECT key, error_kind FROM collection_failures ORDER BY key');
    expect(failures).toEqual([
      { key: 'llama-cpp-python', error_kind: 'rate_limit' },
      { key: 'vllm', error_kind: 'rate_limit' },
    ]);
  });

  it('stores three zeros for a project pypistats has no row for but PyPI knows, after one PyPI request', async () => {
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(['transformers', 'quiet-project'])) });
    expect(result.code).toBe(0);
    expect(exchangesWith('pypistats')).toEqual(['200 /api/packages/transformers/recent', '404 /api/packages/quiet-project/recent']);
    // Only the project pypistats did not know is looked up on PyPI, once.
    expect(exchangesWith('pypi')).toEqual(['200 /pypi/quiet-project/json']);
    expect(await samplesOf('quiet-project')).toEqual([
      { metric: 'downloads_1d', value: '0' },
      { metric: 'downloads_30d', value: '0' },
      { metric: 'downloads_7d', value: '0' },
    ]);
    expect(await failures()).toEqual([]);
  });

  it('records a project neither pypistats nor PyPI knows as not_found, after one request to each', async () => {
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(['ghost-project'])) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pypi_package ghost-project: not_found');
    expect(exchangesWith('pypistats')).toEqual(['404 /api/packages/ghost-project/recent']);
    expect(exchangesWith('pypi')).toEqual(['404 /pypi/ghost-project/json']);
    expect(await samplesOf('ghost-project')).toEqual([]);
    expect(await failures()).toEqual([{ key: 'ghost-project', metric: null, error_kind: 'not_found', status: 'not_found' }]);
  });

  it('fails the subject like any upstream error when the PyPI lookup keeps failing, after its retries', async () => {
    up.pypi.inject({ fault: { kind: 'status', status: 503 }, times: Infinity });
    const result = await runCli(['collect', 'pypi'], { env: env(), cwd: await tempWorkdir(pypiYaml(['quiet-project', 'vllm'])) });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('pypi_package quiet-project: http');
    // The first try and 3 retries; pypistats goes on with the rest of the batch.
    expect(exchangesWith('pypi')).toEqual(Array<string>(4).fill('503 /pypi/quiet-project/json'));
    expect(exchangesWith('pypistats')).toEqual(['404 /api/packages/quiet-project/recent', '200 /api/packages/vllm/recent']);
    expect(await samplesOf('quiet-project')).toEqual([]);
    // Recorded as an ordinary failure (no subject row yet: it never answered), not as not_found.
    expect(await failures()).toEqual([{ key: 'quiet-project', metric: null, error_kind: 'http', status: null }]);
  });

  it("stores pypistats' recorded figures, zeros for an idle project PyPI knows, and not_found for one it does not (recorded answers)", async () => {
    const [pip, noRows, six, pypiNotFound] = await Promise.all([
      readRecorded('pypistats/recent-pip.json'),
      readRecorded('pypistats/recent-no-rows.json'),
      readRecorded('pypi/project-six.json'),
      readRecorded('pypi/project-not-found.json'),
    ]);
    // pypistats' 404 (the site's source writes it for any query without rows), aimed at the two other names.
    const noRowsFor = (name: string) => ({ ...noRows, request: { ...noRows.request, path: `/api/packages/${name}/recent` } });
    const pypistats = await serveRecorded([pip, noRowsFor('six'), noRowsFor('no-such-project-on-pypi')]);
    const pypi = await serveRecorded([six, pypiNotFound]);
    try {
      const names = ['pip', 'six', 'no-such-project-on-pypi'];
      const result = await runCli(['collect', 'pypi'], {
        env: { ...env(), PYPISTATS_URL: pypistats.url, PYPI_URL: pypi.url },
        cwd: await tempWorkdir(pypiYaml(names)),
      });
      expect(result.stdout).toContain('pypi_package no-such-project-on-pypi: not_found');
      expect(pypistats.requests.map((r) => r.path)).toEqual(names.map((name) => `/api/packages/${name}/recent`));
      expect(pypi.requests.map((r) => r.path)).toEqual(['/pypi/six/json', '/pypi/no-such-project-on-pypi/json']);
      expect(await latest('pypi_package')).toEqual({
        pip: { downloads_1d: 2_295_765, downloads_7d: 15_706_750, downloads_30d: 67_759_913 },
        six: { downloads_1d: 0, downloads_7d: 0, downloads_30d: 0 },
      });
      expect(await failures()).toEqual([{ key: 'no-such-project-on-pypi', metric: null, error_kind: 'not_found', status: 'not_found' }]);
    } finally {
      await Promise.all([pypistats.close(), pypi.close()]);
    }
  });
});
