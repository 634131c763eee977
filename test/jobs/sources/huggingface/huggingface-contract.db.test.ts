// The Hub client against answers the real Hub gave (test/fixtures/recorded/huggingface/,
// replayed over HTTP), and the same expectations against the fake Hub set up to hold
// the same models: what passes on one must pass on the other.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHuggingFaceClient, type HubDatasetSnapshot, type HubModelSnapshot, type HubSpaceSnapshot } from '../../../../jobs/sources/huggingface/huggingface-client.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../../../helpers/database.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { readRecorded, type RecordedAnswer, serveRecorded } from '../../../helpers/recorded-answers.ts';
import { startFakeUpstream } from '../../../fake-upstream/index.ts';

const FIXTURES = [
  'huggingface/model-info-bart-base.json',
  'huggingface/model-redirect-t5-small.json',
  'huggingface/model-info-t5-small.json',
  'huggingface/list-models-intel-depth-estimation.json',
  'huggingface/dataset-info-glue.json',
  'huggingface/space-info-client-side-oauth.json',
];

/** An upstream under test: where it listens, and what it was asked (path and query). */
interface Hub {
  url: string;
  asked(): { path: string; query: URLSearchParams }[];
  close(): Promise<void>;
}

async function replayHub(): Promise<Hub> {
  const server = await serveRecorded(await Promise.all(FIXTURES.map(readRecorded)));
  return {
    url: server.url,
    asked: () => server.requests.map((r) => ({ path: r.path, query: new URLSearchParams(r.query) })),
    close: () => server.close(),
  };
}

/**
 * The fake holding the recorded models with their recorded figures. The recorded
 * answers were asked without `expand`, so they carry no `downloadsAllTime`: the fake
 * leaves it out too.
 */
async function fakeHub(): Promise<Hub> {
  const up = await startFakeUpstream();
  const hub = up.huggingface;
  const recorded = { downloadsAllTime: 0, omit: ['downloadsAllTime' as const] };
  hub.addModel({ _id: '621ffdc136468d709f17adb5', id: 'facebook/bart-base', downloads: 2_924_294, likes: 178, ...recorded });
  hub.addModel({ _id: '621ffdc036468d709f174358', id: 't5-small', downloads: 5_747_624, likes: 433, ...recorded });
  hub.renameModel('t5-small', 'google-t5/t5-small');
  const intel = [['621ffdc136468d709f17e709', 'Intel/dpt-large'], ['638f07977559bf9a2b2b04ac', 'Intel/dpt-hybrid-midas']] as const;
  for (const [_id, id] of intel) hub.addModel({ _id, id, downloads: 0, likes: 0, pipeline_tag: 'depth-estimation', ...recorded });
  const epoch = '1970-01-01T00:00:00.000Z';
  hub.addDataset({ _id: '621ffdd236468d709f181e3f', id: 'nyu-mll/glue', downloads: 0, likes: 0, lastModified: epoch, ...recorded });
  hub.addSpace({ _id: '659835e689010f9c7aed608d', id: 'huggingfacejs/client-side-oauth', likes: 0, sdk: 'static', lastModified: epoch });
  return {
    url: hub.url,
    asked: () => up.requests.map((r) => ({ path: r.path, query: new URL(r.url, 'http://fake.invalid').searchParams })),
    close: () => up.close(),
  };
}

const BART: HubModelSnapshot = { hubId: '621ffdc136468d709f17adb5', id: 'facebook/bart-base', downloads30d: 2_924_294, likes: 178, downloadsAllTime: undefined };
const T5: HubModelSnapshot = { hubId: '621ffdc036468d709f174358', id: 'google-t5/t5-small', downloads30d: 5_747_624, likes: 433, downloadsAllTime: undefined };
const GLUE: HubDatasetSnapshot = { hubId: '621ffdd236468d709f181e3f', id: 'nyu-mll/glue', downloads30d: 0, likes: 0, downloadsAllTime: undefined };
const OAUTH_SPACE: HubSpaceSnapshot = { hubId: '659835e689010f9c7aed608d', id: 'huggingfacejs/client-side-oauth', likes: 0 };
const INTEL: HubModelSnapshot[] = [
  { hubId: '621ffdc136468d709f17e709', id: 'Intel/dpt-large', downloads30d: 0, likes: 0, downloadsAllTime: undefined },
  { hubId: '638f07977559bf9a2b2b04ac', id: 'Intel/dpt-hybrid-midas', downloads30d: 0, likes: 0, downloadsAllTime: undefined },
];

