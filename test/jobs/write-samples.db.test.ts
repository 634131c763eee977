import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../jobs/clients/source-error.ts';
import type { Observation } from '../../jobs/observation.ts';
import { writeBatch } from '../../jobs/write-samples.ts';
import { type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const repo = (key: string, stars: number, observedAt: string, configuredKey = key): Observation => ({
  kind: 'github_repo',
  key,
  label: key,
  externalId: '1001',
  configuredKey,
  metrics: { stars, forks: 7 },
  observedAt: new Date(observedAt),
});

describe.each(DRIVERS)('writeBatch on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openTestHandle(driver);
  });
  afterEach(() => handle.close());

  const write = (observations: Observation[], failures: { key: string; error: SourceError }[] = []) =>
    writeBatch(handle.db, {
      observations,
      failures: failures.map((failure) => ({ kind: 'github_repo' as const, ...failure })),
      runId: null,
      now: new Date('2026-11-29T00:00:00Z'),
    });
  const subjects = () =>
    queryRows<{ key: string; aliases: string[]; status: string; external_id: string | null }>(
      handle.db,
      sql`SELECT key, aliases, status, external_id FROM subjects ORDER BY id`,
    );

  it('stores each metric as a sample and writes nothing twice', async () => {
    expect(await write([repo('meta-llama/llama', 100, '2026-11-20T00:00:00Z')])).toBe(2);
    expect(await write([repo('meta-llama/llama', 100, '2026-11-20T00:00:00Z')])).toBe(0);
    const [count] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM samples`);
    expect(count?.n).toBe(2);
  });

  it('takes one observed sample per series per run: a batch that runs again adds nothing', async () => {
    const inRun = (runId: number, stars: number, observedAt: string) =>
      writeBatch(handle.db, { observations: [repo('meta-llama/llama', stars, observedAt)], failures: [], runId, now: new Date(observedAt) });
    expect(await inRun(7, 100, '2026-11-20T00:00:00Z')).toBe(2);
    expect(await inRun(7, 101, '2026-11-20T00:05:00Z')).toBe(0);
    expect(await inRun(8, 102, '2026-11-20T06:00:00Z')).toBe(2);
    const stored = await queryRows<{ run_id: number; value: number }>(
      handle.db,
      sql`SELECT run_id::int AS run_id, value::int AS value FROM samples WHERE metric = 'stars' ORDER BY observed_at`,
    );
    expect(stored).toEqual([{ run_id: 7, value: 100 }, { run_id: 8, value: 102 }]);
    const [latest] = await queryRows<{ value: number }>(handle.db, sql`SELECT value::int AS value FROM latest_metrics WHERE metric = 'stars'`);
    expect(latest?.value).toBe(102);
  });

  it('follows a rename by external id: one subject, the old key kept as an alias', async () => {
    await write([repo('facebookresearch/llama', 100, '2026-11-20T00:00:00Z')]);
    await write([repo('meta-llama/llama', 120, '2026-11-27T00:00:00Z', 'facebookresearch/llama')]);
    expect(await subjects()).toEqual([
      { key: 'meta-llama/llama', aliases: ['facebookresearch/llama'], status: 'active', external_id: '1001' },
    ]);
    const stars = await queryRows<{ value: number }>(
      handle.db,
      sql`SELECT value::float8 AS value FROM samples WHERE metric = 'stars' ORDER BY observed_at`,
    );
    expect(stars.map((row) => row.value)).toEqual([100, 120]);
  });

  it('marks a vanished subject not_found, found by its old name too', async () => {
    await write([repo('facebookresearch/llama', 100, '2026-11-20T00:00:00Z')]);
    await write([repo('meta-llama/llama', 120, '2026-11-27T00:00:00Z', 'facebookresearch/llama')]);
    await write([], [
      { key: 'facebookresearch/llama', error: new SourceError('not_found', 'Not Found') },
      { key: 'nobody/nothing', error: new SourceError('not_found', 'Not Found') },
      { key: 'some/flake', error: new SourceError('http', 'HTTP 502') },
    ]);
    expect((await subjects()).map(({ key, status }) => ({ key, status }))).toEqual([
      { key: 'meta-llama/llama', status: 'not_found' },
      { key: 'nobody/nothing', status: 'not_found' },
    ]);
  });

  it('stores hostile strings byte-identical', async () => {
    const hostile = `x'); DROP TABLE samples; --<script>"=HYPERLINK("http://x")`;
    await writeBatch(handle.db, {
      observations: [{ kind: 'github_search', key: hostile, label: hostile, configuredKey: hostile, metrics: { repositories: 1 }, observedAt: new Date() }],
      failures: [],
      runId: null,
      now: new Date(),
    });
    const [row] = await queryRows<{ key: string; label: string }>(handle.db, sql`SELECT key, label FROM subjects`);
    expect(row).toEqual({ key: hostile, label: hostile });
  });
});
