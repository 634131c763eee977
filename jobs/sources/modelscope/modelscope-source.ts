import { chunks } from '../../chunks.ts';
import { toOutcome } from '../../observation.ts';
import { checkModelId } from '../hub-names.ts';
import { defineSource } from '../source.ts';
import { lowerCase, nameList } from '../watchlist.ts';
import { modelscopeUpstream } from './modelscope-upstream.ts';

export interface ModelScopeBatch {
  models: string[];
}

/** ModelScope answers one model per call; a job covers this many. */
const MODELS_PER_JOB = 50;

/**
 * Cumulative downloads and likes of the configured ModelScope models. A figure the
 * answer leaves out (no `Stars`/`Likes`, no `Downloads`) fails alone; the others are stored.
 */
export const modelscopeSource = defineSource({
  source: 'modelscope',
  upstream: modelscopeUpstream,
  kinds: [
    {
      name: 'modelscope_model',
      title: 'ModelScope models',
      metrics: [
        { name: 'downloads_all_time', title: 'all-time downloads', unit: 'downloads' },
        { name: 'likes', title: 'likes', unit: 'likes' },
      ],
      configuredIn: 'modelscope.models',
      listed: (watchlist) => watchlist.models,
      find: (watchlist, key) => watchlist.models.find((id) => lowerCase(id) === lowerCase(key)),
    },
  ],
  watchlist: {
    section: 'modelscope',
    shape: { models: nameList('modelscope.models', (id) => checkModelId(id, 'ModelScope'), lowerCase) },
    defaultYaml: `
  # Downloads and likes on ModelScope (owner/name).
  models:
    - ZhipuAI/chatglm2-6b
    - qwen/Qwen-7B
    - baichuan-inc/Baichuan2-7B-Chat
    - xverse/XVERSE-13B-Chat
`,
  },
  defaultSchedule: '30 0 * * *',
  // One model per request: a round's batches wait on the network side by side.
  batchesAtOnce: 4,
  plan: (watchlist): ModelScopeBatch[] => chunks(watchlist.models, MODELS_PER_JOB).map((models) => ({ models })),
  subjects: (batch) => batch.models,
  async collect(batch, { client, now }) {
    const results = await client.fetchModels(batch.models);
    const observedAt = now();
    return toOutcome('modelscope_model', results, (requested, model) => ({
      kind: 'modelscope_model',
      key: model.id,
      label: model.id,
      configuredKey: requested,
      metrics: { downloads_all_time: model.downloads, likes: model.likes },
      observedAt,
    }), 'ModelScope');
  },
});
