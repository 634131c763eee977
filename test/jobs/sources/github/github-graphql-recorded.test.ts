// The GitHub GraphQL client against answers GitHub really gave, replayed over HTTP, and
// the fake GitHub's answers checked against the same recordings.
//
// The recordings answer other programs' queries, which asked `repository(...)` without
// an alias; ours asks `r0: repository(...)`. GraphQL's alias rule (the alias is the
// response key, in `data` and in the first element of an error's `path`) turns one into
// the other without touching any value: `underAlias` does only that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { type RecordedAnswer, readRecorded, type ReplayServer, serveRecorded } from '../../../helpers/recorded-answers.ts';
import { testGitHubClient } from '../../../helpers/github-client.ts';

const TOKEN = 'ghp_recordedanswerstoken0000000000000001';

interface GraphqlError {
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  message: string;
}
interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

/** The recorded answer as GitHub gives it to the same query with `repository` aliased `alias`. */
function underAlias(answer: RecordedAnswer, alias: string): RecordedAnswer {
  const body = answer.response.body as GraphqlBody;
  const renamed: GraphqlBody = {
    ...(body.data !== undefined && { data: body.data && Object.fromEntries(Object.entries(body.data).map(([key, value]) => [key === 'repository' ? alias : key, value])) }),
    ...(body.errors && { errors: body.errors.map((error) => ({ ...error, ...(error.path && { path: error.path.map((step, i) => (i === 0 && step === 'repository' ? alias : step)) }) })) }),
  };
  return { ...answer, response: { ...answer.response, body: renamed } };
}

function githubClient(baseUrl: string) {
  const warnings: string[] = [];
  const client = testGitHubClient(baseUrl, { tokens: [TOKEN], retry: { retries: 0 }, log: { debug: () => {}, warn: (msg) => warnings.push(msg) } });
  return { client, warnings };
}

