// Ingest: samples per second through the real write path (`writeBatch`: subjects
// upserted, samples inserted, one transaction per batch) against one INSERT per sample.
import pg from 'pg';
import { startRun } from '../jobs/collection-runs.ts';
import { writeBatch } from '../jobs/write-samples.ts';
import { type DatabaseHandle, openPostgres } from '../schema/db.ts';
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
/** Writers at once in the second measurement (this machine has two cores), and each one's batches. */
const WRITERS = 2;
const CONCURRENT_BATCHES = 24;
const HOUR_MS = 3_600_000;

export async function benchIngest(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const database = await createBenchDatabase('ingest');
  const handle = openPostgres(database.url);
  try {
    await handle.migrate();
    // One round per hour, ending now; round 0 creates the subjects, as a first collection does.
    const firstRoundMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - (BATCHES + 4) * HOUR_MS;
    const at = (round: number) => new Date(firstRoundMs + round * HOUR_MS);
    const round = async (step: number, writer = 0) => {
      const runId = await startRun(handle.db, 'github-repos', 'collect', at(step));
      return { runId, observations: repoObservations(writer * SUBJECTS, SUBJECTS, step, at(step)), failures: [], now: at(step) };
    };
    for (let writer = 0; writer < WRITERS; writer++) await writeBatch(handle.db, await round(0, writer));

    progress(`ingest: baseline, ${BASELINE_ROWS.toLocaleString('en-US')} single-row INSERTs`);
    const baselineRate = await rowByRow(database.url, at, 1, 1);

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

    progress(`ingest: ${WRITERS} writers at once, as ${WRITERS} workers write`);
    // Rounds after every writeBatch round, so no sample meets one already stored.
    const concurrentBaseline = await rowByRow(database.url, at, WRITERS, 4 + BATCHES + CONCURRENT_BATCHES);
    const concurrent = await writersAtOnce(handle, round, 4 + BATCHES);
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
        {
          name: `writeBatch throughput, ${WRITERS} writers at once`,
          value: concurrent,
          unit: 'samples/s',
          baseline: { name: `one INSERT per sample, ${WRITERS} connections at once`, value: concurrentBaseline },
        },
      ],
      notes: [
        `writeBatch: ${written.toLocaleString('en-US')} samples in ${BATCHES} batches of ${SUBJECTS.toLocaleString('en-US')} github_repo subjects × ${METRICS} metrics, one collection run and one transaction per batch, ${elapsed.toFixed(2)} s inside writeBatch (subject upserts included).`,
        `baseline: ${BASELINE_ROWS.toLocaleString('en-US')} parameterised INSERT INTO samples statements, one per sample and each its own transaction (autocommit), same table and indexes, one connection.`,
        `${WRITERS} writers: ${WRITERS} × ${CONCURRENT_BATCHES} batches of the same size on ${WRITERS} connections at once, each writer its own ${SUBJECTS.toLocaleString('en-US')} subjects (as workers taking a round's batches do), wall time; baseline: the same ${BASELINE_ROWS.toLocaleString('en-US')} single-row INSERTs split over ${WRITERS} connections at once. The target is read on the single writer.`,
      ],
    };
  } finally {
    await handle.close();
    await database.drop();
  }
}

/** `WRITERS` loops of writeBatch at once, each on its own subjects; samples per second of wall time. */
async function writersAtOnce(
  handle: DatabaseHandle,
  round: (step: number, writer: number) => Promise<Parameters<typeof writeBatch>[1]>,
  firstStep: number,
): Promise<number> {
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      let written = 0;
      for (let step = firstStep; step < firstStep + CONCURRENT_BATCHES; step++) written += await writeBatch(handle.db, await round(step, writer));
      return written;
    }),
  );
  const written = counts.reduce((sum, count) => sum + count, 0);
  if (written !== WRITERS * CONCURRENT_BATCHES * SUBJECTS * METRICS) throw new Error(`ingest: ${WRITERS} writers wrote ${written} samples`);
  return written / seconds(started);
}

/**
 * One INSERT per sample, each committed on its own: what a naive collector does, over
 * `connections` connections at once, for the rounds from `firstStep` on. Samples per second.
 */
async function rowByRow(url: string, at: (round: number) => Date, connections: number, firstStep: number): Promise<number> {
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((client) => client.connect()));
  const [client] = clients;
  if (!client) throw new Error('ingest: no connection');
  try {
    const subjects = await client.query<{ id: string; key: string }>('SELECT id, key FROM subjects');
    const ids = new Map(subjects.rows.map((row) => [row.key, Number(row.id)]));
    const runs = (await client.query<{ id: string }>(
      `INSERT INTO collection_runs (source, trigger, started_at) SELECT 'github-repos', 'collect', now() FROM generate_series(1, 3) RETURNING id`,
    )).rows.map((row) => Number(row.id));
    const rows: [number, string, Date, number, number][] = [];
    for (let step = firstStep; rows.length < BASELINE_ROWS; step++) {
      for (const observation of repoObservations(0, SUBJECTS, step, at(step))) {
        const id = ids.get(observation.key) ?? 0;
        for (const [metric, value] of Object.entries(observation.metrics)) rows.push([id, metric, observation.observedAt, value, runs[step - firstStep] ?? 0]);
      }
    }
    const share = Math.ceil(BASELINE_ROWS / connections);
    const started = performance.now();
    await Promise.all(
      clients.map(async (each, i) => {
        for (const row of rows.slice(i * share, Math.min((i + 1) * share, BASELINE_ROWS))) {
          await each.query(
            `INSERT INTO samples (subject_id, metric, observed_at, value, origin, run_id) VALUES ($1, $2, $3, $4, 'observed', $5)`,
            row,
          );
        }
      }),
    );
    return BASELINE_ROWS / seconds(started);
  } finally {
    await Promise.all(clients.map((each) => each.end()));
  }
}
