// A database the dashboard tests read: several weeks of figures with a spike, a
// rename, a backfilled stretch, a subject that appears mid-way, one that vanished,
// and hostile labels. Written through the real write path (writeBatch).
import type { Config } from '../../config/config.ts';
import { writeBatch } from '../../jobs/write-samples.ts';
import type { Observation } from '../../jobs/observation.ts';
import { SourceError } from '../../jobs/clients/source-error.ts';
import { finishRun, recordFailures, startRun } from '../../jobs/collection-runs.ts';
import type { Database } from '../../schema/db.ts';
import { DAY_MS } from '../../jobs/utc-days.ts';
import { parse } from './parse-config.ts';

/** The clock of the dashboard tests: Friday of 2026-W49, afternoon. */
export const DASHBOARD_NOW = new Date('2026-12-04T15:00:00Z');
/** Days of observed figures before DASHBOARD_NOW; the backfill covers the 60 before those. */
export const OBSERVED_DAYS = 42;
const BACKFILL_DAYS = 60;

export const HOSTILE_LABEL = '<script>alert(1)</script>';
export const HOSTILE_KEY = 'evil/"><img src=x onerror=alert(1)>';
export const FORMULA_LABEL = '=HYPERLINK("http://evil")';

export const DASHBOARD_CONFIG: Config = parse({
  github: { repos: ['ggerganov/llama.cpp', 'ollama/ollama', 'BlinkDL/RWKV-LM'], searches: ['llama', 'gpt-4'] },
  npm: { packages: ['@huggingface/hub'] },
  comparisons: [
    { name: 'LLaMA vs GPT-4: repositories on GitHub', series: ['github_search:llama', 'github_search:gpt-4'] },
    { name: 'Runtimes: stars', series: ['github_repo:ggerganov/llama.cpp', 'github_repo:ollama/ollama', 'github_repo:BlinkDL/RWKV-LM'] },
  ],
});

const day = (offset: number, hour = 12) => new Date(DASHBOARD_NOW.getTime() - offset * DAY_MS + (hour - 15) * 3_600_000);

function repo(key: string, label: string, stars: number, extra: Partial<Observation> = {}): Omit<Observation, 'observedAt'> {
  return { kind: 'github_repo', key, label, configuredKey: key, metrics: { stars, forks: Math.round(stars / 8), watchers: Math.round(stars / 40) }, ...extra };
}

/** Writes the fixture; returns nothing but what reached the database. */
export async function seedDashboard(db: Database): Promise<void> {
  // One batch per day, as a round writes them (a batch holds one sample per series).
  const days: Observation[][] = [];
  for (let offset = OBSERVED_DAYS; offset >= 0; offset -= 1) {
    const observations: Observation[] = [];
    days.push(observations);
    const t = OBSERVED_DAYS - offset;
    // RWKV jumps 30% in the current week (a spike); llama.cpp and ollama grow steadily.
    const rwkv = 12_000 + t * 20 + (offset <= 3 ? 3_600 : 0);
    observations.push(
      { ...repo('ggerganov/llama.cpp', 'ggerganov/llama.cpp', 70_000 + t * 150), observedAt: day(offset) },
      // Renamed in the middle: the repository's id stays, its key moves, the old name becomes an alias.
      {
        ...repo(t < 20 ? 'jmorganca/ollama' : 'ollama/ollama', t < 20 ? 'jmorganca/ollama' : 'ollama/ollama', 80_000 + t * 200, { externalId: '658928958', configuredKey: 'ollama/ollama' }),
        observedAt: day(offset),
      },
      { ...repo('BlinkDL/RWKV-LM', 'BlinkDL/RWKV-LM', rwkv), observedAt: day(offset) },
      { kind: 'github_search', key: 'llama', label: 'LLaMA', configuredKey: 'llama', metrics: { repositories: 30_000 + t * 60 }, observedAt: day(offset, 10) },
      { kind: 'github_search', key: 'gpt-4', label: 'GPT-4', configuredKey: 'gpt-4', metrics: { repositories: 22_000 + t * 75 }, observedAt: day(offset, 10) },
    );
    // A subject that starts mid-way, with a hostile label, key and formula label.
    if (t >= 30) {
      observations.push(
        { ...repo(HOSTILE_KEY, HOSTILE_LABEL, 100 + t), observedAt: day(offset, 13) },
        { kind: 'npm_package', key: '@huggingface/hub', label: FORMULA_LABEL, configuredKey: '@huggingface/hub', metrics: { downloads_7d: 50_000 + t * 300, downloads_30d: 200_000 + t * 900 }, observedAt: day(offset, 14) },
      );
    }
  }
  for (const observations of days) {
    await writeBatch(db, { observations, failures: [], runId: null, now: observations.at(-1)?.observedAt ?? DASHBOARD_NOW });
  }
  // The history before the first observed day: llama.cpp's stars, reconstructed.
  const backfill: Observation[] = Array.from({ length: BACKFILL_DAYS }, (_, i) => ({
    ...repo('ggerganov/llama.cpp', 'ggerganov/llama.cpp', 0),
    metrics: { stars: 70_000 - (BACKFILL_DAYS - i) * 140 },
    observedAt: new Date(Date.UTC(day(OBSERVED_DAYS + BACKFILL_DAYS - i).getUTCFullYear(), day(OBSERVED_DAYS + BACKFILL_DAYS - i).getUTCMonth(), day(OBSERVED_DAYS + BACKFILL_DAYS - i).getUTCDate())),
  }));
  await writeBatch(db, { observations: backfill, failures: [], runId: null, now: DASHBOARD_NOW, origin: 'backfill' });
  // A repository that was collected once and then vanished upstream.
  await writeBatch(db, { observations: [{ ...repo('gone/away', 'gone/away', 500), observedAt: day(20) }], failures: [], runId: null, now: day(20) });
  const vanished = [{ kind: 'github_repo', key: 'gone/away', error: new SourceError('not_found', 'Could not resolve to a Repository with the name gone/away') }];
  const runId = await startRun(db, 'github-repos', 'schedule', day(1));
  await writeBatch(db, { observations: [], failures: vanished, runId, now: day(1) });
  await recordFailures(db, runId, vanished, day(1), (text) => text);
  await finishRun(db, runId, { subjectsOk: 0, subjectsFailed: 1, requests: 1 }, day(1));
}