describe.each([
  ['recorded Hub answers', replayHub],
  ['the fake Hub', fakeHub],
])('Hugging Face client against %s', (_name, start) => {
  let hub: Hub;
  let db: { url: string; drop(): Promise<void> };
  const client = () => createHuggingFaceClient({ endpoint: hub.url, retries: 0 });

  beforeAll(async () => {
    [hub, db] = await Promise.all([start(), createMigratedTestDatabase()]);
  });
  afterAll(async () => {
    await hub.close();
    await db.drop();
  });
  beforeEach(() => clearCollectedData(db.url));

  it('reads a model answer: its figures, and no all-time figure where the answer has none', async () => {
    await expect(client().fetchModel('facebook/bart-base')).resolves.toEqual(BART);
    const [asked] = hub.asked().slice(-1);
    expect(asked?.path).toBe('/api/models/facebook/bart-base');
    expect(asked?.query.getAll('expand')).toEqual(['downloads', 'downloadsAllTime', 'likes']);
  });

  it('follows the relative 307 of a renamed model to its new id and _id', async () => {
    await expect(client().fetchModel('t5-small')).resolves.toEqual(T5);
    expect(hub.asked().slice(-2).map((r) => r.path)).toEqual(['/api/models/t5-small', '/api/models/google-t5/t5-small']);
  });

  it('reads a dataset answer by _id and id: its 30-day downloads and likes, no all-time figure where the answer has none', async () => {
    await expect(client().fetchDataset('nyu-mll/glue')).resolves.toEqual(GLUE);
    const [asked] = hub.asked().slice(-1);
    expect(asked?.path).toBe('/api/datasets/nyu-mll/glue');
    expect(asked?.query.getAll('expand')).toEqual(['downloads', 'downloadsAllTime', 'likes']);
  });

  it('reads a Space answer by _id and id: its likes, asking no downloads', async () => {
    await expect(client().fetchSpace('huggingfacejs/client-side-oauth')).resolves.toEqual(OAUTH_SPACE);
    const [asked] = hub.asked().slice(-1);
    expect(asked?.path).toBe('/api/spaces/huggingfacejs/client-side-oauth');
    expect(asked?.query.getAll('expand')).toEqual(['likes']);
  });

  it('collect stores a dataset\'s and a Space\'s figures under their _id, and records the missing all-time figure', async () => {
    const cwd = await tempWorkdir('huggingface:\n  datasets: [nyu-mll/glue]\n  spaces: [huggingfacejs/client-side-oauth]\n');
    const result = await runCli(['collect', 'huggingface'], { env: { HF_ENDPOINT: hub.url, DATABASE_URL: db.url }, cwd });
    expect(result.stderr).toBe('');
    const rows = await sqlRows<{ kind: string; key: string; external_id: string; metric: string; value: string }>(
      db.url,
      `SELECT s.kind, s.key, s.external_id, m.metric, m.value FROM latest_metrics m JOIN subjects s ON s.kind = m.kind AND s.key = m.key
       ORDER BY s.kind, m.metric`,
    );
    expect(rows.map((r) => [r.kind, r.key, r.external_id, r.metric, Number(r.value)])).toEqual([
      ['hf_dataset', 'nyu-mll/glue', '621ffdd236468d709f181e3f', 'downloads_30d', 0],
      ['hf_dataset', 'nyu-mll/glue', '621ffdd236468d709f181e3f', 'likes', 0],
      ['hf_space', 'huggingfacejs/client-side-oauth', '659835e689010f9c7aed608d', 'likes', 0],
    ]);
    const failures = await sqlRows(db.url, 'SELECT kind, key, metric, error_kind FROM collection_failures');
    expect(failures).toEqual([{ kind: 'hf_dataset', key: 'nyu-mll/glue', metric: 'downloads_all_time', error_kind: 'parse' }]);
  });

  it('reads a listing item by item', async () => {
    const listed: HubModelSnapshot[] = [];
    for await (const model of client().listAuthorModels('Intel')) listed.push(model);
    expect(listed).toEqual(INTEL);
  });

  it('collect stores the figures answered (0 included) and records each missing all-time figure', async () => {
    const cwd = await tempWorkdir('huggingface:\n  models: [facebook/bart-base]\n  authors: [Intel]\n');
    const result = await runCli(['collect', 'huggingface'], { env: { HF_ENDPOINT: hub.url, DATABASE_URL: db.url }, cwd });
    expect(result.stderr).toBe('');

    const rows = await sqlRows<{ key: string; external_id: string; metric: string; value: string }>(
      db.url,
      `SELECT s.key, s.external_id, m.metric, m.value FROM latest_metrics m JOIN subjects s ON s.kind = m.kind AND s.key = m.key
       WHERE m.kind = 'hf_model' ORDER BY s.key, m.metric`,
    );
    expect(rows.map((r) => [r.key, r.external_id, r.metric, Number(r.value)])).toEqual([
      ['Intel/dpt-hybrid-midas', '638f07977559bf9a2b2b04ac', 'downloads_30d', 0],
      ['Intel/dpt-hybrid-midas', '638f07977559bf9a2b2b04ac', 'likes', 0],
      ['Intel/dpt-large', '621ffdc136468d709f17e709', 'downloads_30d', 0],
      ['Intel/dpt-large', '621ffdc136468d709f17e709', 'likes', 0],
      ['facebook/bart-base', '621ffdc136468d709f17adb5', 'downloads_30d', 2_924_294],
      ['facebook/bart-base', '621ffdc136468d709f17adb5', 'likes', 178],
    ]);
    const failures = await sqlRows<{ key: string; metric: string; error_kind: string }>(
      db.url,
      'SELECT key, metric, error_kind FROM collection_failures ORDER BY key',
    );
    expect(failures).toEqual(
      ['Intel/dpt-hybrid-midas', 'Intel/dpt-large', 'facebook/bart-base'].map((key) => ({ key, metric: 'downloads_all_time', error_kind: 'parse' })),
    );
  });
});

