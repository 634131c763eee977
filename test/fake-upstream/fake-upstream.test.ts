// The fake upstream, exercised through the real clients the product uses.
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './index.ts';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
let clock = T0;
let up: FakeUpstream;

beforeEach(async () => {
  clock = T0;
  up = await startFakeUpstream({ now: () => clock });
  up.github.addToken('ghp_one');
  up.github.addRepo({ id: 613, fullName: 'THUDM/ChatGLM-6B', stars: 40_000, forks: 5_000, subscribers: 300, openIssues: 200, openPullRequests: 20 });
  up.huggingface.addModel({ _id: '6412b2b5e2f3c4d5a6b7c8d9', id: 'THUDM/chatglm-6b', downloads: 1_000, downloadsAllTime: 90_000, likes: 2_800 });
});
afterEach(() => up.close());

const octokit = (auth?: string) => new Octokit({ baseUrl: up.github.url, ...(auth && { auth }), log: { debug() {}, info() {}, warn() {}, error() {} } });
/** What Octokit's RequestError and GraphqlResponseError carry that these tests read. */
interface OctokitFailure {
  name: string;
  message: string;
  status?: number;
  response?: { headers: Record<string, string | undefined>; data: { message?: string } };
  headers?: Record<string, string | undefined>;
  errors?: { type?: string; message: string; locations?: unknown }[];
  data?: unknown;
}
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error as OctokitFailure);

