import { addDays, daysBetween, endOfUtcDay, isoDate, startOfUtcDay } from '../../utc-days.ts';
import { chunks } from '../../chunks.ts';
import { toSourceError } from '../../clients/source-error.ts';
import type { BatchOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';
import type { NpmClient } from './npm-client.ts';
import { npmUpstream } from './npm-upstream.ts';

export interface NpmBackfillBatch {
  packages: string[];
  since: string;
}

const PACKAGES_PER_JOB = 10;
/** The longest rolling window rebuilt: 30 days, so the range starts 29 days before `since`. */
const WINDOW_DAYS = 30;

/** Rolling 7- and 30-day sums ending on each day in [from, until), from daily counts (missing days count 0). */
export function rollingWindows(daily: Map<string, number>, from: Date, until: Date): { day: Date; last7: number; last30: number }[] {
  const sumOver = (day: Date, span: number) => {
    let sum = 0;
    for (let i = 0; i < span; i++) sum += daily.get(isoDate(addDays(day, -i))) ?? 0;
    return sum;
  };
  return daysBetween(from, until).map((day) => ({ day, last7: sumOver(day, 7), last30: sumOver(day, WINDOW_DAYS) }));
}

/** Daily `downloads_7d` and `downloads_30d` of the configured npm packages, from `/downloads/range/`. */
export function npmBackfillJob(since: Date): SourceJob<{ packages: string[] }, NpmBackfillBatch, NpmClient> {
  return {
    source: 'npm',
    upstream: npmUpstream,
    plan: (watchlist) => chunks(watchlist.packages, PACKAGES_PER_JOB).map((packages) => ({ packages, since: since.toISOString() })),
    subjects: (batch) => batch.packages,
    async collect(batch, { client, now }) {
      const outcome: BatchOutcome = { observations: [], failures: [] };
      const from = new Date(batch.since);
      // npm's figures for today are not complete: the last day rebuilt is yesterday.
      const until = startOfUtcDay(now());
      for (const name of batch.packages) {
        try {
          const days = await client.fetchRange(name, isoDate(addDays(from, 1 - WINDOW_DAYS)), isoDate(addDays(until, -1)));
          const daily = new Map(days.map((entry) => [entry.day, entry.downloads]));
          for (const { day, last7, last30 } of rollingWindows(daily, from, until)) {
            outcome.observations.push({
              kind: 'npm_package',
              key: name,
              label: name,
              configuredKey: name,
              metrics: { downloads_7d: last7, downloads_30d: last30 },
              observedAt: endOfUtcDay(day),
            });
          }
        } catch (error) {
          outcome.failures.push({ kind: 'npm_package', key: name, error: toSourceError(error) });
        }
      }
      return outcome;
    },
  };
}
