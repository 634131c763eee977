import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelScopeClient } from '../../../../jobs/sources/modelscope/modelscope-client.ts';
import { modelscopeSource } from '../../../../jobs/sources/modelscope/modelscope-source.ts';
import type { ModelScopeClient } from '../../../../jobs/sources/modelscope/modelscope-client.ts';
import type { JobDeps } from '../../../../jobs/source-job.ts';
import { type FakeUpstream, startFakeUpstream } from '../../../fake-upstream/index.ts';

const NOW = new Date('2026-11-30T12:00:00Z');

/** The job's transform from answers to observations, against the fake ModelScope. */
describe('modelscope job', () => {
  let up: FakeUpstream;
  let deps: JobDeps<ModelScopeClient>;

  beforeAll(async () => {
    up = await startFakeUpstream();
    up.modelscope.addModel({ owner: 'qwen', name: 'Qwen-7B', downloads: 123_456, stars: 789 });
    up.modelscope.addModel({ owner: 'org', name: 'liked', downloads: 10, stars: 4, likeField: 'Likes', omitPath: true });
    up.modelscope.addModel({ owner: 'org', name: 'unliked', downloads: 20, stars: 5, likeField: 'none' });
    up.modelscope.addModel({ owner: 'org', name: 'quiet', downloads: 30, stars: 6, omitDownloads: true });
    up.modelscope.addModel({ owner: 'org', name: 'secret', downloads: 40, stars: 7, private: true });
    const modelscope = createModelScopeClient({ endpoint: up.modelscope.url, retries: 0 });
    deps = { client: modelscope, now: () => NOW, sampledSince: async () => new Set(), lastValues: async () => new Map() };
  });
  afterAll(() => up.close());

  it('stores what each answer has and records each figure it lacks as a failure of that metric alone', async () => {
    const outcome = await modelscopeSource.collect({ models: ['qwen/Qwen-7B', 'org/liked', 'org/unliked', 'org/quiet', 'org/secret'] }, deps);
    expect(outcome.observations.map(({ key, configuredKey, metrics }) => ({ key, configuredKey, metrics }))).toEqual([
      { key: 'qwen/Qwen-7B', configuredKey: 'qwen/Qwen-7B', metrics: { downloads_all_time: 123_456, likes: 789 } },
      { key: 'org/liked', configuredKey: 'org/liked', metrics: { downloads_all_time: 10, likes: 4 } },
      { key: 'org/unliked', configuredKey: 'org/unliked', metrics: { downloads_all_time: 20 } },
      { key: 'org/quiet', configuredKey: 'org/quiet', metrics: { likes: 6 } },
    ]);
    expect(outcome.observations.every((observation) => observation.observedAt === NOW)).toBe(true);
    expect(outcome.failures.map(({ key, metric, error }) => ({ key, metric, kind: error.kind, message: error.message }))).toEqual([
      { key: 'org/unliked', metric: 'likes', kind: 'parse', message: expect.stringMatching(/^ModelScope answered org\/unliked without likes/) },
      { key: 'org/quiet', metric: 'downloads_all_time', kind: 'parse', message: expect.stringMatching(/without downloads_all_time/) },
      { key: 'org/secret', metric: undefined, kind: 'not_found', message: expect.stringMatching(/private or not visible/) },
    ]);
  });
});
