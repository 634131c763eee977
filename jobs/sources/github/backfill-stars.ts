import type { StarHistory, StarWeek } from './github-star-history.ts';
import type { RepositorySnapshot } from './github-types.ts';
import { SourceError, toSourceError } from '../../clients/source-error.ts';
import { chunks } from '../../chunks.ts';
import { daysBetween, endOfUtcDay, isoDate, startOfUtcDay } from '../../utc-days.ts';
import type { BatchOutcome, Observation, SubjectFailure } from '../../observation.ts';
import { toObservation } from './github-repo-observation.ts';
import type { SourceJob } from '../../source-job.ts';
import type { GitHubClient } from './github-client.ts';
import { githubUpstream } from './github-upstream.ts';

export interface StarsBackfillBatch {
  repos: string[];
  /** ISO date: the first day to reconstruct. */
  since: string;
}

/** A history request per repository (and a page per 30 weeks): keep jobs short. */
const REPOS_PER_JOB = 20;

/**
 * Star totals at the end of each UTC day in [from, until): the buckets hold the stars
 * still held today by day of acquisition, so the total at the end of day D is the
 * current count minus the stars acquired after D. (GitHub does not say whether its
 * buckets are UTC days; each bucket is taken as the UTC day its timestamp falls in.)
 */
export function reconstructStars(current: number, weeks: StarWeek[], from: Date, until: Date): { day: Date; stars: number }[] {
  const acquired = new Map<number, number>();
  for (const { week, days } of weeks) {
    days.forEach((count, i) => {
      const day = startOfUtcDay(new Date((week + i * 86_400) * 1000)).getTime();
      acquired.set(day, (acquired.get(day) ?? 0) + count);
    });
  }
  const newestFirst = [...acquired.entries()].sort((a, b) => b[0] - a[0]);
  const wanted = daysBetween(from, until).reverse();
  const totals: { day: Date; stars: number }[] = [];
  let after = 0; // stars acquired after the day being computed
  let next = 0;
  for (const day of wanted) {
    while (next < newestFirst.length && (newestFirst[next]?.[0] ?? 0) > day.getTime()) after += newestFirst[next++]?.[1] ?? 0;
    totals.push({ day, stars: current - after });
  }
  return totals.reverse();
}

/** Daily star totals of the configured repositories, reconstructed from GitHub's stars history. */
export function starsBackfillJob(since: Date): SourceJob<{ repos: string[] }, StarsBackfillBatch, GitHubClient> {
  return {
    source: 'github-repos',
    upstream: githubUpstream,
    plan: (watchlist) => chunks(watchlist.repos, REPOS_PER_JOB).map((repos) => ({ repos, since: since.toISOString() })),
    subjects: (batch) => batch.repos,
    async collect(batch, { client, now }) {
      const outcome: BatchOutcome = { observations: [], failures: [] };
      // Only stars are reconstructed: no connection counts (they would cost GraphQL points).
      const snapshots = await client.fetchRepositories(batch.repos, { withCounts: new Set() });
      const live = new Map<string, RepositorySnapshot>();
      for (const [requested, result] of snapshots) {
        if (result.ok) live.set(requested, result.value);
        else outcome.failures.push({ kind: 'github_repo', key: requested, error: result.error });
      }
      const histories = await client.starHistory([...live.values()].map((repo) => repo.fullName), new Date(batch.since));
      const today = startOfUtcDay(now());
      for (const [requested, repo] of live) {
        const history = histories.get(repo.fullName);
        if (!history?.ok) {
          outcome.failures.push({ kind: 'github_repo', key: requested, error: toSourceError(history?.error) });
          continue;
        }
        const { from, cutShort } = reconstructedSpan(requested, history.value, new Date(batch.since));
        if (cutShort) outcome.failures.push(cutShort);
        for (const { day, stars } of reconstructStars(repo.stars, history.value.weeks, from, today)) {
          outcome.observations.push(starsOn(requested, repo, day, stars));
        }
      }
      return outcome;
    },
  };
}

/**
 * The first day whose total the history gives: `since`, unless GitHub's last page
 * ended the weeks before it. The stars acquired before the oldest week served are
 * unknown then, so earlier days are left out and the shortfall is recorded.
 */
function reconstructedSpan(requested: string, history: StarHistory, since: Date): { from: Date; cutShort?: SubjectFailure } {
  if (history.cutShortAt === undefined) return { from: since };
  const oldest = startOfUtcDay(new Date(history.cutShortAt * 1000));
  if (oldest <= since) return { from: since };
  const error = new SourceError('incomplete', `GitHub serves stars history back to ${isoDate(oldest)} only (its last page); days before it were not reconstructed`);
  return { from: oldest, cutShort: { kind: 'github_repo', key: requested, metric: 'stars', error } };
}

/** The reconstructed figure, on the same subject (key, alias, external id) as observed ones. */
function starsOn(requested: string, repo: RepositorySnapshot, day: Date, stars: number): Observation {
  return { ...toObservation(requested, repo, endOfUtcDay(day)), metrics: { stars } };
}
