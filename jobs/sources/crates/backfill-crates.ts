import { chunks } from '../../chunks.ts';
import { SourceError, toSourceError } from '../../clients/source-error.ts';
import type { BatchOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';
import { addDays, daysBetween, endOfUtcDay, isoDate, startOfUtcDay } from '../../utc-days.ts';
import type { CrateDayDownloads } from './crates-answers.ts';
import type { CratesClient } from './crates-client.ts';
import { cratesUpstream } from './crates-upstream.ts';

export interface CratesBackfillBatch {
  crates: string[];
  since: string;
}

/** Two calls per crate at crates.io's one a second: a job is about a minute of calls. */
const CRATES_PER_JOB = 30;
/**
 * crates.io keeps daily downloads for the dates after today − 90 days (by its clock).
 * The total at the end of day D needs every day after D, so today − 90 is the oldest
 * day it allows; one day is kept back in case crates.io's day has already turned.
 */
const OLDEST_DAY_BACK = 89;

/** The all-time total at the end of each day in [from, until): today's total minus the downloads counted after that day. */
export function allTimeTotals(total: number, daily: readonly CrateDayDownloads[], from: Date, until: Date): { day: Date; total: number }[] {
  return daysBetween(from, until).map((day) => {
    const end = isoDate(day);
    const later = daily.reduce((sum, entry) => (entry.day > end ? sum + entry.downloads : sum), 0);
    return { day, total: total - later };
  });
}

/**
 * Daily `downloads_all_time` of the configured crates for the last 89 days, from
 * `/api/v1/crates/{name}/downloads` and today's total. `downloads_90d` is not rebuilt:
 * its window on any past day reaches back before the 90 days crates.io keeps.
 */
export function cratesBackfillJob(since: Date): SourceJob<{ packages: string[] }, CratesBackfillBatch, CratesClient> {
  return {
    source: 'crates',
    upstream: cratesUpstream,
    plan: (watchlist) => chunks(watchlist.packages, CRATES_PER_JOB).map((crates) => ({ crates, since: since.toISOString() })),
    subjects: (batch) => batch.crates,
    async collect(batch, { client, now }) {
      const outcome: BatchOutcome = { observations: [], failures: [] };
      // Today is not over: the last day rebuilt is yesterday.
      const until = startOfUtcDay(now());
      const oldest = addDays(until, -OLDEST_DAY_BACK);
      const requested = new Date(batch.since);
      const from = requested > oldest ? requested : oldest;
      if (from >= until) return outcome;
      for (const name of batch.crates) {
        try {
          const crate = await client.fetchCrate(name);
          if (crate.downloads === undefined) throw new SourceError('parse', `crates.io answered ${name} without its downloads: no total to count back from`);
          const totals = allTimeTotals(crate.downloads, await client.fetchDailyDownloads(name), from, until);
          if (totals.some(({ total }) => total < 0)) {
            throw new SourceError('parse', `crates.io's daily downloads of ${name} add up to more than its all-time total`);
          }
          for (const { day, total } of totals) {
            outcome.observations.push({
              kind: 'crate',
              key: crate.name,
              label: crate.name,
              configuredKey: name,
              metrics: { downloads_all_time: total },
              observedAt: endOfUtcDay(day),
            });
          }
        } catch (error) {
          outcome.failures.push({ kind: 'crate', key: name, error: toSourceError(error) });
        }
      }
      return outcome;
    },
  };
}
