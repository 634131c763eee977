// The REST paths of the GitHub client (no token) against answers GitHub really gave,
// replayed over HTTP, and the same expectations against the fake GitHub, whose
// answers must carry the recorded fields.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../../../jobs/sources/github/github-client.ts';
import type { EtagCache } from '../../../../jobs/sources/github/github-rest.ts';
import { startFakeUpstream } from '../../../fake-upstream/index.ts';
import { type RecordedAnswer, readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';

const FIXTURES = {
  repository: 'github/get-repository.json',
  notFound: 'github/get-repository-not-found.json',
  moved: 'github/rename-repository-moved.json',
  movedTo: 'github/rename-repository-by-id.json',
  search: 'github/search-repositories.json',
} as const;
type Recorded = Record<keyof typeof FIXTURES, RecordedAnswer>;

const REPOSITORY = 'octokit-fixture-org/hello-world';
const RENAMED_FROM = 'octokit-fixture-org/rename-repository';
const RENAMED_TO = 'octokit-fixture-org/rename-repository-newname';
const QUERY = 'stars:>=10';
/** The recorded search's total_count. */
const SEARCH_COUNT = 775_871;

/** Where a scenario is served: a base URL for the client, and the paths it was asked. */
interface Served {
  url: string;
  paths(): string[];
  close(): Promise<void>;
}
type Scenario = 'repository' | 'notFound' | 'renamed' | 'search' | 'searchIncomplete';

/** The recorded answers, replayed; the 301's location is aimed at the replay server. */
async function replay(recorded: Recorded, scenario: Scenario): Promise<Served> {
  const answers: Record<Scenario, RecordedAnswer[]> = {
    repository: [recorded.repository],
    notFound: [recorded.notFound],
    renamed: [structuredClone(recorded.moved), recorded.movedTo],
    search: [recorded.search],
    // No recorded answer with incomplete_results true was found: the recorded one with the flag set.
    searchIncomplete: [withBody(recorded.search, { ...(recorded.search.response.body as object), incomplete_results: true })],
  };
  const server = await serveRecorded(answers[scenario]);
  for (const answer of answers[scenario]) {
    const location = answer.response.headers.location;
    if (location) answer.response.headers.location = `${server.url}${new URL(location).pathname}`;
  }
  return { url: server.url, paths: () => server.requests.map((r) => r.path), close: server.close };
}

/** The fake GitHub holding the same repositories and counts as the recordings. */
async function fake(scenario: Scenario): Promise<Served> {
  const up = await startFakeUpstream();
  const counts = { stars: 42, forks: 42, subscribers: 42, openIssues: 40, openPullRequests: 2 };
  if (scenario === 'repository') up.github.addRepo({ id: 1000, fullName: REPOSITORY, ...counts });
  if (scenario === 'renamed') {
    up.github.addRepo({ id: 1000, fullName: RENAMED_FROM, ...counts });
    up.github.renameRepo(RENAMED_FROM, RENAMED_TO);
  }
  if (scenario === 'search') up.github.setSearchCount(QUERY, SEARCH_COUNT);
  if (scenario === 'searchIncomplete') up.github.setSearchCount(QUERY, SEARCH_COUNT, { incomplete: true });
  return { url: up.github.url, paths: () => up.requests.map((r) => r.path), close: up.close };
}

function withBody(answer: RecordedAnswer, body: unknown): RecordedAnswer {
  return { ...answer, response: { ...answer.response, body } };
}

function memoryEtagCache(): EtagCache {
  const entries = new Map<string, { etag: string; body: unknown }>();
  return { get: async (key) => entries.get(key), set: async (key, etag, body) => void entries.set(key, { etag, body }) };
}

const anonymousClient = (baseUrl: string): GitHubClient =>
  testGitHubClient(baseUrl, { etagCache: memoryEtagCache(), retry: { retries: 0 } });

let recorded: Recorded;
beforeAll(async () => {
  const entries = await Promise.all(Object.entries(FIXTURES).map(async ([name, file]) => [name, await readRecorded(file)] as const));
  recorded = Object.fromEntries(entries) as Recorded;
});

describe.each([
  { world: 'recorded GitHub answers', serve: (scenario: Scenario) => replay(recorded, scenario) },
  { world: 'the fake GitHub', serve: fake },
])('GitHub REST client against $world', ({ serve }) => {
  const within = async (scenario: Scenario, check: (client: GitHubClient, served: Served) => Promise<void>) => {
    const served = await serve(scenario);
    try {
      await check(anonymousClient(served.url), served);
    } finally {
      await served.close();
    }
  };

  it('reads a repository: watchers are subscribers, no issue count without GraphQL', () =>
    within('repository', async (client, served) => {
      const result = (await client.fetchRepositories([REPOSITORY], { withCounts: new Set() })).get(REPOSITORY);
      expect(result).toEqual({
        ok: true,
        value: { databaseId: 1000, fullName: REPOSITORY, stars: 42, forks: 42, watchers: 42, openIssues: null, archived: false },
      });
      expect(served.paths()).toEqual([`/repos/${REPOSITORY}`]);
    }));

  it('follows the 301 of a renamed repository to its id and reads the new name', () =>
    within('renamed', async (client, served) => {
      const result = (await client.fetchRepositories([RENAMED_FROM], { withCounts: new Set() })).get(RENAMED_FROM);
      expect(result).toMatchObject({ ok: true, value: { databaseId: 1000, fullName: RENAMED_TO, stars: 42 } });
      expect(served.paths()).toEqual([`/repos/${RENAMED_FROM}`, '/repositories/1000']);
    }));

  it('fails a missing repository as not_found, without a retry', () =>
    within('notFound', async (client, served) => {
      const result = (await client.fetchRepositories(['foo/bar'], { withCounts: new Set() })).get('foo/bar');
      expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', status: 404 } });
      expect(served.paths()).toEqual(['/repos/foo/bar']);
    }));

  it("counts a search from total_count, through countRepositories and recountRepositories", () =>
    within('search', async (client, served) => {
      expect((await client.countRepositories([QUERY])).get(QUERY)).toEqual({ ok: true, value: SEARCH_COUNT });
      expect((await client.recountRepositories([QUERY])).get(QUERY)).toEqual({ ok: true, value: SEARCH_COUNT });
      expect(served.paths()).toEqual(['/search/repositories', '/search/repositories']);
    }));

  it('fails a count GitHub marks incomplete_results as incomplete', () =>
    within('searchIncomplete', async (client) => {
      for (const answer of [await client.countRepositories([QUERY]), await client.recountRepositories([QUERY])]) {
        expect(answer.get(QUERY)).toMatchObject({ ok: false, error: { kind: 'incomplete' } });
      }
    }));
});

/**
 * Fields a recorded answer has that the fake may leave out: present only for callers
 * with admin rights on the repository (rename-repository was recorded with such a token).
 */
const ADMIN_ONLY = new Set(['permissions', 'temp_clone_token', 'allow_squash_merge', 'allow_merge_commit', 'allow_rebase_merge', 'delete_branch_on_merge']);

/** Recorded fields missing from the fake's answer, or of another JSON type (nulls aside), by path. */
function shapeDifferences(recordedValue: unknown, fakeValue: unknown, path = '$'): string[] {
  if (Array.isArray(recordedValue)) {
    if (!Array.isArray(fakeValue)) return [`${path}: not an array`];
    return recordedValue.length > 0 && fakeValue.length > 0 ? shapeDifferences(recordedValue[0], fakeValue[0], `${path}[0]`) : [];
  }
  if (recordedValue === null || fakeValue === null || typeof recordedValue !== 'object') {
    return recordedValue !== null && fakeValue !== null && typeof recordedValue !== typeof fakeValue ? [`${path}: ${typeof fakeValue}`] : [];
  }
  if (typeof fakeValue !== 'object' || Array.isArray(fakeValue)) return [`${path}: not an object`];
  return Object.entries(recordedValue as Record<string, unknown>)
    .filter(([key]) => !ADMIN_ONLY.has(key))
    .flatMap(([key, value]) => (key in fakeValue ? shapeDifferences(value, (fakeValue as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`]));
}

describe("the fake GitHub's REST answers carry the recorded fields", () => {
  const cases: { fixture: keyof typeof FIXTURES; scenario: Scenario; path: string; status: number }[] = [
    { fixture: 'repository', scenario: 'repository', path: `/repos/${REPOSITORY}`, status: 200 },
    { fixture: 'movedTo', scenario: 'renamed', path: '/repositories/1000', status: 200 },
    { fixture: 'moved', scenario: 'renamed', path: `/repos/${RENAMED_FROM}`, status: 301 },
    { fixture: 'notFound', scenario: 'notFound', path: '/repos/foo/bar', status: 404 },
    { fixture: 'search', scenario: 'search', path: `/search/repositories?q=${encodeURIComponent(QUERY)}&per_page=1`, status: 200 },
  ];

  it.each(cases)('$fixture', async ({ fixture, scenario, path, status }) => {
    const served = await fake(scenario);
    try {
      const response = await fetch(`${served.url}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(status);
      expect(recorded[fixture].response.status).toBe(status);
      expect(shapeDifferences(recorded[fixture].response.body, await response.json())).toEqual([]);
      if (status === 301) expect(new URL(response.headers.get('location') ?? '').pathname).toBe('/repositories/1000');
    } finally {
      await served.close();
    }
  });
});
