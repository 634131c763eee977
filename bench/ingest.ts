// Ingest: samples per second through the real write path (`writeBatch`: subjects
// upserted, samples inserted, one transaction per batch) against one INSERT per sample.
import pg from 'pg';
import { startRun } from '../jobs/collection-runs.ts';
import { writeBatch } from '../jobs/write-samples.ts';
import { openPostgres } from '../schema/db.ts';
import { createBenchDatabase, progress, seconds } from './support.ts';
import { type Section, target } from './table.ts';
import { repoObservations } from './watchlist.ts';

/** A batch as a big `github-repos` round hands it over: 2,000 repositories × 4 metrics. */
const SUBJECTS = 2_000;
const METRICS = 4;
/** 63 batches of 8,000: just over 500,000 samples, enough to outlast caches warming up. */
const BATCHES = 63;
/** Row-by-row is slow; 20,000 rows give a stable rate in seconds. */
const BASELINE_ROWS = 20_000;
const HOUR_MS = 3_600_000;

export async function benchIngest(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const database = await createBenchDatabase('ingest');
  const handle = openPostgres(database.url);
  try {
    await handle.migrate();
    // One round per hour, ending now; round 0 creates the subjects, as a first collection does.
    const firstRoundMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - (BATCHES + 4) * HOUR_MS;
    const at = (round: number) => new Date(firstRoundMs + round * HOUR_MS);
    const round = async (step: number) => {
      const runId = await startRun(handle.db, 'github-repos', 'collect', at(step));
      return { runId, observations: repoObservations(0, SUBJECTS, step, at(step)), failures: [], now: at(step) };
    };
    await writeBatch(handle.db, await round(0));

    progress(`ingest: baseline, ${BASELINE_ROWS.toLocaleString('en-US')} single-row INSERTs`);
    const baselineRate = await rowByRow(database.url, at);

    progress(`ingest: writeBatch, ${BATCHES} batches of ${(SUBJECTS * METRICS).toLocaleString('en-US')} samples`);
    let written = 0;
    let elapsed = 0;
    for (let step = 4; step < 4 + BATCHES; step++) {
      const batch = await round(step);
      const started = performance.now();
      written += await writeBatch(handle.db, batch);
      elapsed += seconds(started);
    }
    if (written !== BATCHES * SUBJECTS * METRICS) throw new Error(`ingest: wrote ${written} samples, expected ${BATCHES * SUBJECTS * METRICS}`);
    const rate = written / elapsed;
    const baseline = { name: 'one INSERT per sample', value: baselineRate };
    return {
      name: 'ingest',
      title: 'Ingest into local Postgres',
      figures: [
        { name: 'writeBatch throughput', value: rate, unit: 'samples/s', baseline, target: target(rate, 100_000, '≥ 100,000 samples/s') },
        {
          name: 'writeBatch speed-up over row-by-row',
          value: rate / baselineRate,
          unit: '×',
          target: target(rate / baselineRate, 20, '≥ 20×'),
        },
      ],
      notes: [
        `writeBatch: ${written.toLocaleString('en-US')} samples in ${BATCHES} batches of ${SUBJECTS.toLocaleString('en-US')} github_repo subjects × ${METRICS} metrics, one collection run and one transaction per batch, ${elapsed.toFixed(2)} s inside writeBatch (subject upserts included).`,
        `baseline: ${BASELINE_ROWS.toLocaleString('en-US')} parameterised INSERT INTO samples statements, one per sample and each its own transaction (autocommit), same table and indexes, one connection.`,
      ],
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}

/** One INSERT per sample, each committed on its own: what a naive collector does. Samples per second. */
async function rowByRow(url: string, at: (round: number) => Date): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const subjects = await client.query<{ id: string; key: string }>('SELECT id, key FROM subjects');
    const ids = new Map(subjects.rows.map((row) => [row.key, Number(row.id)]));
    const runs = (await client.query<{ id: string }>(
      `INSERT INTO collection_runs (source, trigger, started_at) SELECT 'github-repos', 'collect', now() FROM generate_series(1, 3) RETURNING id`,
    )).rows.map((row) => Number(row.id));
    const rows: [number, string, Date, number, number][] = [];
    for (let step = 1; rows.length < BASELINE_ROWS; step++) {
      for (const observation of repoObservations(0, SUBJECTS, step, at(step))) {
        const id = ids.get(observation.key) ?? 0;
        for (const [metric, value] of Object.entries(observation.metrics)) rows.push([id, metric, observation.observedAt, value, runs[step - 1] ?? 0]);
      }
    }
    const started = performance.now();
    for (const row of rows.slice(0, BASELINE_ROWS)) {
      await client.query(
        `INSERT INTO samples (subject_id, metric, observed_at, value, origin, run_id) VALUES ($1, $2, $3, $4, 'observed', $5)`,
        row,
      );
    }
    return BASELINE_ROWS / seconds(started);
  } finally {
    await client.end();
  }
}
