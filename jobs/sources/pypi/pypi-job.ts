import { chunks } from '../../chunks.ts';
import type { PypiJsonClient } from './pypi-json-client.ts';
import type { PypiRecentDownloads } from './pypistats-client.ts';
import { type SourceError, toSourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import { toOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';

export interface PypiBatch {
  packages: string[];
}

type Windows = Pick<PypiRecentDownloads, 'lastDay' | 'lastWeek' | 'lastMonth'>;

/** One call per package at pypistats' 30 requests/minute: a job is about a minute of calls. */
const PACKAGES_PER_JOB = 30;

/** What a project PyPI knows but pypistats has no row for downloaded: nothing, in every window. */
const NO_DOWNLOADS: Windows = { lastDay: 0, lastWeek: 0, lastMonth: 0 };

/** Downloads of the last day, week and month of PyPI projects, from pypistats (and PyPI when pypistats has none). */
export const pypiJob: SourceJob<PypiBatch> = {
  source: 'pypi',
  plan: (config) => chunks(config.pypi.packages, PACKAGES_PER_JOB).map((packages) => ({ packages })),
  subjects: (batch) => batch.packages,
  async collect(batch, { clients, now }) {
    const results: [string, SubjectResult<{ windows: Windows; at: Date }>][] = [];
    // After a rate limit pypistats has asked for a pause: the rest fail with it rather than be sent.
    let limited: SourceError | undefined;
    for (const name of batch.packages) {
      if (limited) {
        results.push([name, failed(limited)]);
        continue;
      }
      try {
        const windows = await clients.pypistats.fetchRecent(name);
        results.push([name, succeeded({ windows, at: now() })]);
      } catch (error) {
        const sourceError = toSourceError(error);
        if (sourceError.kind === 'rate_limit') limited = sourceError;
        results.push([name, sourceError.kind === 'not_found' ? await idleOrUnknown(clients.pypi, name, now) : failed(sourceError)]);
      }
    }
    return toOutcome('pypi_package', results, (name, { windows, at }) => ({
      kind: 'pypi_package',
      key: name,
      label: name,
      configuredKey: name,
      metrics: { downloads_1d: windows.lastDay, downloads_7d: windows.lastWeek, downloads_30d: windows.lastMonth },
      observedAt: at,
    }));
  },
};

/**
 * pypistats answers 404 both for a project it never heard of and for a real one that
 * had no download in its window (its query finds no rows): PyPI tells the two apart.
 * One request per such project; PyPI's own limits are not pypistats' 30 a minute.
 */
async function idleOrUnknown(pypi: PypiJsonClient, name: string, now: () => Date): Promise<SubjectResult<{ windows: Windows; at: Date }>> {
  try {
    await pypi.fetchProject(name);
    return succeeded({ windows: NO_DOWNLOADS, at: now() });
  } catch (error) {
    // PyPI's 404 makes the project not_found; anything else fails it like any upstream error.
    return failed(toSourceError(error));
  }
}
