import { lastCompleteWeek } from '../../iso-week.ts';
import { isoDate } from '../../utc-days.ts';
import { addDays, endOfUtcDay } from '../../utc-days.ts';
import { chunks } from '../../chunks.ts';
import type { BatchOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';
import type { GitHubClient } from './github-client.ts';
import { githubUpstream } from './github-upstream.ts';

export interface SearchesBackfillBatch {
  searches: { query: string; label: string }[];
  since: string;
}

/** About 52 counts per query for a year: two queries make a job of ~6 GraphQL requests. */
const QUERIES_PER_JOB = 2;

/**
 * The Sundays (ends of ISO weeks) from the first one on or after `since` to the last
 * complete week before `now`.
 */
export function weekEnds(since: Date, now: Date): Date[] {
  const last = addDays(lastCompleteWeek(now).end, -1);
  const ends: Date[] = [];
  for (let day = last; day >= since; day = addDays(day, -7)) ends.unshift(day);
  return ends;
}

/** The count "as of" a day: the same query limited to repositories created by then. */
export const countAsOf = (query: string, day: Date): string => `${query} created:<=${isoDate(day)}`;

/**
 * Weekly repository counts of the configured searches, from `created:<=DAY` qualifiers.
 * They count the repositories that still exist: deleted ones are not in the past figures.
 */
export function searchesBackfillJob(since: Date): SourceJob<{ searches: SearchesBackfillBatch['searches'] }, SearchesBackfillBatch, GitHubClient> {
  return {
    source: 'github-search',
    upstream: githubUpstream,
    plan: (watchlist) => chunks(watchlist.searches, QUERIES_PER_JOB).map((searches) => ({ searches, since: since.toISOString() })),
    subjects: (batch) => batch.searches.map((search) => search.query),
    async collect(batch, { client, now }) {
      const days = weekEnds(new Date(batch.since), now());
      const asked = batch.searches.flatMap((search) => days.map((day) => ({ search, day, text: countAsOf(search.query, day) })));
      const counts = await client.countRepositories(asked.map((entry) => entry.text));
      const outcome: BatchOutcome = { observations: [], failures: [] };
      const failed = new Set<string>();
      for (const { search, day, text } of asked) {
        const result = counts.get(text);
        if (result?.ok) {
          outcome.observations.push({
            kind: 'github_search',
            key: search.query,
            label: search.label,
            configuredKey: search.query,
            metrics: { repositories: result.value },
            observedAt: endOfUtcDay(day),
          });
        } else if (result && !failed.has(search.query)) {
          // One failure per query, not one per week: the message says which week.
          failed.add(search.query);
          outcome.failures.push({ kind: 'github_search', key: search.query, error: result.error });
        }
      }
      return outcome;
    },
  };
}
