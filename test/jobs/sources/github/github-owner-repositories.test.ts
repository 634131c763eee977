// `github.orgs`' listing against answers GitHub really gave (a user's first page of
// repositories, and the null owner of an unknown login), and the fake GitHub's
// `repositoryOwner` / `organization` checked against the same recordings and GitHub's rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../../../jobs/clients/source-error.ts';
import { buildOwnerRepositoriesQuery, listOwnerRepositories, readOwnerRepositoriesPage } from '../../../../jobs/sources/github/github-owner-repositories.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';
import { type RecordedAnswer, readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

const TOKEN = 'ghp_ownerrepositoriestoken00000000000001';

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { type?: string; path?: (string | number)[]; locations?: unknown; message: string }[];
}

async function askFake(up: FakeUpstream, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: GraphqlBody; headers: Headers }> {
  const response = await fetch(`${up.github.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlBody, headers: response.headers };
}

const client = (baseUrl: string) => testGitHubClient(baseUrl, { tokens: [TOKEN], retry: { retries: 0 } });

async function allPages(baseUrl: string, login: string) {
  const pages = [];
  for await (const page of client(baseUrl).listOwnerRepositories(login)) pages.push(page);
  return pages;
}

describe('listing an owner\'s repositories', () => {
  let page: RecordedAnswer;
  let nullOwner: RecordedAnswer;
  let up: FakeUpstream;

  beforeAll(async () => {
    [page, nullOwner] = await Promise.all([readRecorded('github/graphql-repository-owner.json'), readRecorded('github/graphql-repository-owner-null.json')]);
    up = await startFakeUpstream();
    up.github.addToken(TOKEN);
    up.github.addOwner('helloRupa', 'User');
    // The recorded figures of the first three, with ids of our own (not recorded).
    up.github.addRepo({ id: 301, fullName: 'helloRupa/react-lifecycle-activity', stars: 0, forks: 9, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    up.github.addRepo({ id: 302, fullName: 'helloRupa/react-pets-activity', stars: 0, forks: 0, subscribers: 1, openIssues: 0, openPullRequests: 0 });
    up.github.addRepo({ id: 303, fullName: 'helloRupa/code-convo-form', stars: 0, forks: 0, subscribers: 1, openIssues: 0, openPullRequests: 0, archived: true });
    up.github.addRepo({ id: 304, fullName: 'helloRupa/a-fork', stars: 5, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0, fork: true });
    up.github.addRepo({ id: 305, fullName: 'helloRupa/secret', stars: 5, forks: 0, subscribers: 0, openIssues: 0, openPullRequests: 0, private: true });
    for (let i = 0; i < 230; i++) up.github.addRepo({ id: 1000 + i, fullName: `big-org/repo-${i}`, stars: i, forks: 1, subscribers: 2, openIssues: 3, openPullRequests: 0 });
  });
  afterAll(async () => {
    await up.close();
  });

  it('the fake answers an unknown login exactly as recorded: repositoryOwner null, no errors', async () => {
    const { status, body } = await askFake(up, buildOwnerRepositoriesQuery('no-such-login', undefined).query, { login: 'no-such-login' });
    expect(status).toBe(nullOwner.response.status);
    expect(body).toEqual(nullOwner.response.body);
  });

  it('the client reads that recorded null as not_found, after one request', async () => {
    const replay = await serveRecorded([nullOwner]);
    try {
      const failure = await allPages(replay.url, 'no-such-login').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SourceError);
      expect(failure).toMatchObject({ kind: 'not_found', message: expect.stringContaining("'no-such-login'") });
      expect(replay.requests).toHaveLength(1);
    } finally {
      await replay.close();
    }
  });

  it('the recorded page lacks the identity our query asks for: its nodes are unreadable, nothing is made up, and the next page is asked', async () => {
    const recorded = readOwnerRepositoriesPage('helloRupa', (page.response.body as GraphqlBody).data);
    expect(recorded).toEqual({ repositories: [], unreadable: 10, next: 'Y3Vyc29yOnYyOpK5MjAyMC0xMC0wNlQxNDowNjo0NC0wNzowMM4R-Vj9' });
  });

  it('the fake answers the recorded query\'s fields with the recorded keys and figures', async () => {
    const recordedQuery = `query ($username: String!, $endCursor: String) { repositoryOwner(login: $username) { login ... on User { url }
      repositories(first: 10, after: $endCursor) { totalCount nodes { name createdAt description forkCount url updatedAt watchers { totalCount } stargazerCount } pageInfo { endCursor hasNextPage } } } }`;
    const { body } = await askFake(up, recordedQuery, { username: 'helloRupa' });
    expect(body.errors).toBeUndefined();
    expect(keyPaths(body)).toEqual(keyPaths(page.response.body));
    const nodes = (body.data?.repositoryOwner as { repositories: { nodes: Record<string, unknown>[] } }).repositories.nodes;
    // Without filters a member's token sees all five; the recorded figures come back for the recorded three.
    expect(nodes.map((node) => node.name)).toEqual(['react-lifecycle-activity', 'react-pets-activity', 'code-convo-form', 'a-fork', 'secret']);
    const recordedNodes = ((page.response.body as GraphqlBody).data?.repositoryOwner as { repositories: { nodes: Record<string, unknown>[] } }).repositories.nodes;
    for (const i of [0, 1, 2]) {
      expect(nodes[i]).toMatchObject({ forkCount: recordedNodes[i]?.forkCount, stargazerCount: recordedNodes[i]?.stargazerCount, watchers: recordedNodes[i]?.watchers });
    }
  });

  it('our query leaves out forks and private repositories, keeps archived ones, and reads each node as a configured repository is read', async () => {
    const [only, ...more] = await allPages(up.github.url, 'HELLORUPA');
    expect(more).toEqual([]);
    expect(only).toEqual({
      unreadable: 0,
      next: undefined,
      repositories: [
        { databaseId: 301, fullName: 'helloRupa/react-lifecycle-activity', stars: 0, forks: 9, watchers: null, openIssues: null, archived: false },
        { databaseId: 302, fullName: 'helloRupa/react-pets-activity', stars: 0, forks: 0, watchers: null, openIssues: null, archived: false },
        { databaseId: 303, fullName: 'helloRupa/code-convo-form', stars: 0, forks: 0, watchers: null, openIssues: null, archived: true },
      ],
    });
  });

  it('pages a large owner 100 at a time, each page 1 point, with the rate-limit headers GitHub sends', async () => {
    const used = up.github.rateLimit(TOKEN).graphql.used;
    up.clearRequests();
    const pages = await allPages(up.github.url, 'big-org');
    expect(pages.map((one) => one.repositories.length)).toEqual([100, 100, 30]);
    expect(new Set(pages.flatMap((one) => one.repositories.map((repo) => repo.databaseId))).size).toBe(230);
    expect(up.github.rateLimit(TOKEN).graphql.used - used).toBe(3);
    const sent = up.requests.filter((r) => r.path === '/graphql').map((r) => JSON.parse(r.body) as { variables: Record<string, string> });
    expect(sent.map((body) => body.variables.after === undefined)).toEqual([true, false, false]);
    const { headers } = await askFake(up, buildOwnerRepositoriesQuery('big-org', undefined).query, { login: 'big-org' });
    expect(headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(headers.get('x-ratelimit-remaining'))).toBe(5000 - (used + 4));
  });

  it('stops at the page limit and says the listing is incomplete', async () => {
    const graphql = async (document: { query: string; variables: Record<string, string> }) => {
      const { body } = await askFake(up, document.query, document.variables);
      return { data: body.data, errors: body.errors };
    };
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const one of listOwnerRepositories(graphql, 'big-org', 2)) seen.push(one.repositories.length);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([100, 100]);
    expect(failure).toMatchObject({ kind: 'incomplete', message: expect.stringContaining('more than 200') });
  });

  it('the fake refuses what GitHub refuses: a bad cursor, no page size, more than 100, and an organization() that is a user or unknown', async () => {
    const owner = (args: string) => `query { repositoryOwner(login: "big-org") { repositories(${args}) { totalCount } } }`;
    const cursor = await askFake(up, owner('first: 5, after: "invalid cursor"'));
    expect(cursor.body).toMatchObject({ data: { repositoryOwner: null }, errors: [{ type: 'INVALID_CURSOR_ARGUMENTS', path: ['repositoryOwner', 'repositories'], message: '`invalid cursor` does not appear to be a valid cursor.' }] });
    expect((await askFake(up, owner('isFork: false'))).body.errors?.[0]).toMatchObject({ type: 'MISSING_PAGINATION_BOUNDARIES' });
    expect((await askFake(up, owner('first: 101'))).body.errors?.[0]).toMatchObject({ type: 'EXCESSIVE_PAGINATION' });

    const organization = (login: string) => askFake(up, `query { organization(login: "${login}") { login repositories(first: 1) { totalCount } } }`);
    for (const login of ['helloRupa', 'nobody-here']) {
      const { body } = await organization(login);
      expect(body).toEqual({
        data: { organization: null },
        errors: [{ type: 'NOT_FOUND', path: ['organization'], locations: [{ line: 1, column: 9 }], message: `Could not resolve to an Organization with the login of '${login}'.` }],
      });
    }
    expect((await organization('BIG-ORG')).body).toEqual({ data: { organization: { login: 'big-org', repositories: { totalCount: 230 } } } });
  });
});
