import type { PartialObservation } from '../../observation.ts';
import type { RepositorySnapshot } from './github-types.ts';

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
