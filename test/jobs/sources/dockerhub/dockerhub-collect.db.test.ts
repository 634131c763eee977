import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const dockerhubYaml = (images: string[]) => `dockerhub:\n  images:\n${images.map((name) => `    - ${JSON.stringify(name)}\n`).join('')}`;

/** `collect dockerhub` into Postgres, against the fake Docker Hub. */
describe('collect dockerhub', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => NOW.getTime() });
    db = await createMigratedTestDatabase();
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    up.clearRequests();
    up.dockerhub.clearFaults();
    up.dockerhub.setLimit(180); // a fresh minute
    up.dockerhub.setRetryAfterStyle('seconds');
    for (const name of ['ollama/ollama', 'vllm/vllm-openai', 'library/postgres']) {
      try {
        up.dockerhub.deleteRepository(name);
      } catch {
        // deleted by the test before
      }
    }
    up.dockerhub.addRepository('ollama/ollama', { pulls: 104_000_000, stars: 1_800 });
    up.dockerhub.addRepository('vllm/vllm-openai', { pulls: 9_500_000, stars: 320 });
    up.dockerhub.addRepository('library/postgres', { pulls: 1_000_000_000, stars: 14_000 });
    await clearCollectedData(db.url);
  });

  const env = () => ({ ...up.env(), DATABASE_URL: db.url });
  const collect = async (images: string[], at = NOW, extraEnv: Record<string, string> = {}) =>
    runCli(['collect', 'dockerhub'], { env: { ...env(), ...extraEnv }, cwd: await tempWorkdir(dockerhubYaml(images)), now: () => at });
  const exchanges = () => up.requests.filter((r) => r.upstream === 'dockerhub').map((r) => `${r.status} ${r.url}`);
  const latest = async () => {
    const rows = await sqlRows<{ key: string; metric: string; value: string }>(
      db.url,
      `SELECT key, metric, value FROM latest_metrics WHERE kind = 'docker_image' ORDER BY key, metric`,
    );
    const figures: Record<string, Record<string, number>> = {};
    for (const row of rows) figures[row.key] = { ...figures[row.key], [row.metric]: Number(row.value) };
    return figures;
  };
  const failures = () => sqlRows(db.url, 'SELECT f.key, f.metric, f.error_kind, j.status FROM collection_failures f LEFT JOIN subjects j ON j.key = f.key ORDER BY f.key, f.metric');

  it('stores the pulls and stars of each image, one request each at the documented route; a bare official name is library/NAME', async () => {
    const result = await collect(['ollama/ollama', 'vllm/vllm-openai', 'postgres']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/dockerhub\s+3 ok\s+0 failed\s+6 samples\s+3 requests/);
    expect(exchanges()).toEqual(['ollama/ollama', 'vllm/vllm-openai', 'library/postgres'].map((name) => `200 /v2/namespaces/${name.replace('/', '/repositories/')}`));
    expect(await latest()).toEqual({
      'library/postgres': { pulls: 1_000_000_000, stars: 14_000 },
      'ollama/ollama': { pulls: 104_000_000, stars: 1_800 },
      'vllm/vllm-openai': { pulls: 9_500_000, stars: 320 },
    });
    const subjects = await sqlRows(db.url, `SELECT key, label, status, aliases FROM subjects WHERE kind = 'docker_image' ORDER BY key`);
    expect(subjects).toContainEqual({ key: 'library/postgres', label: 'library/postgres', status: 'active', aliases: [] });
    const samples = await sqlRows<{ observed_at: Date; origin: string }>(db.url, 'SELECT DISTINCT observed_at, origin FROM samples');
    expect(samples).toEqual([{ observed_at: NOW, origin: 'observed' }]);
    const [run] = await sqlRows(db.url, 'SELECT source, status, subjects_ok, subjects_failed, requests FROM collection_runs');
    expect(run).toEqual({ source: 'dockerhub', status: 'ok', subjects_ok: 3, subjects_failed: 0, requests: 3 });
  });

  it('marks an unknown image not_found and stores the rest', async () => {
    const result = await collect(['ollama/no-such-image', 'ollama/ollama']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('docker_image ollama/no-such-image: not_found: Docker Hub: ollama/no-such-image: object not found');
    expect(Object.keys(await latest())).toEqual(['ollama/ollama']);
    expect(await failures()).toEqual([{ key: 'ollama/no-such-image', metric: null, error_kind: 'not_found', status: 'not_found' }]);
  });

  it('marks an image deleted since the last round not_found, keeping its past figures', async () => {
    expect((await collect(['ollama/ollama', 'vllm/vllm-openai'])).code).toBe(0);
    up.dockerhub.deleteRepository('vllm/vllm-openai');
    const later = new Date(NOW.getTime() + 86_400_000);
    expect((await collect(['ollama/ollama', 'vllm/vllm-openai'], later)).code).toBe(1);
    const subjects = await sqlRows(db.url, `SELECT key, status FROM subjects WHERE kind = 'docker_image' ORDER BY key`);
    expect(subjects).toEqual([
      { key: 'ollama/ollama', status: 'active' },
      { key: 'vllm/vllm-openai', status: 'not_found' },
    ]);
    const counts = await sqlRows(db.url, `SELECT j.key, count(*)::int AS n FROM samples s JOIN subjects j ON j.id = s.subject_id GROUP BY 1 ORDER BY 1`);
    expect(counts).toEqual([
      { key: 'ollama/ollama', n: 4 },
      { key: 'vllm/vllm-openai', n: 2 },
    ]);
  });

  it('records a 429 with a long Retry-After as rate_limit for that image and the rest, which are not sent', async () => {
    up.dockerhub.inject({ match: { path: '/v2/namespaces/vllm/repositories/vllm-openai' }, fault: { kind: 'dockerhub-rate-limit', resetSeconds: 100_000 }, times: Infinity });
    const result = await collect(['ollama/ollama', 'vllm/vllm-openai', 'postgres']);
    expect(result.code).toBe(1);
    expect(exchanges()).toEqual(['200 /v2/namespaces/ollama/repositories/ollama', '429 /v2/namespaces/vllm/repositories/vllm-openai']);
    expect(Object.keys(await latest())).toEqual(['ollama/ollama']);
    expect(await failures()).toEqual([
      { key: 'library/postgres', metric: null, error_kind: 'rate_limit', status: null },
      { key: 'vllm/vllm-openai', metric: null, error_kind: 'rate_limit', status: null },
    ]);
  });

  it.each(['seconds', 'timestamp'] as const)('rides out a short 429 whose Retry-After is written in %s, storing every figure once', async (style) => {
    up.dockerhub.setRetryAfterStyle(style);
    up.dockerhub.inject({ match: { path: '/v2/namespaces/vllm/repositories/vllm-openai' }, fault: { kind: 'dockerhub-rate-limit', resetSeconds: 30 } });
    const result = await collect(['ollama/ollama', 'vllm/vllm-openai']);
    expect(result.code).toBe(0);
    expect(exchanges().map((line) => line.slice(0, 3))).toEqual(['200', '429', '200']);
    // A second lasts 1 ms in tests: the 30 s wait is 30 ms.
    expect(result.logs).toMatch(/"msg":"waiting 30 ms: rate limited by 127\.0\.0\.1:\d+"/);
    expect(await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 4 }]);
  });

  it('retries a 503 and a truncated answer, storing every figure once', async () => {
    up.dockerhub.inject({ fault: { kind: 'status', status: 503 } });
    up.dockerhub.inject({ fault: { kind: 'truncated-json' } });
    const result = await collect(['ollama/ollama', 'vllm/vllm-openai']);
    expect(result.code).toBe(0);
    expect(up.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['status', 'truncated-json']);
    expect(await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 4 }]);
    expect(await failures()).toEqual([]);
  });

  it('stores the figure an answer has and records the one it left out', async () => {
    up.dockerhub.updateRepository('ollama/ollama', { omit: ['star_count'] });
    const result = await collect(['ollama/ollama']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('docker_image ollama/ollama (stars): parse: Docker Hub answered ollama/ollama without stars');
    expect(await latest()).toEqual({ 'ollama/ollama': { pulls: 104_000_000 } });
    expect(await failures()).toEqual([{ key: 'ollama/ollama', metric: 'stars', error_kind: 'parse', status: 'active' }]);
  });

  it("keys a series by Docker Hub's spelling with the configured one as an alias, but never by a name Docker Hub could not have", async () => {
    up.dockerhub.updateRepository('ollama/ollama', { answeredAs: { namespace: 'ollama', name: 'ollama-server' } });
    up.dockerhub.updateRepository('vllm/vllm-openai', { answeredAs: { namespace: 'vllm', name: "<img src=x onerror=alert(1)>'); DROP TABLE samples; --" } });
    expect((await collect(['ollama/ollama', 'vllm/vllm-openai'])).code).toBe(0);
    const subjects = await sqlRows(db.url, `SELECT key, label, aliases FROM subjects WHERE kind = 'docker_image' ORDER BY key`);
    expect(subjects).toEqual([
      { key: 'ollama/ollama-server', label: 'ollama/ollama-server', aliases: ['ollama/ollama'] },
      { key: 'vllm/vllm-openai', label: 'vllm/vllm-openai', aliases: [] },
    ]);
    expect(await sqlRows(db.url, 'SELECT count(*)::int AS n FROM samples')).toEqual([{ n: 4 }]);
  });

  it("stores a recorded Docker Hub answer's figures (ebusinessdocker/disney)", async () => {
    const replay = await serveRecorded([await readRecorded('dockerhub/get-repository.json')]);
    try {
      const result = await collect(['ebusinessdocker/disney'], NOW, { DOCKERHUB_URL: replay.url });
      expect(result.code).toBe(0);
      expect(replay.requests.map((r) => r.path)).toEqual(['/v2/namespaces/ebusinessdocker/repositories/disney']);
      expect(await latest()).toEqual({ 'ebusinessdocker/disney': { pulls: 275, stars: 0 } });
    } finally {
      await replay.close();
    }
  });

  it('says there is no history to backfill: Docker Hub keeps none, and nothing is asked or written', async () => {
    const cwd = await tempWorkdir(dockerhubYaml(['ollama/ollama']));
    const named = await runCli(['backfill', 'dockerhub'], { env: env(), cwd, now: () => NOW });
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/^oss-pulse: no history to backfill for "dockerhub"; backfill works for [a-z, -]+\n$/);
    expect(named.stderr).not.toMatch(/works for .*dockerhub/);
    // Without a source named, backfill does the sources that keep history: Docker Hub is not one of them.
    expect((await runCli(['backfill'], { env: env(), cwd, now: () => NOW })).code).toBe(0);
    expect(exchanges()).toEqual([]);
    expect(await sqlRows(db.url, `SELECT source FROM collection_runs`)).toEqual([]);
  });
});

