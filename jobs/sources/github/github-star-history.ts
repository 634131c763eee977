// GitHub's stars history (since 2026-09-04): weekly buckets of the stars still held,
// by day of acquisition, newest week first. The stargazer list with `starred_at` is
// admin-only since 2026-06-30, so this is the one public source of star history.
import { z } from 'zod';
import { fromOctokitError, type GitHubOctokit } from './github-octokit.ts';
import { nextLink } from '../../clients/link-header.ts';
import { SourceError } from '../../clients/source-error.ts';

/** One week: `week` is the Unix time (seconds) of its first day, a Sunday; `days` the stars acquired each day from it. */
export interface StarWeek {
  week: number;
  days: number[];
}

/** The weeks fetched for one repository, and whether GitHub's page limit ended them early. */
export interface StarHistory {
  /** Newest first, back to the week containing `since`, or to the repository's first star. */
  weeks: StarWeek[];
  /**
   * Set when the last page GitHub serves (page 100) still did not reach `since`: the
   * oldest week served (Unix seconds). Totals of days before it cannot be reconstructed.
   */
  cutShortAt?: number;
}

/** The API version that serves the endpoint (optional: the path is in 2022-11-28 too, with the same answer). */
export const STAR_HISTORY_API_VERSION = '2026-03-10';
/** The endpoint's maximum page size, in weeks: GitHub answers 422 above it. */
export const STAR_HISTORY_WEEKS_PER_PAGE = 30;
/** The last page GitHub serves: a higher `page` answers 422, so the history ends there (3,000 weeks). */
export const STAR_HISTORY_MAX_PAGE = 100;

const page = z.array(z.object({ week: z.number().int(), total: z.number().int(), days: z.array(z.number().int().nonnegative()).length(7) }));

/**
 * The weeks from now back to the one containing `since`, fetching only the pages
 * needed (each page is one request and one core rate-limit point), never past the
 * last page GitHub serves.
 */
export async function fetchStarHistory(octokit: GitHubOctokit, fullName: string, since: Date): Promise<StarHistory> {
  const [owner = '', repo = ''] = fullName.split('/');
  const weeks: StarWeek[] = [];
  for (let pageNo = 1; ; pageNo++) {
    let response;
    try {
      response = await octokit.request('GET /repos/{owner}/{repo}/stargazers/history', {
        owner,
        repo,
        per_page: STAR_HISTORY_WEEKS_PER_PAGE,
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
    if (oldest === undefined || oldest * 1000 <= since.getTime()) return { weeks };
    // GitHub's links stop at the last page it serves, so a full last page may hide
    // older weeks: taken as cut short (only a history of exactly 3,000 weeks is not).
    if (pageNo === STAR_HISTORY_MAX_PAGE) return parsed.data.length < STAR_HISTORY_WEEKS_PER_PAGE ? { weeks } : { weeks, cutShortAt: oldest };
    if (nextLink((response.headers as Record<string, string | undefined>).link ?? null) === undefined) return { weeks };
  }
}
