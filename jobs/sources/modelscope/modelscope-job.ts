import { toSourceError } from '../../clients/source-error.ts';
import { chunks } from '../../chunks.ts';
import { toOutcome } from '../../observation.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import type { ModelScopeSnapshot } from './modelscope-client.ts';
import type { SourceJob } from '../../source-job.ts';

export interface ModelScopeBatch {
  models: string[];
}

/** ModelScope answers one model per call; a job covers this many. */
const MODELS_PER_JOB = 50;

/**
 * Cumulative downloads and likes of the configured ModelScope models. A figure the
 * answer leaves out (no `Stars`/`Likes`, no `Downloads`) fails alone; the others are stored.
 */
export const modelscopeJob: SourceJob<ModelScopeBatch> = {
  source: 'modelscope',
  plan: (config) => chunks(config.modelscope.models, MODELS_PER_JOB).map((models) => ({ models })),
  subjects: (batch) => batch.models,
  async collect(batch, { clients, now }) {
    const results: [string, SubjectResult<{ model: ModelScopeSnapshot; at: Date }>][] = [];
    for (const id of batch.models) {
      try {
        const model = await clients.modelscope.fetchModel(id);
        results.push([id, { ok: true, value: { model, at: now() } }]);
      } catch (error) {
        results.push([id, { ok: false, error: toSourceError(error) }]);
      }
    }
    return toOutcome('modelscope_model', results, (requested, { model, at }) => ({
      kind: 'modelscope_model',
      key: model.id,
      label: model.id,
      configuredKey: requested,
      metrics: { downloads_all_time: model.downloads, likes: model.likes },
      observedAt: at,
    }), 'ModelScope');
  },
};