describe('collect dockerhub when the minute runs out', () => {
  it('does not send a request the minute has no room for: it waits for the reset the last answer announced', async () => {
    // A fake clock 2,000 times as fast as real time, for the fake and the collector: a
    // second of wait lasts 1 ms in tests, so waiting out a reset leaves a margin of two.
    const start = Date.now();
    const clock = () => NOW.getTime() + (Date.now() - start) * 2_000;
    const up = await startFakeUpstream({ now: clock });
    const db = await createMigratedTestDatabase();
    try {
      up.dockerhub.addRepository('ollama/ollama', { pulls: 1, stars: 1 });
      up.dockerhub.addRepository('vllm/vllm-openai', { pulls: 2, stars: 2 });
      up.dockerhub.setLimit(1);
      const result = await runCli(['collect', 'dockerhub'], {
        env: { ...up.env(), DATABASE_URL: db.url },
        cwd: await tempWorkdir(dockerhubYaml(['ollama/ollama', 'vllm/vllm-openai'])),
        now: () => new Date(clock()),
      });
      expect(result.code).toBe(0);
      expect(result.logs).toContain("Docker Hub's per-minute API budget is spent (X-RateLimit-Remaining: 0) until its reset");
      expect(up.requests.map((r) => r.status)).toEqual([200, 200]);
      const [first, second] = up.requests;
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(55_000);
    } finally {
      await up.close();
      await db.drop();
    }
  });
});
