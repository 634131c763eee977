// The no-token path: REST calls, with ETag conditional requests for repositories.
import { RequestError } from '@octokit/request-error';
import { z } from 'zod';
import { fromOctokitError, type GitHubOctokit } from './github-octokit.ts';
import type { RepositorySnapshot } from './github-types.ts';
import { SourceError } from '../../clients/source-error.ts';

/** Remembers the last answer per URL with its ETag: a 304 is free of rate limit but has no body. */
export interface EtagCache {
  get(key: string): Promise<{ etag: string; body: unknown } | undefined>;
  set(key: string, etag: string, body: unknown): Promise<void>;
}

const restRepository = z.object({
  id: z.number().int(),
  full_name: z.string(),
  stargazers_count: z.number().int(),
  forks_count: z.number().int(),
  subscribers_count: z.number().int(),
  archived: z.boolean(),
});

const cachedSnapshot = z.object({
  databaseId: z.number().int(),
  fullName: z.string(),
  stars: z.number().int(),
  forks: z.number().int(),
  watchers: z.number().int(),
  openIssues: z.null(),
  archived: z.boolean(),
});

/** `GET /repos/{owner}/{repo}`, conditional on the cached ETag; GitHub's 301 for a renamed repo is followed. */
export async function fetchRepositoryRest(
  octokit: GitHubOctokit,
  fullName: string,
  cache: EtagCache,
): Promise<RepositorySnapshot> {
  const [owner = '', repo = ''] = fullName.split('/');
  const cacheKey = `GET /repos/${fullName.toLowerCase()}`;
  const cached = await cache.get(cacheKey);
  const cachedBody = cached && cachedSnapshot.safeParse(cached.body);
  try {
    const response = await octokit.rest.repos.get({
      owner,
      repo,
      headers: cached && cachedBody?.success ? { 'if-none-match': cached.etag } : {},
    });
    const parsed = restRepository.safeParse(response.data);
    if (!parsed.success) throw new SourceError('parse', `unexpected answer for ${fullName}: ${parsed.error.issues[0]?.message}`);
    const snapshot: RepositorySnapshot = {
      databaseId: parsed.data.id,
      fullName: parsed.data.full_name,
      stars: parsed.data.stargazers_count,
      forks: parsed.data.forks_count,
      watchers: parsed.data.subscribers_count,
      // open_issues_count includes pull requests; issues alone need GraphQL (a token).
      openIssues: null,
      archived: parsed.data.archived,
    };
    const etag = response.headers.etag;
    if (etag) await cache.set(cacheKey, etag, snapshot);
    return snapshot;
  } catch (error) {
    if (error instanceof RequestError && error.status === 304 && cachedBody?.success) return cachedBody.data;
    throw fromOctokitError(error);
  }
}

const searchAnswer = z.object({ total_count: z.number().int(), incomplete_results: z.boolean() });

/** `GET /search/repositories?q=...&per_page=1`: only the count is read. */
export async function countRepositoriesRest(octokit: GitHubOctokit, query: string): Promise<number> {
  try {
    const response = await octokit.rest.search.repos({ q: query, per_page: 1 });
    const parsed = searchAnswer.safeParse(response.data);
    if (!parsed.success) throw new SourceError('parse', `unexpected search answer for "${query}"`);
    if (parsed.data.incomplete_results) {
      throw new SourceError('incomplete', `GitHub marked the count for "${query}" incomplete (the search timed out); not stored`);
    }
    return parsed.data.total_count;
  } catch (error) {
    throw fromOctokitError(error);
  }
}
