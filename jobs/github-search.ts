import { chunks } from './chunks.ts';
import { SEARCHES_PER_QUERY } from './clients/github.ts';
import { toOutcome } from './observation.ts';
import type { SourceJob } from './source-job.ts';

export interface GitHubSearchBatch {
  searches: { query: string; label: string }[];
}

/** GraphQL requests per job: enough to amortise a job, small enough to retry cheaply. */
const REQUESTS_PER_JOB = 5;

/** Repository counts of the configured keyword searches. */
export const githubSearchJob: SourceJob<GitHubSearchBatch> = {
  source: 'github-search',
  plan: (config) => chunks(config.github.searches, SEARCHES_PER_QUERY * REQUESTS_PER_JOB).map((searches) => ({ searches })),
  subjects: (batch) => batch.searches.map((search) => search.query),
  async collect(batch, { clients, now }) {
    const labels = new Map(batch.searches.map((search) => [search.query, search.label]));
    const results = await clients.github.countRepositories([...labels.keys()]);
    const observedAt = now();
    return toOutcome('github_search', results, (query, count) => ({
      kind: 'github_search',
      key: query,
      label: labels.get(query) ?? query,
      configuredKey: query,
      metrics: { repositories: count },
      observedAt,
    }));
  },
};
