import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelScopeClient, type ModelScopeClientOptions } from '../../../../jobs/sources/modelscope/modelscope-client.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';
import { type RecordedAnswer, readRecorded, type ReplayServer, serveRecorded } from '../../../helpers/recorded-answers.ts';

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** The envelope's field names with the JSON type of each value. */
const shapeOf = (value: object) => Object.fromEntries(Object.entries(value).map(([key, field]) => [key, field === null ? 'null' : typeof field]));

describe('ModelScope client against recorded answers', () => {
  let model: RecordedAnswer;
  let privateModel: RecordedAnswer;
  let replay: ReplayServer;
  let up: FakeUpstream;

  beforeAll(async () => {
    model = await readRecorded('modelscope/get-model.json');
    privateModel = await readRecorded('modelscope/get-model-private.json');
    replay = await serveRecorded([model, privateModel]);
    up = await startFakeUpstream();
  });
  afterAll(async () => {
    await replay.close();
    await up.close();
  });

  const client = () => createModelScopeClient({ endpoint: replay.url, retries: 0 });

  it('reads downloads and Stars from the answer, and keeps the requested id (the answer has no Path)', async () => {
    expect(await client().fetchModel('demo/demo-model')).toEqual({ id: 'demo/demo-model', downloads: 100, likes: 50 });
    expect(replay.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/models/demo/demo-model', query: '' });
  });

  it('reads the recorded refusal (403) as a model that is private or not visible', async () => {
    const error = await caught(client().fetchModel('demo/private-model'));
    expect(error).toMatchObject({ kind: 'not_found', status: 403 });
    expect((error as Error).message).toMatch(/private or not visible: get model info failed, err: unauthorized permission/);
  });

  it('the fake answers in the same shape as the recorded answers', async () => {
    const recorded = model.response.body as { Data: Record<string, unknown> } & Record<string, unknown>;
    up.modelscope.addModel({ owner: 'demo', name: 'demo-model', downloads: 100, stars: 50, omitPath: true });
    const found = await fetch(`${up.modelscope.url}/api/v1/models/demo/demo-model`);
    const fake = (await found.json()) as { Data: Record<string, unknown> } & Record<string, unknown>;
    expect(found.status).toBe(model.response.status);
    expect(shapeOf(fake)).toEqual(shapeOf(recorded));
    // Every field of the recorded model is in the fake's; the ones the client reads have the same type.
    expect(Object.keys(fake.Data)).toEqual(expect.arrayContaining(Object.keys(recorded.Data)));
    for (const field of ['Name', 'Downloads', 'Stars']) expect([field, typeof fake.Data[field]]).toEqual([field, typeof recorded.Data[field]]);
    expect(fake.Data).not.toHaveProperty('Path');

    up.modelscope.addModel({ owner: 'demo', name: 'private-model', downloads: 1, stars: 1, private: true });
    const refused = await fetch(`${up.modelscope.url}/api/v1/models/demo/private-model`);
    const refusal = (await refused.json()) as Record<string, unknown>;
    const recordedRefusal = privateModel.response.body as Record<string, unknown>;
    expect(refused.status).toBe(privateModel.response.status);
    expect(shapeOf(refusal)).toMatchObject(shapeOf(recordedRefusal));
    expect(refusal).toMatchObject({ Code: recordedRefusal.Code, Message: recordedRefusal.Message, Success: false });
  });

  it('takes Likes when Stars is 0, as the official client does, but keeps a lone Stars of 0', async () => {
    const answer = (path: string, data: Record<string, unknown>): RecordedAnswer => ({
      source: 'test',
      request: { method: 'GET', path },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: { Code: 200, Data: data, Message: 'success', RequestId: '', Success: true } },
    });
    const server = await serveRecorded([
      answer('/api/v1/models/o/both', { Name: 'both', Downloads: 3, Stars: 0, Likes: 7 }),
      answer('/api/v1/models/o/zero', { Name: 'zero', Downloads: 3, Stars: 0 }),
      answer('/api/v1/models/o/null', { Name: 'null', Downloads: null, Stars: null, Likes: 2 }),
    ]);
    try {
      const ms = createModelScopeClient({ endpoint: server.url, retries: 0 });
      expect(await ms.fetchModel('o/both')).toEqual({ id: 'o/both', downloads: 3, likes: 7 });
      expect(await ms.fetchModel('o/zero')).toEqual({ id: 'o/zero', downloads: 3, likes: 0 });
      expect(await ms.fetchModel('o/null')).toEqual({ id: 'o/null', downloads: undefined, likes: 2 });
    } finally {
      await server.close();
    }
  });
});

