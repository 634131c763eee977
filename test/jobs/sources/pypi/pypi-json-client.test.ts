import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPypiJsonClient, type PypiJsonClientOptions } from '../../../../jobs/sources/pypi/pypi-json-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { keyPaths } from '../../../helpers/answer-shape.ts';
import { readRecorded, serveRecorded } from '../../../helpers/recorded-answers.ts';

/** Where a contract test points the client: recorded answers replayed, or the fake knowing the same projects. */
interface ContractUpstream {
  url: string;
  /** `STATUS path` of each request, in order. */
  exchanges(): string[];
  close(): Promise<void>;
}

async function replayPypi(): Promise<ContractUpstream> {
  const answers = [await readRecorded('pypi/project-six.json'), await readRecorded('pypi/project-not-found.json')];
  const replay = await serveRecorded(answers);
  const statusOf = (path: string) => answers.find((answer) => answer.request.path === path)?.response.status ?? 599;
  return { url: replay.url, exchanges: () => replay.requests.map((r) => `${statusOf(r.path)} ${r.path}`), close: () => replay.close() };
}

async function fakePypi(): Promise<ContractUpstream> {
  const up = await startFakeUpstream();
  up.pypi.addProject('six', { version: '1.16.0', homePage: 'https://github.com/benjaminp/six' });
  return { url: up.pypi.url, exchanges: () => up.requests.map((r) => `${r.status} ${r.path}`), close: () => up.close() };
}

describe.each([
  ['recorded answers', replayPypi],
  ['the fake PyPI', fakePypi],
])('PyPI JSON client contract, against %s', (_, start) => {
  let upstream: ContractUpstream;
  beforeEach(async () => {
    upstream = await start();
  });
  afterEach(() => upstream.close());
  const client = () => createPypiJsonClient({ baseUrl: upstream.url, retries: 0 });

  it('finds a project PyPI knows, in one request, with its display name', async () => {
    expect(await client().fetchProject('six')).toEqual({ name: 'six' });
    expect(upstream.exchanges()).toEqual(['200 /pypi/six/json']);
  });

  it('reads the JSON 404 of an unknown project as not_found, without retrying', async () => {
    const error = await createPypiJsonClient({ baseUrl: upstream.url, retries: 3, baseDelayMs: 1 })
      .fetchProject('no-such-project-on-pypi')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(upstream.exchanges()).toEqual(['404 /pypi/no-such-project-on-pypi/json']);
  });
});

describe('PyPI JSON client against the fake PyPI', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream();
    up.pypi.addProject('llama_cpp_python');
  });
  afterEach(() => up.close());
  const client = (options: PypiJsonClientOptions = {}) => createPypiJsonClient({ baseUrl: up.pypi.url, baseDelayMs: 1, ...options });
  const exchanges = () => up.requests.map((r) => `${r.status} ${r.path}`);

  it("follows PyPI's 301 from another spelling of the name to the project's own", async () => {
    expect(await client().fetchProject('Llama-CPP.Python')).toEqual({ name: 'llama_cpp_python' });
    expect(exchanges()).toEqual(['301 /pypi/Llama-CPP.Python/json', '200 /pypi/llama_cpp_python/json']);
  });

  it('retries a 503 like any upstream error, then reads the project', async () => {
    up.pypi.inject({ fault: { kind: 'status', status: 503 } });
    expect(await client({ retries: 2 }).fetchProject('llama_cpp_python')).toEqual({ name: 'llama_cpp_python' });
    expect(exchanges()).toEqual(['503 /pypi/llama_cpp_python/json', '200 /pypi/llama_cpp_python/json']);
  });

  it('throws a parse error for a 200 without info.name', async () => {
    const withoutName = createPypiJsonClient({
      baseUrl: up.pypi.url,
      retries: 0,
      fetch: async () => new Response('{"info": {}, "releases": {}}', { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(withoutName.fetchProject('llama_cpp_python')).rejects.toMatchObject({ kind: 'parse' });
  });
});

describe('the fake PyPI answers in the recorded shape', () => {
  let up: FakeUpstream;
  beforeEach(async () => {
    up = await startFakeUpstream();
    up.pypi.addProject('six', { version: '1.16.0', homePage: 'https://github.com/benjaminp/six' });
  });
  afterEach(() => up.close());

  it('has the keys of the recorded /pypi/{project}/json answer, files and releases included', async () => {
    const recorded = await readRecorded('pypi/project-six.json');
    const answer = await fetch(`${up.pypi.url}/pypi/six/json`);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    // Keyed by data: releases by version, project_urls by label.
    const dictionaries = ['releases', 'info.project_urls'];
    expect(keyPaths(await answer.json(), dictionaries)).toEqual(keyPaths(recorded.response.body, dictionaries));
  });

  it("answers an unknown project with Warehouse's JSON 404", async () => {
    const recorded = await readRecorded('pypi/project-not-found.json');
    const answer = await fetch(`${up.pypi.url}/pypi/no-such-project-on-pypi/json`);
    expect(answer.status).toBe(recorded.response.status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual(JSON.parse(recorded.response.body as string));
  });
});
