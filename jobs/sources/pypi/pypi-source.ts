import { chunks } from '../../chunks.ts';
import type { PypiJsonClient } from './pypi-json-client.ts';
import type { PypiRecentDownloads } from './pypistats-client.ts';
import { toSourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import { toOutcome } from '../../observation.ts';
import { defineSource } from '../source.ts';
import { nameList } from '../watchlist.ts';
import { pypiBackfillJob } from './backfill-pypi.ts';
import { checkPypiPackage, normalizePypiName } from './pypi-names.ts';
import { pypiUpstream } from './pypi-upstream.ts';

export interface PypiBatch {
  packages: string[];
}

type Windows = Pick<PypiRecentDownloads, 'lastDay' | 'lastWeek' | 'lastMonth'>;

/** One call per package at pypistats' 30 requests/minute: a job is about a minute of calls. */
const PACKAGES_PER_JOB = 30;

/** What a project PyPI knows but pypistats has no row for downloaded: nothing, in every window. */
const NO_DOWNLOADS: Windows = { lastDay: 0, lastWeek: 0, lastMonth: 0 };

/**
 * Downloads of the last day, week and month of PyPI projects, from pypistats (and PyPI
 * when pypistats has none); their last 180 days or so rebuilt by `backfill-pypi.ts`.
 */
export const pypiSource = defineSource({
  source: 'pypi',
  upstream: pypiUpstream,
  kinds: [
    {
      name: 'pypi_package',
      title: 'PyPI packages',
      metrics: [
        { name: 'downloads_7d', title: 'downloads (7 days)', unit: 'downloads', windowDays: 7 },
        { name: 'downloads_1d', title: 'downloads (1 day)', unit: 'downloads', windowDays: 1 },
        { name: 'downloads_30d', title: 'downloads (30 days)', unit: 'downloads', windowDays: 30 },
      ],
      configuredIn: 'pypi.packages',
      listed: (watchlist) => watchlist.packages,
      find: (watchlist, key) => watchlist.packages.find((name) => normalizePypiName(name) === normalizePypiName(key)),
    },
  ],
  watchlist: {
    section: 'pypi',
    shape: { packages: nameList('pypi.packages', checkPypiPackage, normalizePypiName) },
    defaultYaml: `
  # Daily, weekly and monthly downloads of these projects (from pypistats.org).
  packages:
    - transformers                  # Hugging Face Transformers
    - vllm                          # vLLM
    - llama-cpp-python              # llama.cpp bindings
    - openai                        # OpenAI SDK
    - modelscope                    # ModelScope library
`,
  },
  defaultSchedule: '50 0 * * *',
  backfill: pypiBackfillJob,
  plan: (watchlist): PypiBatch[] => chunks(watchlist.packages, PACKAGES_PER_JOB).map((packages) => ({ packages })),
  subjects: (batch) => batch.packages,
  async collect(batch, { client, now }) {
    const results = new Map<string, SubjectResult<Windows>>();
    for (const [name, result] of await client.stats.fetchRecentDownloads(batch.packages)) {
      results.set(name, !result.ok && result.error.kind === 'not_found' ? await idleOrUnknown(client.json, name) : result);
    }
    const observedAt = now();
    return toOutcome('pypi_package', results, (name, windows) => ({
      kind: 'pypi_package',
      key: name,
      label: name,
      configuredKey: name,
      metrics: { downloads_1d: windows.lastDay, downloads_7d: windows.lastWeek, downloads_30d: windows.lastMonth },
      observedAt,
    }));
  },
});

/**
 * pypistats answers 404 both for a project it never heard of and for a real one that
 * had no download in its window (its query finds no rows): PyPI tells the two apart.
 * One request per such project; PyPI's own limits are not pypistats' 30 a minute.
 */
async function idleOrUnknown(pypi: PypiJsonClient, name: string): Promise<SubjectResult<Windows>> {
  try {
    await pypi.fetchProject(name);
    return succeeded(NO_DOWNLOADS);
  } catch (error) {
    // PyPI's 404 makes the project not_found; anything else fails it like any upstream error.
    return failed(toSourceError(error));
  }
}
