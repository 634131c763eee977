import { chunks } from './chunks.ts';
import type { PypiRecentDownloads } from './clients/pypistats.ts';
import { type SourceError, toSourceError } from './clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from './clients/subject-result.ts';
import { toOutcome } from './observation.ts';
import type { SourceJob } from './source-job.ts';

export interface PypiBatch {
  packages: string[];
}

/** One call per package at pypistats' 30 requests/minute: a job is about a minute of calls. */
const PACKAGES_PER_JOB = 30;

/** Downloads of the last day, week and month of PyPI projects, from pypistats. */
export const pypiJob: SourceJob<PypiBatch> = {
  source: 'pypi',
  plan: (config) => chunks(config.pypi.packages, PACKAGES_PER_JOB).map((packages) => ({ packages })),
  subjects: (batch) => batch.packages,
  async collect(batch, { clients, now }) {
    const results: [string, SubjectResult<{ recent: PypiRecentDownloads; at: Date }>][] = [];
    // After a rate limit pypistats has asked for a pause: the rest fail with it rather than be sent.
    let limited: SourceError | undefined;
    for (const name of batch.packages) {
      if (limited) {
        results.push([name, failed(limited)]);
        continue;
      }
      try {
        const recent = await clients.pypistats.fetchRecent(name);
        results.push([name, succeeded({ recent, at: now() })]);
      } catch (error) {
        const sourceError = toSourceError(error);
        if (sourceError.kind === 'rate_limit') limited = sourceError;
        results.push([name, failed(sourceError)]);
      }
    }
    return toOutcome('pypi_package', results, (name, { recent, at }) => ({
      kind: 'pypi_package',
      key: name,
      label: name,
      configuredKey: name,
      metrics: { downloads_1d: recent.lastDay, downloads_7d: recent.lastWeek, downloads_30d: recent.lastMonth },
      observedAt: at,
    }));
  },
};
