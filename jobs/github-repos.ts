import { chunks } from './chunks.ts';
import { REPOSITORIES_PER_QUERY } from './clients/github.ts';
import type { RepositorySnapshot } from './clients/github-types.ts';
import { type Observation, toOutcome } from './observation.ts';
import type { SourceJob } from './source-job.ts';

export interface GitHubReposBatch {
  repos: string[];
}

/** Stars, forks, watchers and open issues of the configured repositories. */
export const githubReposJob: SourceJob<GitHubReposBatch> = {
  source: 'github-repos',
  plan: (config) => chunks(config.github.repos, REPOSITORIES_PER_QUERY).map((repos) => ({ repos })),
  subjects: (batch) => batch.repos,
  async collect(batch, { clients, now }) {
    const results = await clients.github.fetchRepositories(batch.repos);
    const observedAt = now();
    return toOutcome('github_repo', results, (requested, repo) => toObservation(requested, repo, observedAt));
  },
};

export function toObservation(requested: string, repo: RepositorySnapshot, observedAt: Date): Observation {
  const metrics: Record<string, number> = { stars: repo.stars, forks: repo.forks, watchers: repo.watchers };
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
