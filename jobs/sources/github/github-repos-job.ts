import { startOfUtcDay } from '../../backfill-days.ts';
import { chunks } from '../../chunks.ts';
import { REPOSITORIES_PER_QUERY } from './github-client.ts';
import type { RepositorySnapshot } from './github-types.ts';
import { type PartialObservation, toOutcome } from '../../observation.ts';
import type { JobDeps, SourceJob } from '../../source-job.ts';

export interface GitHubReposBatch {
  repos: string[];
}

/** Stars and forks of the configured repositories every round; watchers and open issues once a day. */
export const githubReposJob: SourceJob<GitHubReposBatch> = {
  source: 'github-repos',
  plan: (config) => chunks(config.github.repos, REPOSITORIES_PER_QUERY).map((repos) => ({ repos })),
  subjects: (batch) => batch.repos,
  async collect(batch, deps) {
    // Without a token, REST answers watchers with every repository anyway (and no issue count).
    const withCounts = deps.clients.github.authenticated ? await dueForDailyCounts(batch.repos, deps) : new Set<string>();
    const results = await deps.clients.github.fetchRepositories(batch.repos, { withCounts });
    const observedAt = deps.now();
    return toOutcome('github_repo', results, (requested, repo) => toObservation(requested, repo, observedAt), 'GitHub');
  },
};

/**
 * The repositories with no `watchers` sample yet this UTC day (new ones, the first
 * round of the day, or those whose counts failed earlier today). Watchers and open
 * issues are GraphQL connections, which double a batch's rate-limit cost (2 points
 * per 100 repositories instead of 1), and they move slowly: once a day is enough.
 */
export async function dueForDailyCounts(repos: readonly string[], deps: Pick<JobDeps, 'sampledSince' | 'now'>): Promise<Set<string>> {
  const counted = await deps.sampledSince({ kind: 'github_repo', metric: 'watchers', keys: repos, since: startOfUtcDay(deps.now()) });
  return new Set(repos.filter((repo) => !counted.has(repo)));
}

/**
 * Only the figures asked for: a round without the daily counts stores stars and forks.
 * A count asked for but refused by GitHub stays `undefined`: a failure of that metric.
 */
export function toObservation(requested: string, repo: RepositorySnapshot, observedAt: Date): PartialObservation {
  const metrics: Record<string, number | undefined> = { stars: repo.stars, forks: repo.forks };
  if (repo.watchers !== null) metrics.watchers = repo.watchers;
  if (repo.openIssues !== null) metrics.open_issues = repo.openIssues;
  return {
    kind: 'github_repo',
    key: repo.fullName,
    label: repo.fullName,
    externalId: String(repo.databaseId),
    configuredKey: requested,
    metrics,
    observedAt,
  };
}
