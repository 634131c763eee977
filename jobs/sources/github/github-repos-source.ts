import { startOfUtcDay } from '../../utc-days.ts';
import { toObservation } from './github-repo-observation.ts';
import { toOutcome } from '../../observation.ts';
import type { JobDeps } from '../../source-job.ts';
import { defineSource } from '../source.ts';
import { lowerCase, nameList } from '../watchlist.ts';
import { starsBackfillJob } from './backfill-stars.ts';
import { checkGithubOwner, checkGithubRepo } from './github-names.ts';
import { collectOwnerBatch, type GitHubReposBatch, ownerKey, planGithubRepos } from './github-org-batch.ts';
import { githubUpstream } from './github-upstream.ts';

export type { GitHubReposBatch } from './github-org-batch.ts';

/**
 * Stars and forks of the configured repositories, and of every public, non-fork
 * repository of the listed owners (`github.orgs`), every round; watchers and open
 * issues once a day.
 */
export const githubReposSource = defineSource({
  source: 'github-repos',
  upstream: githubUpstream,
  kinds: [
    {
      name: 'github_repo',
      title: 'GitHub repositories',
      metrics: [
        { name: 'stars', title: 'stars', unit: 'stars' },
        { name: 'forks', title: 'forks', unit: 'forks' },
        { name: 'watchers', title: 'watchers', unit: 'watchers' },
        { name: 'open_issues', title: 'open issues', unit: 'open issues', level: true },
      ],
      configuredIn: 'github.repos or github.orgs',
      listed: (watchlist) => watchlist.repos,
      find(watchlist, key) {
        const listed = watchlist.repos.find((repo) => lowerCase(repo) === lowerCase(key));
        if (listed !== undefined) return listed;
        // Any repository of a listed owner is configured, under its own spelling.
        const owner = lowerCase(key.split('/')[0] ?? '');
        return watchlist.orgs.some((org) => lowerCase(org) === owner) && checkGithubRepo(key) === undefined ? key : undefined;
      },
    },
  ],
  watchlist: {
    section: 'github',
    shape: { repos: nameList('github.repos', checkGithubRepo, lowerCase), orgs: nameList('github.orgs', checkGithubOwner, lowerCase) },
    defaultYaml: `
  # Stars, forks, watchers and open issues of these repositories (owner/name).
  repos:
    - meta-llama/llama              # LLaMA
    - THUDM/ChatGLM-6B              # ChatGLM
    - THUDM/ChatGLM2-6B
    - QwenLM/Qwen                   # Qwen
    - baichuan-inc/Baichuan-7B      # Baichuan
    - baichuan-inc/Baichuan2
    - xverse-ai/XVERSE-13B          # XVERSE
    - OpenMOSS/MOSS                 # MOSS
    - FlagAI-Open/FlagAI            # Aquila
    - mosaicml/llm-foundry          # MPT
    - databrickslabs/dolly          # Dolly
    - openlm-research/open_llama    # OpenLLaMA
    - BlinkDL/RWKV-LM               # RWKV
    - CompVis/stable-diffusion      # Stable Diffusion
    - Stability-AI/stablediffusion
  # The same figures of every public, non-fork repository of these organisations (or
  # users), listed afresh each round; one that leaves them is no longer collected, its
  # history stays. Needs GITHUB_TOKEN (GitHub GraphQL).
  orgs:
    - THUDM                         # ChatGLM, CogVLM, GLM-4, ...
`,
  },
  defaultSchedule: '0 */6 * * *',
  backfill: starsBackfillJob,
  plan: (watchlist): GitHubReposBatch[] => planGithubRepos(watchlist),
  subjects: (batch) => ('repos' in batch ? batch.repos : [ownerKey(batch.owner), ...batch.wanted]),
  async collect(batch, deps) {
    if (!('repos' in batch)) return collectOwnerBatch(batch, deps, (keys) => dueForDailyCounts(keys, deps));
    // Without a token, REST answers watchers with every repository anyway (and no issue count).
    const withCounts = deps.client.authenticated ? await dueForDailyCounts(batch.repos, deps) : new Set<string>();
    const results = await deps.client.fetchRepositories(batch.repos, { withCounts });
    const observedAt = deps.now();
    return toOutcome('github_repo', results, (requested, repo) => toObservation(requested, repo, observedAt), 'GitHub');
  },
});

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