describe('GitHub REST', () => {
  it('answers a repository with its ETag, and a free 304 on If-None-Match', async () => {
    const first = await octokit('ghp_one').rest.repos.get({ owner: 'thudm', repo: 'chatglm-6b' });
    expect(first.data).toMatchObject({ id: 613, full_name: 'THUDM/ChatGLM-6B', stargazers_count: 40_000, watchers_count: 40_000, subscribers_count: 300, open_issues_count: 220, archived: false });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-used': '1', 'x-ratelimit-resource': 'core', 'x-ratelimit-reset': String((T0 + 3_600_000) / 1000) });
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);

    const notModified = await failure(octokit('ghp_one').rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B', headers: { 'if-none-match': first.headers.etag } }));
    expect(notModified.status).toBe(304);
    expect(notModified.response?.headers['x-ratelimit-remaining']).toBe('4999');
    expect(up.github.rateLimit('ghp_one').core).toMatchObject({ used: 1, remaining: 4999 });
  });

  it('redirects a renamed repository with 301, which Octokit follows', async () => {
    up.github.renameRepo('THUDM/ChatGLM-6B', 'zai-org/ChatGLM-6B');
    const { data } = await octokit('ghp_one').rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' });
    expect(data).toMatchObject({ id: 613, full_name: 'zai-org/ChatGLM-6B' });
    expect(up.requests.map((r) => [r.status, r.path])).toEqual([[301, '/repos/THUDM/ChatGLM-6B'], [200, '/repositories/613']]);
  });

  it('answers 404, 401 for unknown or revoked tokens, and 403 once the budget is spent', async () => {
    const missing = await failure(octokit('ghp_one').rest.repos.get({ owner: 'nobody', repo: 'nothing' }));
    expect(missing.status).toBe(404);
    expect(missing.response?.data).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });

    up.github.revokeToken('ghp_one');
    for (const token of ['ghp_one', 'ghp_unknown']) {
      const denied = await failure(octokit(token).rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' }));
      expect([denied.status, denied.response?.data.message]).toEqual([401, 'Bad credentials']);
    }

    up.github.addToken('ghp_small', { coreLimit: 1 });
    await octokit('ghp_small').rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' });
    const limited = await failure(octokit('ghp_small').rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' }));
    expect(limited.status).toBe(403);
    expect(limited.response?.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.response?.data.message).toMatch(/^API rate limit exceeded for user ID 2\./);
    clock += 3_600_000; // the window resets
    await expect(octokit('ghp_small').rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' })).resolves.toMatchObject({ status: 200 });
  });

  it('counts anonymous calls per IP, 60 an hour', async () => {
    const { headers } = await octokit().rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' });
    expect([headers['x-ratelimit-limit'], headers['x-ratelimit-remaining']]).toEqual(['60', '59']);
    expect(up.github.rateLimit().core.used).toBe(1);
  });

  it('answers search counts, charged to the search budget, without an ETag', async () => {
    up.github.setSearchCount('llama', 5_600);
    up.github.setSearchCount('gpt-4 created:<=2023-07-19', 4_100, { incomplete: true });
    const llama = await octokit('ghp_one').rest.search.repos({ q: 'llama', per_page: 1 });
    expect(llama.data).toMatchObject({ total_count: 5_600, incomplete_results: false });
    expect(llama.data.items).toHaveLength(1);
    expect(llama.headers).toMatchObject({ 'x-ratelimit-resource': 'search', 'x-ratelimit-limit': '30', 'x-ratelimit-remaining': '29' });
    expect(llama.headers.etag).toBeUndefined();
    expect(llama.headers.link).toContain('rel="next"');
    const gpt = await octokit('ghp_one').rest.search.repos({ q: 'gpt-4 created:<=2023-07-19', per_page: 1 });
    expect(gpt.data).toMatchObject({ total_count: 4_100, incomplete_results: true });
    const none = await octokit('ghp_one').rest.search.repos({ q: 'no such thing', per_page: 1 });
    expect(none.data).toMatchObject({ total_count: 0, items: [] });
  });

  it('plays secondary limits, server errors, truncated JSON and resets', async () => {
    up.github.inject({ match: { path: '/repos/THUDM/ChatGLM-6B' }, fault: { kind: 'secondary-limit', retryAfter: 30 } });
    up.github.inject({ fault: { kind: 'status', status: 502 } });
    up.github.inject({ fault: { kind: 'truncated-json' } });
    up.github.inject({ fault: { kind: 'reset' } });
    const client = octokit('ghp_one');
    const get = () => client.rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' });

    const secondary = await failure(get());
    expect([secondary.status, secondary.response?.headers['retry-after']]).toEqual([403, '30']);
    expect(secondary.message).toMatch(/secondary rate limit/);
    expect((await failure(get())).status).toBe(502);
    const truncated = await get();
    expect(typeof truncated.data).toBe('string'); // Octokit hands back what does not parse
    await expect(get()).rejects.toThrow();
    expect(up.requests.map((r) => [r.fault, r.status])).toEqual([['secondary-limit', 403], ['status', 502], ['truncated-json', 200], ['reset', undefined]]);
    expect(up.github.faults.pending).toBe(0);
  });

  it('speaks the signals @octokit/plugin-throttling acts on', async () => {
    const seen: string[] = [];
    const Throttled = Octokit.plugin(throttling);
    const client = new Throttled({
      baseUrl: up.github.url,
      auth: 'ghp_one',
      throttle: {
        retryAfterBaseValue: 1, // milliseconds instead of seconds, to keep the test fast
        onSecondaryRateLimit: (retryAfter: number) => (seen.push(`secondary ${retryAfter}`), true),
        onRateLimit: () => (seen.push('primary'), false),
      },
    });
    up.github.inject({ fault: { kind: 'secondary-limit', retryAfter: 7, status: 429 } });
    await expect(client.rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' })).resolves.toMatchObject({ status: 200 });
    up.github.inject({ fault: { kind: 'primary-limit' } });
    await expect(client.rest.repos.get({ owner: 'THUDM', repo: 'ChatGLM-6B' })).rejects.toMatchObject({ status: 403 });
    expect(seen).toEqual(['secondary 7', 'primary']);
  });
});

describe('GitHub stars history', () => {
  const DAY = 86_400;
  /** 40 Sundays (GitHub's weeks start on Sunday), the newest the week of 2026-11-29. */
  const weeks = Array.from({ length: 40 }, (_, i) => ({ week: Date.parse('2026-11-29T00:00:00Z') / 1000 - i * 7 * DAY, days: [i, 0, 0, 0, 0, 0, 1] }));
  const history = (params: { per_page?: number; page?: number }, headers: { 'x-github-api-version'?: string } = {}) =>
    octokit('ghp_one').request('GET /repos/{owner}/{repo}/stargazers/history', { owner: 'THUDM', repo: 'ChatGLM-6B', ...params, headers });
  beforeEach(() => up.github.setStarHistory('THUDM/ChatGLM-6B', weeks));

  it('answers the same weeks with the 2026-03-10 version header, with 2022-11-28, or without one', async () => {
    const bodies = [];
    for (const headers of [{ 'x-github-api-version': '2026-03-10' }, { 'x-github-api-version': '2022-11-28' }, {}]) {
      const { status, data, headers: answered } = await history({ per_page: 30, page: 2 }, headers);
      expect(status).toBe(200);
      expect(answered.link).toContain('rel="prev"');
      bodies.push(data);
    }
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toEqual(bodies[2]);
    expect(bodies[0]).toEqual(weeks.slice(30).map(({ week, days }) => ({ week, total: days[0]! + 1, days })));
    expect(up.requests.map((r) => r.headers['x-github-api-version'])).toEqual(['2026-03-10', '2022-11-28', undefined]);
  });

  it('answers 422 past 30 weeks a page or past page 100, instead of a clamped page', async () => {
    for (const params of [{ per_page: 31 }, { page: 101 }, { per_page: 100, page: 500 }]) {
      const refused = await failure(history(params));
      expect(refused.status, JSON.stringify(params)).toBe(422);
      expect(refused.response?.data).toEqual({ message: expect.any(String), documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//), status: '422' });
    }
    expect((await failure(history({ page: 101 }))).response?.data.message).toBe('In order to keep the API fast for everyone, pagination is limited for this resource.');
    await expect(history({ per_page: 30, page: 100 })).resolves.toMatchObject({ status: 200, data: [] });
  });
});

describe('GitHub GraphQL', () => {
  const query = `query ($owner: String!) {
    r0: repository(owner: $owner, name: "chatglm-6b") { databaseId nameWithOwner stargazerCount forkCount watchers { totalCount } issues(states: OPEN) { totalCount } }
    r1: repository(owner: "gone", name: "away") { databaseId }
    s0: search(query: "llama", type: REPOSITORY, first: 1) { repositoryCount }
    rateLimit { cost remaining limit used resetAt }
  }`;

  it('answers aliases, with NOT_FOUND beside the partial data', async () => {
    up.github.setSearchCount('llama', 5_600);
    const error = await failure(octokit('ghp_one').graphql(query, { owner: 'THUDM' }));
    expect(error.name).toBe('GraphqlResponseError');
    expect(error.errors).toEqual([{ type: 'NOT_FOUND', path: ['r1'], locations: [{ line: 3, column: 5 }], message: "Could not resolve to a Repository with the name 'gone/away'." }]);
    expect(error.data).toEqual({
      r0: { databaseId: 613, nameWithOwner: 'THUDM/ChatGLM-6B', stargazerCount: 40_000, forkCount: 5_000, watchers: { totalCount: 300 }, issues: { totalCount: 200 } },
      r1: null,
      s0: { repositoryCount: 5_600 },
      rateLimit: { cost: 1, remaining: 4999, limit: 5000, used: 1, resetAt: new Date(T0 + 3_600_000).toISOString() },
    });
    expect(error.headers?.['x-ratelimit-resource']).toBe('graphql');
  });

  it('follows renames and charges max(1, round(connections / 100))', async () => {
    up.github.renameRepo('THUDM/ChatGLM-6B', 'zai-org/ChatGLM-6B');
    const aliases = Array.from({ length: 100 }, (_, i) => `r${i}: repository(owner: "THUDM", name: "ChatGLM-6B") { nameWithOwner watchers { totalCount } issues(states: OPEN) { totalCount } }`);
    const data = await octokit('ghp_one').graphql<Record<string, { nameWithOwner: string }>>(`{ ${aliases.join('\n')} }`);
    expect(data.r99?.nameWithOwner).toBe('zai-org/ChatGLM-6B');
    expect(up.github.rateLimit('ghp_one').graphql).toMatchObject({ used: 2, remaining: 4998 });
  });

  it('charges the connections a query selects, not its aliases, and says so in headers and rateLimit', async () => {
    const repository = (i: number, counts: boolean) =>
      `r${i}: repository(owner: "THUDM", name: "ChatGLM-6B") { stargazerCount forkCount ${counts ? 'watchers { totalCount } issues(states: OPEN) { totalCount }' : ''} }`;
    const ask = async (withCounts: number) => {
      const aliases = Array.from({ length: 100 }, (_, i) => repository(i, i < withCounts));
      const response = await octokit('ghp_one').request('POST /graphql', { query: `{ ${aliases.join('\n')} rateLimit { cost nodeCount } }` });
      const { rateLimit } = (response.data as { data: { rateLimit: { cost: number; nodeCount: number } } }).data;
      return { ...rateLimit, used: response.headers['x-ratelimit-used'], remaining: response.headers['x-ratelimit-remaining'] };
    };
    expect(await ask(0)).toEqual({ cost: 1, nodeCount: 0, used: '1', remaining: '4999' });
    expect(await ask(20)).toEqual({ cost: 1, nodeCount: 40, used: '2', remaining: '4998' }); // round(0.4), at least 1
    expect(await ask(80)).toEqual({ cost: 2, nodeCount: 160, used: '4', remaining: '4996' });
  });

  it('rejects what the real schema rejects, free of charge', async () => {
    const error = await failure(octokit('ghp_one').graphql('{ repository(owner: "a", name: "b") { starCount } }'));
    expect(error.errors?.[0]?.message).toMatch(/^Cannot query field "starCount" on type "Repository"\./);
    expect(error.errors?.[0]?.locations).toEqual([{ line: 1, column: 39 }]);
    expect(up.github.rateLimit('ghp_one').graphql.used).toBe(0);
  });

  it('requires a token, and reports the primary limit as RATE_LIMITED', async () => {
    const anonymous = await failure(octokit().graphql('{ viewer { login } }'));
    expect([anonymous.status, anonymous.response?.data.message]).toEqual([401, 'This endpoint requires you to be authenticated.']);
    up.github.addToken('ghp_small', { graphqlLimit: 1 });
    await octokit('ghp_small').graphql('{ viewer { login } }');
    const spent = await failure(octokit('ghp_small').graphql('{ viewer { login } }'));
    expect([spent.errors?.[0]?.type, spent.headers?.['x-ratelimit-remaining']]).toEqual(['RATE_LIMITED', '0']);
    up.github.inject({ match: { path: '/graphql' }, fault: { kind: 'primary-limit', resetInSeconds: 120 } });
    const limited = await failure(octokit('ghp_one').graphql('{ viewer { login } }'));
    expect(limited.errors).toEqual([{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }]);
    expect(limited.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 120) });
  });
});

describe('Hugging Face', () => {
  const hub = (path: string, token?: string) => fetch(`${up.huggingface.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('answers only _id, id and the expanded fields; never downloadsAllTime by default', async () => {
    const expanded = await (await hub('/api/models/THUDM/chatglm-6b?expand=downloads&expand[]=downloadsAllTime&expand=likes')).json();
    expect(expanded).toEqual({ _id: '6412b2b5e2f3c4d5a6b7c8d9', id: 'THUDM/chatglm-6b', downloads: 1_000, downloadsAllTime: 90_000, likes: 2_800 });
    const plain = await hub('/api/models/THUDM/chatglm-6b/revision/HEAD');
    const body = await plain.json();
    expect(body).toMatchObject({ id: 'THUDM/chatglm-6b', modelId: 'THUDM/chatglm-6b', author: 'THUDM', downloads: 1_000, likes: 2_800, private: false, gated: false });
    expect(body).not.toHaveProperty('downloadsAllTime');
    expect(plain.headers.get('ratelimit')).toBe('"api";r=498;t=300');
    expect(plain.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=500;w=300');
  });

  it('redirects a renamed model with a relative 307 that fetch follows', async () => {
    up.huggingface.renameModel('THUDM/chatglm-6b', 'zai-org/chatglm-6b');
    const response = await hub('/api/models/THUDM/chatglm-6b/revision/main?expand=downloadsAllTime');
    expect(await response.json()).toEqual({ _id: '6412b2b5e2f3c4d5a6b7c8d9', id: 'zai-org/chatglm-6b', downloadsAllTime: 90_000 });
    const redirect = up.requests[0];
    expect([redirect?.status, redirect?.headers.host]).toEqual([307, new URL(up.huggingface.url).host]);
    expect(up.requests[1]?.url).toBe('/api/models/zai-org/chatglm-6b/revision/main?expand=downloadsAllTime');
  });

  it('pages an author list by Link only', async () => {
    for (let i = 0; i < 4; i++) {
      up.huggingface.addModel({ _id: `64000000000000000000000${i}`, id: `THUDM/glm-${i}`, downloads: i, downloadsAllTime: 10 * i, likes: i });
    }
    const pages: unknown[][] = [];
    let next: string | undefined = `${up.huggingface.url}/api/models?author=THUDM&limit=2&expand=downloadsAllTime`;
    while (next) {
      const response: Response = await fetch(next);
      pages.push(await response.json());
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toContainEqual({ _id: '640000000000000000000003', id: 'THUDM/glm-3', downloadsAllTime: 30 });
  });

  it('hides missing and private models: 401 anonymous, 404 with a token', async () => {
    up.huggingface.addToken('hf_test');
    up.huggingface.addModel({ _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', id: 'secret/model', downloads: 1, downloadsAllTime: 1, likes: 0, private: true });
    for (const [path, token, status] of [['/api/models/nobody/none', undefined, 401], ['/api/models/secret/model', 'hf_test', 404]] as const) {
      const response = await hub(path, token);
      expect([response.status, response.headers.get('x-error-code'), await response.json()]).toEqual([status, 'RepoNotFound', { error: 'Repository not found' }]);
    }
  });

  it('answers 429 once the window budget is spent, until the window ends', async () => {
    up.huggingface.setLimits({ anonymous: 2 });
    await hub('/api/models/THUDM/chatglm-6b');
    clock += 100_000;
    await hub('/api/models/THUDM/chatglm-6b');
    const limited = await hub('/api/models/THUDM/chatglm-6b');
    expect([limited.status, limited.headers.get('ratelimit')]).toEqual([429, '"api";r=0;t=200']);
    expect((await limited.json()).error).toMatch(/exceeded our hourly quotas for action 'api'/);
    clock += 200_000;
    expect((await hub('/api/models/THUDM/chatglm-6b')).status).toBe(200);
  });

  it('delays an answer past a client timeout', async () => {
    up.huggingface.inject({ fault: { kind: 'delay', ms: 5_000 } });
    await expect(fetch(`${up.huggingface.url}/api/models/THUDM/chatglm-6b`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(up.requests[0]?.fault).toBe('delay');
    expect(up.requests[0]?.status).toBeUndefined(); // still pending when the client gave up
  });
});

describe('ModelScope', () => {
  it('answers a model in its envelope, and a missing one with 404', async () => {
    up.modelscope.addModel({ owner: 'qwen', name: 'Qwen-7B', downloads: 123_456, stars: 789 });
    const found = await fetch(`${up.modelscope.url}/api/v1/models/qwen/Qwen-7B`);
    expect(await found.json()).toMatchObject({ Code: 200, Success: true, Message: 'success', Data: { Name: 'Qwen-7B', Path: 'qwen', Downloads: 123_456, Stars: 789 } });
    const missing = await fetch(`${up.modelscope.url}/api/v1/models/qwen/nothing`);
    expect([missing.status, await missing.json()]).toEqual([404, expect.objectContaining({ Code: 10010205, Data: null, Message: 'Model not found', Success: false })]);
  });
});
