import { chunks } from '../../chunks.ts';
import { toOutcome } from '../../observation.ts';
import { defineSource } from '../source.ts';
import { nameList } from '../watchlist.ts';
import { cratesBackfillJob } from './backfill-crates.ts';
import { canonicalCrateName, checkCrateName } from './crate-names.ts';
import { cratesUpstream } from './crates-upstream.ts';

export interface CratesBatch {
  crates: string[];
}

/** One call per crate at crates.io's one a second: a job is about a minute of calls. */
const CRATES_PER_JOB = 60;

/** All-time and 90-day downloads of Rust crates on crates.io. */
export const cratesSource = defineSource({
  source: 'crates',
  upstream: cratesUpstream,
  kinds: [
    {
      name: 'crate',
      title: 'Rust crates',
      metrics: [
        { name: 'downloads_all_time', title: 'all-time downloads', unit: 'downloads' },
        { name: 'downloads_90d', title: 'downloads (90 days)', unit: 'downloads', windowDays: 90 },
      ],
      configuredIn: 'crates.packages',
      listed: (watchlist) => watchlist.packages,
      find: (watchlist, key) => watchlist.packages.find((name) => canonicalCrateName(name) === canonicalCrateName(key)),
    },
  ],
  watchlist: {
    section: 'crates',
    // crates.io finds a crate whatever its case, and reads `-` as `_`: those spellings are one crate.
    shape: { packages: nameList('crates.packages', checkCrateName, canonicalCrateName) },
    defaultYaml: `
  # All-time and 90-day downloads of these Rust crates on crates.io.
  packages:
    - candle-core                   # Hugging Face Candle
    - candle-transformers           # Candle's model zoo
    - tokenizers                    # Hugging Face Tokenizers
    - llama-cpp-2                   # llama.cpp bindings
    - hf-hub                        # Hugging Face Hub client
`,
  },
  defaultSchedule: '0 1 * * *',
  backfill: cratesBackfillJob,
  plan: (watchlist): CratesBatch[] => chunks(watchlist.packages, CRATES_PER_JOB).map((crates) => ({ crates })),
  subjects: (batch) => batch.crates,
  async collect(batch, { client, now }) {
    const results = await client.fetchCrates(batch.crates);
    const observedAt = now();
    return toOutcome(
      'crate',
      results,
      (requested, crate) => ({
        kind: 'crate',
        key: crate.name,
        label: crate.name,
        configuredKey: requested,
        metrics: { downloads_all_time: crate.downloads, downloads_90d: crate.recentDownloads },
        observedAt,
      }),
      'crates.io',
    );
  },
});
