import { chunks } from '../../chunks.ts';
import { toOutcome } from '../../observation.ts';
import { defineSource } from '../source.ts';
import { lowerCase, nameList } from '../watchlist.ts';
import { checkGithubRepo } from './github-names.ts';
import { githubUpstream } from './github-upstream.ts';

export interface GitHubReleasesBatch {
  repos: string[];
}

/**
 * Repositories per job. A repository costs a request and a point per 100 releases
 * (llama.cpp: about 50), so a job holds few: a failed job is cheap to retry, and a
 * worker's jobs interleave with the other GitHub sources'.
 */
const REPOS_PER_JOB = 10;

/**
 * Release downloads of the repositories listed under `github.releases`: opt-in, as a
 * repository with thousands of releases costs a request per 100 of them. Stored on the
 * same `github_repo` subject as its stars (same key, same databaseId). GitHub keeps no
 * history of download counts, so there is no backfill.
 */
export const githubReleasesSource = defineSource({
  source: 'github-releases',
  upstream: githubUpstream,
  kinds: [
    {
      name: 'github_repo',
      title: 'GitHub repositories',
      metrics: [{ name: 'release_downloads', title: 'release downloads', unit: 'downloads' }],
      configuredIn: 'github.releases',
      listed: (watchlist) => watchlist.releases,
      find: (watchlist, key) => watchlist.releases.find((repo) => lowerCase(repo) === lowerCase(key)),
    },
  ],
  watchlist: {
    section: 'github',
    shape: { releases: nameList('github.releases', checkGithubRepo, lowerCase) },
    defaultYaml: `
  # Downloads of release assets, summed over every release (owner/name). Opt-in: a
  # repository costs one request per 100 releases, and llama.cpp has thousands.
  releases:
    - ggml-org/llama.cpp            # llama.cpp
`,
  },
  // Daily, after the other daily GitHub rounds (00:10 searches) and the registries.
  defaultSchedule: '5 1 * * *',
  plan: (watchlist): GitHubReleasesBatch[] => chunks(watchlist.releases, REPOS_PER_JOB).map((repos) => ({ repos })),
  subjects: (batch) => batch.repos,
  async collect(batch, deps) {
    // GraphQL only: without a token nothing is asked and nothing fails; the GitHub advice at start says so.
    if (!deps.client.authenticated) return { observations: [], failures: [] };
    const results = await deps.client.releaseDownloads(batch.repos);
    const observedAt = deps.now();
    return toOutcome(
      'github_repo',
      results,
      (requested, repo) => ({
        kind: 'github_repo',
        key: repo.fullName,
        label: repo.fullName,
        externalId: String(repo.databaseId),
        configuredKey: requested,
        metrics: { release_downloads: repo.downloads },
        observedAt,
      }),
      'GitHub',
    );
  },
});
