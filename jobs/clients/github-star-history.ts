// GitHub's stars history (since 2026-09-04): weekly buckets of the stars still held,
// by day of acquisition, newest week first. The stargazer list with `starred_at` is
// admin-only since 2026-06-30, so this is the one public source of star history.
import { z } from 'zod';
import { fromOctokitError, type GitHubOctokit } from './github-octokit.ts';
import { nextLink } from './huggingface.ts';
import { SourceError } from './source-error.ts';

/** One week: `week` is the Unix time (seconds) of its first day; `days` the stars acquired each day. */
export interface StarWeek {
  week: number;
  days: number[];
}

/** The API version that serves the endpoint. */
export const STAR_HISTORY_API_VERSION = '2026-03-10';
/** The endpoint's maximum page size, in weeks. */
const WEEKS_PER_PAGE = 30;
const MAX_PAGES = 100;

const page = z.array(z.object({ week: z.number().int(), total: z.number().int(), days: z.array(z.number().int().nonnegative()).length(7) }));

/**
 * The weeks from now back to the one containing `since`, fetching only the pages
 * needed (each page is one request and one core rate-limit point).
 */
export async function fetchStarHistory(octokit: GitHubOctokit, fullName: string, since: Date): Promise<StarWeek[]> {
  const [owner = '', repo = ''] = fullName.split('/');
  const weeks: StarWeek[] = [];
  for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
    let response;
    try {
      response = await octokit.request('GET /repos/{owner}/{repo}/stargazers/history', {
        owner,
        repo,
        per_page: WEEKS_PER_PAGE,
        page: pageNo,
        headers: { 'x-github-api-version': STAR_HISTORY_API_VERSION },
      });
    } catch (error) {
      throw fromOctokitError(error);
    }
    const parsed = page.safeParse(response.data);
    if (!parsed.success) throw new SourceError('parse', `unexpected stars history for ${fullName}`);
    weeks.push(...parsed.data.map(({ week, days }) => ({ week, days })));
    const oldest = parsed.data.at(-1)?.week;
    const more = nextLink((response.headers as Record<string, string | undefined>).link ?? null) !== undefined;
    if (!more || oldest === undefined || oldest * 1000 <= since.getTime()) break;
  }
  return weeks;
}