describe('ModelScope client against the fake ModelScope', () => {
  let up: FakeUpstream;
  let sleeps: number[];

  beforeEach(async () => {
    sleeps = [];
    up = await startFakeUpstream();
    up.modelscope.addModel({ owner: 'qwen', name: 'Qwen-7B', downloads: 123_456, stars: 789 });
  });
  afterEach(() => up.close());

  const client = (options: ModelScopeClientOptions = {}) =>
    createModelScopeClient({
      endpoint: up.modelscope.url,
      baseDelayMs: 1,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });
  const statuses = () => up.requests.map((r) => r.status);

  it('names the model as ModelScope spells it when the answer has Path and Name', async () => {
    expect(await client().fetchModel('QWEN/qwen-7b')).toEqual({ id: 'qwen/Qwen-7B', downloads: 123_456, likes: 789 });
  });

  it('reads the like count from Likes when the answer has no Stars', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'liked', downloads: 10, stars: 4, likeField: 'Likes' });
    expect(await client().fetchModel('org/liked')).toEqual({ id: 'org/liked', downloads: 10, likes: 4 });
  });

  it('keeps the downloads of a model answered without Stars or Likes, and leaves its likes out (not 0)', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'unliked', downloads: 10, stars: 4, likeField: 'none' });
    expect(await client().fetchModel('org/unliked')).toEqual({ id: 'org/unliked', downloads: 10, likes: undefined });
  });

  it('keeps the likes of a model answered without Downloads', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'quiet', downloads: 10, stars: 4, omitDownloads: true });
    expect(await client().fetchModel('org/quiet')).toEqual({ id: 'org/quiet', downloads: undefined, likes: 4 });
  });

  it('keeps the requested id when the answer has no Path', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'Pathless', downloads: 10, stars: 4, omitPath: true });
    expect(await client().fetchModel('org/Pathless')).toEqual({ id: 'org/Pathless', downloads: 10, likes: 4 });
  });

  it('reads a 404 in its envelope as not_found', async () => {
    expect(await caught(client().fetchModel('qwen/nothing'))).toMatchObject({ kind: 'not_found', status: 404, message: expect.stringMatching(/Model not found/) });
  });

  it.each(['html', 'empty'] as const)('reads a 404 with an %s body as not_found, without retrying', async (body) => {
    up.modelscope.inject({ match: { path: '/api/v1/models/qwen/Qwen-7B' }, fault: { kind: 'ms-not-found', body } });
    expect(await caught(client().fetchModel('qwen/Qwen-7B'))).toMatchObject({ kind: 'not_found', status: 404 });
    expect(statuses()).toEqual([404]);
  });

  it('reads a 403 as a private or invisible model: not_found, not retried', async () => {
    up.modelscope.addModel({ owner: 'org', name: 'secret', downloads: 10, stars: 4, private: true });
    const error = await caught(client().fetchModel('org/secret'));
    expect(error).toMatchObject({ kind: 'not_found', status: 403, message: expect.stringMatching(/private or not visible/) });
    expect(statuses()).toEqual([403]);
  });

  it('waits out a 429 for its Retry-After, scaled by secondMs, then returns the figures', async () => {
    up.modelscope.inject({ match: { path: '/api/v1/models/qwen/Qwen-7B' }, fault: { kind: 'ms-rate-limit', retryAfter: 1 } });
    expect(await client({ secondMs: 7 }).fetchModel('qwen/Qwen-7B')).toEqual({ id: 'qwen/Qwen-7B', downloads: 123_456, likes: 789 });
    expect(sleeps).toEqual([7]);
    expect(statuses()).toEqual([429, 200]);
  });

  it('waits a minute (scaled) after a 429 without Retry-After', async () => {
    up.modelscope.inject({ fault: { kind: 'ms-rate-limit' } });
    await client({ secondMs: 2 }).fetchModel('qwen/Qwen-7B');
    expect(sleeps).toEqual([120]);
  });

  it('gives up on a Retry-After longer than maxRateLimitWaitMs, as a rate_limit', async () => {
    up.modelscope.inject({ fault: { kind: 'ms-rate-limit', retryAfter: 120 } });
    const error = await caught(client({ maxRateLimitWaitMs: 60_000 }).fetchModel('qwen/Qwen-7B'));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 120_000 });
    expect(sleeps).toEqual([]);
  });
});
