// `github.orgs`: an owner's repositories listed and collected in one job, as a Hugging
// Face author's models are.
//
// Why the listing is the collection, and not a list kept in the database and planned
// from: a plan is a pure function of the watchlist (it becomes queue payloads), and a
// page of 100 repositories with their stars and forks costs 1 point, what 100 named
// repositories cost. Listing once a day into the database would need the plan to read
// it, and a second request per 100 repositories every round. So every round lists the
// owner afresh: a repository that leaves it (transferred, made private, deleted) is no
// longer listed, so no longer collected, while its subject and history stay. Archived
// repositories stay listed, and collected.
import { chunks } from '../../chunks.ts';
import { SourceError, toSourceError } from '../../clients/source-error.ts';
import { type BatchOutcome, type Observation, type PartialObservation, splitMissingMetrics, type SubjectFailure, toOutcome } from '../../observation.ts';
import type { JobDeps } from '../../source-job.ts';
import { type GitHubClient, REPOSITORIES_PER_QUERY } from './github-client.ts';
import { toObservation } from './github-repo-observation.ts';
import type { RepositorySnapshot } from './github-types.ts';

/** A listed owner, with the configured repositories it is expected to hold (collected from the listing, once). */
export interface GitHubOwnerBatch {
  owner: string;
  wanted: string[];
}
export type GitHubReposBatch = { repos: string[] } | GitHubOwnerBatch;

/** The key a failure of a whole owner is recorded under, like a Hub author's `author/*`. */
export const ownerKey = (owner: string) => `${owner}/*`;

/**
 * Configured repositories in batches of 100, then one batch per listed owner. A
 * configured repository of a listed owner rides with the owner, so a round collects it
 * once (owners match whatever their case, as on GitHub).
 */
export function planGithubRepos(watchlist: { repos: string[]; orgs: string[] }): GitHubReposBatch[] {
  const owners = new Map(watchlist.orgs.map((owner): [string, GitHubOwnerBatch] => [owner.toLowerCase(), { owner, wanted: [] }]));
  const alone: string[] = [];
  for (const repo of watchlist.repos) {
    const batch = owners.get((repo.split('/')[0] ?? '').toLowerCase());
    if (batch) batch.wanted.push(repo);
    else alone.push(repo);
  }
  return [...chunks(alone, REPOSITORIES_PER_QUERY).map((repos) => ({ repos })), ...owners.values()];
}

type DueForCounts = (keys: readonly string[]) => Promise<Set<string>>;

/**
 * Lists the owner page by page. Each page's stars and forks come from the listing; the
 * repositories due for the daily watchers and open issues are asked by name, through the
 * same path as configured repositories (so a refused connection is handled the same
 * way and the figures are exactly theirs). Configured repositories the listing did not
 * hold (renamed away, transferred, forks, private, gone) are then fetched by name.
 */
export async function collectOwnerBatch(batch: GitHubOwnerBatch, deps: JobDeps<GitHubClient>, dueForCounts: DueForCounts): Promise<BatchOutcome> {
  const failures: SubjectFailure[] = [];
  // By GitHub id: one repository, one observation, even when reached twice (a configured old name of a listed repository).
  const observations = new Map<string, Observation>();
  const keep = (partial: PartialObservation) => {
    const split = splitMissingMetrics(partial, 'GitHub');
    observations.set(partial.externalId ?? partial.key, split.observation);
    failures.push(...split.failures);
  };
  const wanted = new Map(batch.wanted.map((name) => [name.toLowerCase(), name]));

  // Listing needs GraphQL, so a token: without one the owner is not listed (the GitHub
  // advice at start says so: the built-in watchlist lists an organisation, and a first
  // `collect` without a token must not fail for it); its configured repositories are still collected.
  if (deps.client.authenticated) {
    try {
      for await (const page of deps.client.listOwnerRepositories(batch.owner)) {
        const named = page.repositories.map((repo) => ({ requested: wanted.get(repo.fullName.toLowerCase()) ?? repo.fullName, repo }));
        for (const { repo } of named) wanted.delete(repo.fullName.toLowerCase());
        for (const one of await observePage(named, deps, dueForCounts)) {
          if ('metric' in one) failures.push(one);
          else keep(one);
        }
        if (page.unreadable > 0) {
          const error = new SourceError('parse', `GitHub listed ${page.unreadable} repositories of ${batch.owner} without their figures`);
          failures.push({ kind: 'github_repo', key: ownerKey(batch.owner), error });
        }
      }
    } catch (error) {
      failures.push({ kind: 'github_repo', key: ownerKey(batch.owner), error: toSourceError(error) });
    }
  }

  const missing = [...wanted.values()];
  if (missing.length > 0) {
    const due = deps.client.authenticated ? await dueForCounts(missing) : new Set<string>();
    const fetched = await deps.client.fetchRepositories(missing, { withCounts: due });
    const observedAt = deps.now();
    const outcome = toOutcome('github_repo', fetched, (requested, repo) => toObservation(requested, repo, observedAt), 'GitHub');
    // Replaces a listed entry of the same id: the configured name is kept as the alias.
    for (const observation of outcome.observations) observations.set(observation.externalId ?? observation.key, observation);
    failures.push(...outcome.failures);
  }
  return { observations: [...observations.values()], failures };
}

/** One page's observations; a due repository whose counts could not be fetched keeps the listed figures and fails those two metrics. */
async function observePage(
  named: { requested: string; repo: RepositorySnapshot }[],
  deps: JobDeps<GitHubClient>,
  dueForCounts: DueForCounts,
): Promise<(PartialObservation | (SubjectFailure & { metric: string }))[]> {
  const due = await dueForCounts(named.map(({ requested }) => requested));
  const counted = due.size > 0 ? await deps.client.fetchRepositories([...due], { withCounts: due }) : new Map();
  const observedAt = deps.now();
  return named.flatMap(({ requested, repo }) => {
    const withCounts = counted.get(requested);
    if (withCounts?.ok) return [toObservation(requested, withCounts.value, observedAt)];
    const listed = toObservation(requested, repo, observedAt);
    if (!withCounts) return [listed];
    const lost = (metric: string) => ({ kind: 'github_repo', key: requested, metric, error: withCounts.error });
    return [listed, lost('watchers'), lost('open_issues')];
  });
}
