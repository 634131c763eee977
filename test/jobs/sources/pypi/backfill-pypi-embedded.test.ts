import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { queryEmbedded, runCli, tempWorkdir } from '../../../helpers/cli.ts';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-29T12:00:00Z');

/** `backfill pypi` into the embedded database (no DATABASE_URL), as a new user runs it, then `collect`. */
describe('backfill pypi into PGlite', () => {
  let up: FakeUpstream;
  let cwd: string;
  const run = (...args: string[]) => runCli(args, { env: { PYPISTATS_URL: up.pypistats.url, PYPI_URL: up.pypi.url }, cwd, now: () => NOW });
  const query = <T>(text: ReturnType<typeof sql>) => queryEmbedded<T>(cwd, text);
  const counts = () =>
    query<{ metric: string; origin: string; n: number; last: string }>(
      sql`SELECT metric, origin, count(*)::int AS n, to_char(max(observed_at), 'YYYY-MM-DD HH24:MI') AS last FROM samples GROUP BY metric, origin ORDER BY metric, origin`,
    );

  beforeAll(async () => {
    up = await startFakeUpstream({ now: () => NOW.getTime() });
    const daily: Record<string, number> = {};
    for (let n = 1; n <= 200; n++) daily[new Date(Date.parse('2026-11-29T00:00:00Z') - n * DAY_MS).toISOString().slice(0, 10)] = 1_000 + n;
    up.pypistats.addPackage('vllm', { daily });
    cwd = await tempWorkdir('pypi:\n  packages: [vllm]\n');
  });
  afterAll(() => up.close());

  it('rebuilds the windows pypistats keeps, adds nothing when run again, and a collect carries on the next day', async () => {
    expect((await run('backfill', 'pypi')).code).toBe(0);
    const rebuilt = [
      { metric: 'downloads_1d', origin: 'backfill', n: 180, last: '2026-11-28 23:59' },
      { metric: 'downloads_30d', origin: 'backfill', n: 151, last: '2026-11-28 23:59' },
      { metric: 'downloads_7d', origin: 'backfill', n: 174, last: '2026-11-28 23:59' },
    ];
    expect(await counts()).toEqual(rebuilt);
    expect((await run('backfill', 'pypi')).code).toBe(0);
    expect(await counts()).toEqual(rebuilt);

    expect((await run('collect', 'pypi')).code).toBe(0);
    // 11-28 holds 11-27's downloads (1,002 of them); the collect on 11-29, 11-28's (1,001).
    const days = await query<{ day: string; value: number }>(
      sql`SELECT day::text, value::int FROM daily_metrics WHERE metric = 'downloads_1d' AND day >= '2026-11-27' ORDER BY day`,
    );
    expect(days).toEqual([
      { day: '2026-11-27', value: 1_003 },
      { day: '2026-11-28', value: 1_002 },
      { day: '2026-11-29', value: 1_001 },
    ]);
  });
});