/** The fake's answers carry the keys the real ones carry, so a client reading one reads the other. */
describe('the fake Hub answers in the recorded shapes', () => {
  let fake: Hub;
  let recorded: Record<string, RecordedAnswer>;
  beforeAll(async () => {
    fake = await fakeHub();
    recorded = Object.fromEntries(await Promise.all(FIXTURES.map(async (file) => [file, await readRecorded(file)] as const)));
  });
  afterAll(() => fake.close());

  const keysOf = (body: unknown) => Object.keys(body as object).sort();
  const recordedBody = (file: string) => recorded[`huggingface/${file}`]?.response.body;

  it('model info without expand: only keys the Hub answers, and every key the client reads', async () => {
    const answer = await (await fetch(`${fake.url}/api/models/facebook/bart-base`)).json();
    const real = keysOf(recordedBody('model-info-bart-base.json'));
    expect(keysOf(answer).filter((key) => !real.includes(key))).toEqual([]);
    for (const key of ['_id', 'id', 'downloads', 'likes']) expect(answer).toHaveProperty(key);
    expect(answer).not.toHaveProperty('downloadsAllTime');
  });

  it('a renamed model: 307, a relative Location, a text body', async () => {
    const answer = await fetch(`${fake.url}/api/models/t5-small`, { redirect: 'manual' });
    const real = recorded['huggingface/model-redirect-t5-small.json']?.response;
    expect(answer.status).toBe(real?.status);
    expect(answer.headers.get('location')).toBe(real?.headers.location);
    expect(answer.headers.get('content-type')).toBe(real?.headers['content-type']);
    expect(await answer.text()).toBe(real?.body);
  });

  it('dataset and Space info with the JS client\'s expand sets: the same keys', async () => {
    const expand = (fields: string[]) => fields.map((field) => `expand=${field}`).join('&');
    const dataset = await (await fetch(`${fake.url}/api/datasets/nyu-mll/glue?${expand(['private', 'downloads', 'gated', 'likes', 'lastModified'])}`)).json();
    expect(keysOf(dataset)).toEqual(keysOf(recordedBody('dataset-info-glue.json')));
    const space = await (await fetch(`${fake.url}/api/spaces/huggingfacejs/client-side-oauth?${expand(['sdk', 'likes', 'private', 'lastModified'])}`)).json();
    expect(keysOf(space)).toEqual(keysOf(recordedBody('space-info-client-side-oauth.json')));
    expect(space).toEqual(recordedBody('space-info-client-side-oauth.json'));
  });

  it('dataset and Space info without expand: the figures the client reads, never downloadsAllTime; a Space has no downloads', async () => {
    const dataset = await (await fetch(`${fake.url}/api/datasets/nyu-mll/glue`)).json();
    for (const key of ['_id', 'id', 'downloads', 'likes']) expect(dataset).toHaveProperty(key);
    expect(dataset).not.toHaveProperty('downloadsAllTime');
    const space = await (await fetch(`${fake.url}/api/spaces/huggingfacejs/client-side-oauth`)).json();
    for (const key of ['_id', 'id', 'likes', 'sdk']) expect(space).toHaveProperty(key);
    expect(Object.keys(space as object).filter((key) => /download/i.test(key))).toEqual([]);
  });

  it('a listing with the JS client\'s expand set: the same keys per item', async () => {
    const query = 'limit=500&author=Intel&pipeline_tag=depth-estimation&' +
      ['pipeline_tag', 'private', 'gated', 'downloads', 'likes', 'lastModified'].map((field) => `expand=${field}`).join('&');
    const answer = (await (await fetch(`${fake.url}/api/models?${query}`)).json()) as unknown[];
    const real = recordedBody('list-models-intel-depth-estimation.json') as unknown[];
    expect(answer.map(keysOf)).toEqual(real.map(keysOf));
  });
});
