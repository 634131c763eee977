import { chunks } from '../../chunks.ts';
import { toSourceError } from '../../clients/source-error.ts';
import type { BatchOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';
import { addDays, daysBetween, endOfUtcDay, isoDate, parseUtcDay, startOfUtcDay } from '../../utc-days.ts';
import type { PypiDayDownloads } from './pypistats-client.ts';
import type { PypiClients } from './pypi-upstream.ts';
import { pypiUpstream } from './pypi-upstream.ts';

export interface PypiBackfillBatch {
  packages: string[];
  since: string;
}

/** One pypistats call per package at its 30 a minute: a job is about a minute of calls. */
const PACKAGES_PER_JOB = 30;

/** The windows `recent` answers, by the metric the live source stores each in, and their length in days. */
const WINDOWS = [
  ['downloads_1d', 1],
  ['downloads_7d', 7],
  ['downloads_30d', 30],
] as const;

export type PypiWindowMetric = (typeof WINDOWS)[number][0];

/**
 * The figures pypistats' `recent` answered at the end of each UTC day in [from, until),
 * rebuilt from its daily downloads without mirrors (the rows `recent` sums).
 *
 * The rule, from pypistats' own code (psf/pypistats.org, pypistats/tasks/pypi.py): its
 * daily job runs at 01:00 UTC, loads yesterday (D) and then sets `recent` to
 * last_day = downloads on D, last_week = the 7 days D-6..D (`date > D-7`), last_month =
 * the 30 days D-29..D (`date > D-30`). The live source stores those as `downloads_1d`,
 * `_7d` and `_30d` when it collects, so a sample taken on day X (after that job) holds
 * windows that end the day before X. A backfilled sample stands for the end of its day X
 * (23:59:59.999) and holds the same: windows ending on X-1. So the sample of day X equals
 * what `recent` answers on day X, and a `collect` after a `backfill` carries on the series
 * one day later, one window further.
 *
 * pypistats has no row for a day without downloads: inside the span of the rows it
 * answered, a missing day counts 0 (its own sums read it so too). Before the first row
 * the data may have been purged (it keeps about 180 days) and after the last one it may
 * not be loaded yet, so a window is rebuilt only when all its days lie within that span;
 * a day whose 30 days do not, gets its 1- and 7-day figures alone.
 */
export function recentWindows(daily: readonly PypiDayDownloads[], from: Date, until: Date): { day: Date; metrics: Partial<Record<PypiWindowMetric, number>> }[] {
  const known = daily.map((entry) => parseUtcDay(entry.day)).filter((day) => day !== undefined);
  if (known.length === 0) return [];
  const first = new Date(Math.min(...known.map(Number)));
  const last = new Date(Math.max(...known.map(Number)));
  const downloads = new Map(daily.map((entry) => [entry.day, entry.downloads]));
  // The first day whose window (ending the day before) starts within the span, and the day after the last one.
  const start = new Date(Math.max(startOfUtcDay(from).getTime(), addDays(first, 1).getTime()));
  const end = new Date(Math.min(until.getTime(), addDays(last, 2).getTime()));
  return daysBetween(start, end).map((day) => {
    const metrics: Partial<Record<PypiWindowMetric, number>> = {};
    for (const [metric, span] of WINDOWS) {
      if (addDays(day, -span) < first) continue;
      let sum = 0;
      for (let back = 1; back <= span; back++) sum += downloads.get(isoDate(addDays(day, -back))) ?? 0;
      metrics[metric] = sum;
    }
    return { day, metrics };
  });
}

/**
 * Daily `downloads_1d`, `downloads_7d` and `downloads_30d` of the configured PyPI
 * projects, from pypistats' `/api/packages/{name}/overall?mirrors=false` (about 180
 * days), as `recent` answered them (see `recentWindows`). One request per project; a 404
 * is asked of PyPI, as in a round: a project PyPI knows had no download in pypistats'
 * days and has nothing to rebuild, an unknown one is `not_found`.
 */
export function pypiBackfillJob(since: Date): SourceJob<{ packages: string[] }, PypiBackfillBatch, PypiClients> {
  return {
    source: 'pypi',
    upstream: pypiUpstream,
    plan: (watchlist) => chunks(watchlist.packages, PACKAGES_PER_JOB).map((packages) => ({ packages, since: since.toISOString() })),
    subjects: (batch) => batch.packages,
    async collect(batch, { client, now }) {
      const outcome: BatchOutcome = { observations: [], failures: [] };
      // Today is not over: the last sample rebuilt is yesterday's.
      const until = startOfUtcDay(now());
      const from = new Date(batch.since);
      if (from >= until) return outcome;
      for (const [name, result] of await client.stats.fetchOverallDownloads(batch.packages)) {
        try {
          if (!result.ok) {
            if (result.error.kind !== 'not_found') throw result.error;
            // Throws PyPI's not_found for an unknown project; a known one has no history to rebuild.
            await client.json.fetchProject(name);
            continue;
          }
          for (const { day, metrics } of recentWindows(result.value.days, from, until)) {
            outcome.observations.push({ kind: 'pypi_package', key: name, label: name, configuredKey: name, metrics, observedAt: endOfUtcDay(day) });
          }
        } catch (error) {
          outcome.failures.push({ kind: 'pypi_package', key: name, error: toSourceError(error) });
        }
      }
      return outcome;
    },
  };
}
