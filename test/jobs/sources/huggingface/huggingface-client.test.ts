import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHuggingFaceClient, hubRateLimitWaitMs } from '../../../../jobs/sources/huggingface/huggingface-client.ts';
import { SourceError } from '../../../../jobs/clients/source-error.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';

const hubId = (n: number) => n.toString(16).padStart(24, '0');
const TOKEN = 'hf_contracttokenaaaaaaaaaaaaaaaaaaa';

describe('hubRateLimitWaitMs', () => {
  it.each([
    ['"api";r=0;t=55', 55_000],
    ['"api";r=0;t = 55', 55_000],
    ['r = 0; t = 55', 55_000],
    ['"api"; r = 0; t = 7', 7_000],
  ])('reads the reset of %s', (value, expected) => {
    expect(hubRateLimitWaitMs(new Headers({ ratelimit: value }))).toBe(expected);
  });

  it('finds nothing in an absent or foreign header', () => {
    expect(hubRateLimitWaitMs(new Headers())).toBeUndefined();
    expect(hubRateLimitWaitMs(new Headers({ ratelimit: '"api";r=3' }))).toBeUndefined();
  });
});

describe('Hugging Face client against the fake Hub', () => {
  let up: FakeUpstream;
  const client = (options: { token?: string; retries?: number; log?: { warn(message: string): void } } = {}) =>
    createHuggingFaceClient({ endpoint: up.huggingface.url, retries: options.retries ?? 1, baseDelayMs: 1, secondMs: 1, ...options });
  const statuses = (path: string) => up.requests.filter((r) => r.path === path).map((r) => r.status);

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.huggingface.addToken(TOKEN);
    up.huggingface.addModel({ _id: hubId(1), id: 'acme/full', downloads: 30, downloadsAllTime: 3_000, likes: 3 });
    up.huggingface.addModel({ _id: hubId(2), id: 'acme/no-all-time', downloads: 20, downloadsAllTime: 2_000, likes: 2, omit: ['downloadsAllTime'] });
    up.huggingface.addModel({ _id: hubId(3), id: 'acme/no-likes', downloads: 10, downloadsAllTime: 1_000, likes: 1, omit: ['likes'] });
    up.huggingface.addModel({ _id: hubId(4), id: 'acme/no-ids', downloads: 5, downloadsAllTime: 500, likes: 0, omit: ['_id'] });
    up.huggingface.addModel({ _id: hubId(5), id: 'acme/gated', downloads: 1, downloadsAllTime: 1, likes: 1 });
    up.huggingface.refuseModel('acme/gated', 'GatedRepo');
    up.huggingface.addDataset({ _id: hubId(6), id: 'acme/set', downloads: 40, downloadsAllTime: 4_000, likes: 4 });
    up.huggingface.addDataset({ _id: hubId(7), id: 'acme/gated-set', downloads: 1, downloadsAllTime: 1, likes: 1, gated: 'manual' });
    up.huggingface.refuseRepo('datasets', 'acme/gated-set', 'GatedRepo');
    up.huggingface.addSpace({ _id: hubId(8), id: 'acme/app', likes: 8 });
  });
  afterAll(() => up.close());
  beforeEach(() => {
    up.clearRequests();
    up.huggingface.clearFaults();
    up.huggingface.setRateLimitHeaderStyle('compact');
  });

  it('lists an author model by model: a missing figure is undefined, an item without _id is skipped with a warning', async () => {
    const warnings: string[] = [];
    const listed = [];
    for await (const model of client({ log: { warn: (message) => warnings.push(message) } }).listAuthorModels('acme')) listed.push(model);
    expect(listed).toEqual([
      { hubId: hubId(1), id: 'acme/full', downloads30d: 30, downloadsAllTime: 3_000, likes: 3 },
      { hubId: hubId(2), id: 'acme/no-all-time', downloads30d: 20, downloadsAllTime: undefined, likes: 2 },
      { hubId: hubId(3), id: 'acme/no-likes', downloads30d: 10, downloadsAllTime: 1_000, likes: undefined },
      { hubId: hubId(5), id: 'acme/gated', downloads30d: 1, downloadsAllTime: 1, likes: 1 },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/skipped item 3 of a Hub model list page for acme: it has no _id and id/)]);
    expect(up.requests.map((r) => r.query.expand)).toEqual([['downloads', 'downloadsAllTime', 'likes']]);
  });

  it('fetches one model whose answer lacks a figure: that figure only is undefined', async () => {
    await expect(client().fetchModel('acme/no-likes')).resolves.toEqual({
      hubId: hubId(3),
      id: 'acme/no-likes',
      downloads30d: 10,
      downloadsAllTime: 1_000,
      likes: undefined,
    });
  });

  it('a 401 with a token but without X-Error-Message is a hidden model (not_found), not a bad token', async () => {
    const error = await client({ token: TOKEN }).fetchModel('acme/gated').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'not_found', status: 401, message: expect.stringContaining('GatedRepo') });
    expect(up.requests.map((r) => [r.path, r.status, r.token])).toEqual([['/api/models/acme/gated', 401, TOKEN]]);
  });

  it('a 401 saying "Invalid credentials" in X-Error-Message is a refused token (auth), for a model and for a list', async () => {
    const refused = client({ token: 'hf_revokedbbbbbbbbbbbbbbbbbbbbbbbbbb' });
    await expect(refused.fetchModel('acme/full')).rejects.toMatchObject({ kind: 'auth', status: 401 });
    const listing = refused.listAuthorModels('acme');
    await expect(listing.next()).rejects.toMatchObject({ kind: 'auth', status: 401 });
    expect(up.requests.map((r) => r.status)).toEqual([401, 401]);
  });

  it('an anonymous 401 stays not_found', async () => {
    await expect(client().fetchModel('nobody/none')).rejects.toMatchObject({ kind: 'not_found', status: 401 });
  });

  it('reads the wait of a 429 from a RateLimit header spelled with spaces', async () => {
    up.huggingface.setRateLimitHeaderStyle('spaced');
    const sample = await fetch(`${up.huggingface.url}/api/models/acme/full`);
    expect(sample.headers.get('ratelimit')).toMatch(/^"api"; r = \d+; t = \d+$/);
    up.huggingface.inject({ match: { path: '/api/models/acme/full' }, fault: { kind: 'hf-rate-limit', resetSeconds: 55 } });
    const error = await client({ retries: 0 }).fetchModel('acme/full').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 55 }); // 55 s at 1 ms a second
  });

  it('sits out a spaced 429 and then answers', async () => {
    up.huggingface.setRateLimitHeaderStyle('spaced');
    up.huggingface.inject({ match: { path: '/api/models/acme/full' }, fault: { kind: 'hf-rate-limit', resetSeconds: 3 } });
    await expect(client().fetchModel('acme/full')).resolves.toMatchObject({ id: 'acme/full', downloadsAllTime: 3_000 });
    expect(statuses('/api/models/acme/full')).toEqual([429, 200]);
  });

  it('fetches a dataset with the models\' expand set and a Space with likes only', async () => {
    await expect(client().fetchDataset('acme/set')).resolves.toEqual({ hubId: hubId(6), id: 'acme/set', downloads30d: 40, downloadsAllTime: 4_000, likes: 4 });
    await expect(client().fetchSpace('acme/app')).resolves.toEqual({ hubId: hubId(8), id: 'acme/app', likes: 8 });
    expect(up.requests.map((r) => [r.path, r.query.expand])).toEqual([
      ['/api/datasets/acme/set', ['downloads', 'downloadsAllTime', 'likes']],
      ['/api/spaces/acme/app', 'likes'],
    ]);
  });

  it('reads the Hub\'s 401s for datasets and Spaces as for models: hidden is not_found, a refused token is auth', async () => {
    await expect(client({ token: TOKEN }).fetchDataset('acme/gated-set')).rejects.toMatchObject({
      kind: 'not_found',
      status: 401,
      message: 'Hugging Face dataset acme/gated-set not found, private or gated (GatedRepo)',
    });
    await expect(client().fetchSpace('nobody/none')).rejects.toMatchObject({ kind: 'not_found', status: 401 });
    await expect(client({ token: TOKEN }).fetchSpace('nobody/none')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    const refused = client({ token: 'hf_revokedbbbbbbbbbbbbbbbbbbbbbbbbbb' });
    await expect(refused.fetchDataset('acme/set')).rejects.toMatchObject({ kind: 'auth', status: 401 });
    await expect(refused.fetchSpace('acme/app')).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('stops asking for Spaces at a 429 and gives the rest its wait', async () => {
    up.huggingface.inject({ match: { path: '/api/spaces/acme/app' }, times: 2, fault: { kind: 'hf-rate-limit', resetSeconds: 40 } });
    const results = await client({ retries: 0 }).fetchSpaces(['acme/app', 'nobody/none']);
    expect([...results.values()].map((r) => (r.ok ? 'ok' : [r.error.kind, r.error.retryAfterMs]))).toEqual([
      ['rate_limit', 40],
      ['rate_limit', 40],
    ]);
    expect(up.requests.map((r) => r.path)).toEqual(['/api/spaces/acme/app']);
  });
});
