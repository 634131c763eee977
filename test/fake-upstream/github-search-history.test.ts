// Searches with a history: `created:` qualifiers answered by REST and GraphQL alike.
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';

const DAY = 86_400_000;
const FIRST = Date.UTC(2026, 0, 1);
let clock = Date.UTC(2026, 11, 2, 12);
let up: FakeUpstream;
let octokit: Octokit;

/** 100 repositories created on each day from 2026-01-01 (whole days only: counts move at midnight). */
const createdBy = (t: number) => Math.max(0, Math.floor((t - FIRST) / DAY)) * 100;

beforeAll(async () => {
  up = await startFakeUpstream({ now: () => clock });
  up.github.addToken('ghp_history', { searchLimit: 1_000 });
  octokit = new Octokit({ baseUrl: up.github.url, auth: 'ghp_history' });
  up.github.setSearchHistory('Stable  Diffusion', createdBy);
  up.github.setSearchCount('stable diffusion created:<=2026-02-01', 7, { incomplete: true });
});
afterAll(() => up.close());

const rest = async (q: string) => (await octokit.rest.search.repos({ q, per_page: 1 })).data;
async function graphql(queries: string[]): Promise<number[]> {
  const aliases = queries.map((q, i) => `s${i}: search(query: ${JSON.stringify(q)}, type: REPOSITORY, first: 1) { repositoryCount }`);
  const data = await octokit.graphql<Record<string, { repositoryCount: number }>>(`{ ${aliases.join('\n')} }`);
  return queries.map((_, i) => data[`s${i}`]?.repositoryCount ?? -1);
}

describe('a search with a history', () => {
  const queries: [string, number][] = [
    ['stable diffusion created:<=2026-01-31', 3_100], // created by the end of January 31st: 31 days
    ['stable diffusion created:<2026-01-31', 3_000],
    ['stable diffusion created:*..2026-01-10', 1_000],
    ['stable diffusion created:2026-01-05..2026-01-06', 200],
    ['stable diffusion created:2026-01-05', 100],
    ['stable diffusion created:>=2026-11-30', 200], // up to now: the 30th and the 1st (today's count at midnight)
    ['created:>2026-11-30 STABLE diffusion', 100], // any case, the qualifier anywhere
    ['stable diffusion created:<=2030-01-01', 33_500], // nothing is created in the future
    ['stable diffusion', 33_500],
    ['stable diffusion created:2026-02-30', 0], // no such day
    ['stable diffusion created:<=2026-01-31 created:>=2026-01-01', 0], // one qualifier only
    ['stable', 0],
  ];

  it('answers each created: form from the history, the same over REST and GraphQL', async () => {
    const viaRest = [];
    for (const [q] of queries) viaRest.push((await rest(q)).total_count);
    expect(viaRest).toEqual(queries.map(([, count]) => count));
    expect(await graphql(queries.map(([q]) => q))).toEqual(queries.map(([, count]) => count));
  });

  it('moves with the fake clock', async () => {
    clock += 2 * DAY;
    expect(await graphql(['stable diffusion', 'stable diffusion created:<=2026-12-02'])).toEqual([33_700, 33_600]);
  });

  it('leaves exact strings given to setSearchCount as they were, incomplete flag included', async () => {
    expect(await rest('stable diffusion created:<=2026-02-01')).toMatchObject({ total_count: 7, incomplete_results: true });
    expect(await rest('stable diffusion created:<=2026-02-02')).toMatchObject({ total_count: 3_300, incomplete_results: false });
  });
});