/** One POST /graphql to the fake, as any client would send it. */
async function askFake(up: FakeUpstream, query: string, variables: Record<string, string> = {}): Promise<{ status: number; body: GraphqlBody }> {
  const response = await fetch(`${up.github.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlBody };
}

const sortedKeys = (value: object) => Object.keys(value).sort();

describe('GitHub GraphQL client against recorded answers', () => {
  let found: RecordedAnswer;
  let notFound: RecordedAnswer;
  let partial: RecordedAnswer;
  let up: FakeUpstream;

  beforeAll(async () => {
    [found, notFound, partial] = await Promise.all([
      readRecorded('github/graphql-repository.json'),
      readRecorded('github/graphql-not-found.json'),
      readRecorded('github/graphql-partial-error.json'),
    ]);
    up = await startFakeUpstream();
    up.github.addToken(TOKEN);
    // The recorded repository's figures (its id and watchers were not recorded), for the fake to answer the same.
    up.github.addRepo({ id: 7001, fullName: 'Alamofire/Alamofire', stars: 35831, forks: 6727, subscribers: 1000, openIssues: 30, openPullRequests: 6 });
  });
  afterAll(async () => {
    await up.close();
  });

  async function replaying<T>(answer: RecordedAnswer, work: (replay: ReplayServer) => Promise<T>): Promise<T> {
    const replay = await serveRecorded([underAlias(answer, 'r0')]);
    try {
      return await work(replay);
    } finally {
      await replay.close();
    }
  }

  describe.each([
    ['the recorded answer', 'replay'],
    ['the fake GitHub', 'fake'],
  ] as const)('a repository GitHub cannot resolve, answered by %s', (_label, source) => {
    it('is not_found with GitHub\'s message, after one request', async () => {
      const run = async (baseUrl: string, requests: () => number) => {
        const { client } = githubClient(baseUrl);
        const before = requests();
        const results = await client.fetchRepositories(['github/non-existing-repository'], { withCounts: new Set(['github/non-existing-repository']) });
        return { result: results.get('github/non-existing-repository'), requests: requests() - before };
      };
      const { result, requests } =
        source === 'replay'
          ? await replaying(notFound, (replay) => run(replay.url, () => replay.requests.length))
          : await run(up.github.url, () => up.requests.filter((r) => r.path === '/graphql').length);
      expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', message: "Could not resolve to a Repository with the name 'github/non-existing-repository'." } });
      // NOT_FOUND sits on the alias itself: not a refused connection, nothing asked again.
      expect(requests).toBe(1);
    });
  });

  it('the fake words NOT_FOUND with the recorded keys: data.alias null, errors[].type/path/locations/message', async () => {
    const recorded = underAlias(notFound, 'r0').response.body as GraphqlBody;
    const { status, body } = await askFake(up, 'query { r0: repository(owner: "github", name: "non-existing-repository") { stargazerCount } }');
    expect(status).toBe(notFound.response.status);
    expect(sortedKeys(body)).toEqual(sortedKeys(recorded));
    expect(body.data).toEqual(recorded.data);
    expect(body.errors).toHaveLength(1);
    expect(sortedKeys(body.errors![0]!)).toEqual(sortedKeys(recorded.errors![0]!));
    expect(body.errors![0]).toMatchObject({ type: 'NOT_FOUND', path: ['r0'], message: recorded.errors![0]!.message });
  });

  it('an error under another field of an alias is not taken for a refused connection', async () => {
    await replaying(partial, async (replay) => {
      const { client, warnings } = githubClient(replay.url);
      const results = await client.fetchRepositories(['probot/probot'], { withCounts: new Set(['probot/probot']) });
      // The recorded alias carries no figures of ours: the repository fails with GitHub's words.
      expect(results.get('probot/probot')).toMatchObject({ ok: false, error: { kind: 'http', message: 'GitHub GraphQL: `invalid cursor` does not appear to be a valid cursor.' } });
      expect(replay.requests).toHaveLength(1);
      expect(warnings).toEqual([]);
    });
  });

  it('the fake refuses a blocked connection with the keys of the recorded errors, one per alias, path [alias, connection]', async () => {
    up.github.blockConnection('watchers');
    try {
      const { status, body } = await askFake(
        up,
        'query Q($o: String!) { r0: repository(owner: $o, name: "Alamofire") { stargazerCount watchers { totalCount } } r1: repository(owner: $o, name: "Alamofire") { forkCount watchers { totalCount } } r2: repository(owner: $o, name: "Alamofire") { forkCount } }',
        { o: 'Alamofire' },
      );
      expect(status).toBe(200);
      expect(body.data).toEqual({ r0: null, r1: null, r2: { forkCount: 6727 } });
      const recordedKeys = [notFound, partial].map((answer) => sortedKeys((answer.response.body as GraphqlBody).errors![0]!));
      expect(recordedKeys[0]).toEqual(recordedKeys[1]);
      expect(body.errors?.map(sortedKeys)).toEqual([recordedKeys[0], recordedKeys[0]]);
      expect(body.errors?.map((error) => [error.type, error.path])).toEqual([
        ['FORBIDDEN', ['r0', 'watchers']],
        ['FORBIDDEN', ['r1', 'watchers']],
      ]);
      expect(body.errors?.[0]?.locations).toEqual([{ line: 1, column: 86 }]);
    } finally {
      up.github.unblockConnection('watchers');
    }
  });

  it('the fake refuses `stargazers` from the start, as GitHub does since mid-2026', async () => {
    const { body } = await askFake(up, 'query { r0: repository(owner: "Alamofire", name: "Alamofire") { stargazerCount stargazers { totalCount } } }');
    expect(body).toMatchObject({ data: { r0: null }, errors: [{ type: 'FORBIDDEN', path: ['r0', 'stargazers'] }] });
  });

  describe('a repository found', () => {
    const recordedRepository = () => (found.response.body as { data: { repository: Record<string, unknown> } }).data.repository;

    it('the recording lacks the identity our query asks for: the client fails that repository, it makes nothing up', async () => {
      await replaying(found, async (replay) => {
        const { client } = githubClient(replay.url);
        const results = await client.fetchRepositories(['Alamofire/Alamofire'], { withCounts: new Set() });
        expect(results.get('Alamofire/Alamofire')).toMatchObject({ ok: false, error: { kind: 'parse' } });
        expect(replay.requests).toHaveLength(1);
      });
    });

    it('the fake answers the fields both queries ask with the recorded types, and the client reads the recorded figures from it', async () => {
      const recorded = recordedRepository();
      const { body } = await askFake(
        up,
        'query { r0: repository(owner: "Alamofire", name: "Alamofire") { name description stargazerCount forkCount isArchived isFork openIssues: issues(states: OPEN) { totalCount } openPullRequests: pullRequests(states: OPEN) { totalCount } owner { login } } }',
      );
      const fake = body.data?.r0 as Record<string, unknown>;
      for (const field of ['name', 'stargazerCount', 'forkCount', 'isArchived', 'isFork']) {
        expect([field, typeof fake[field]]).toEqual([field, typeof recorded[field]]);
      }
      expect(sortedKeys(fake.openIssues as object)).toEqual(sortedKeys(recorded.openIssues as object));
      expect(sortedKeys(fake.openPullRequests as object)).toEqual(sortedKeys(recorded.openPullRequests as object));
      expect(fake).toMatchObject({
        stargazerCount: recorded.stargazerCount,
        forkCount: recorded.forkCount,
        isArchived: recorded.isArchived,
        openIssues: recorded.openIssues,
        openPullRequests: recorded.openPullRequests,
        owner: { login: (recorded.owner as { login: string }).login },
      });

      const { client } = githubClient(up.github.url);
      const results = await client.fetchRepositories(['Alamofire/Alamofire'], { withCounts: new Set(['Alamofire/Alamofire']) });
      expect(results.get('Alamofire/Alamofire')).toEqual({
        ok: true,
        value: { databaseId: 7001, fullName: 'Alamofire/Alamofire', stars: 35831, forks: 6727, watchers: 1000, openIssues: 30, archived: false },
      });
    });
  });
});
