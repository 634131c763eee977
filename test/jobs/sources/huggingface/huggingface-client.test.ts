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
});
