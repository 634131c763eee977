import { chunks } from '../../chunks.ts';
import { type HubModelSnapshot, type HuggingFaceClient, MODELS_PER_PAGE } from './huggingface-client.ts';
import { toSourceError } from '../../clients/source-error.ts';
import { type Observation, type PartialObservation, type SubjectFailure, splitMissingMetrics } from '../../observation.ts';
import type { JobDeps } from '../../source-job.ts';
import { checkHubOwner, checkModelId } from '../hub-names.ts';
import { defineSource } from '../source.ts';
import { lowerCase, nameList } from '../watchlist.ts';
import { huggingfaceUpstream } from './huggingface-upstream.ts';

/**
 * Either one author's model list (all of it, or only `wanted` models from it), or
 * models fetched one by one. Models wanted from a list but absent from it (renamed,
 * removed) are fetched one by one in the same job.
 */
export type HuggingFaceBatch =
  | { author: string; wanted: string[] | 'all'; maxPages: number }
  | { models: string[] };

/** From this many configured models of one author on, listing the author is cheaper than one call per model. */
const LIST_AUTHOR_FROM = 3;
const MODELS_PER_JOB = 50;
/** An author list is read to its end for `authors:`; 20 pages of 500 is 10,000 models. */
const MAX_AUTHOR_PAGES = 20;

export function planHuggingFace(watchlist: { models: string[]; authors: string[] }): HuggingFaceBatch[] {
  const authors = new Set(watchlist.authors.map((author) => author.toLowerCase()));
  const byAuthor = new Map<string, string[]>();
  for (const model of watchlist.models) {
    const author = model.split('/')[0] ?? '';
    byAuthor.set(author.toLowerCase(), [...(byAuthor.get(author.toLowerCase()) ?? []), model]);
  }
  const batches: HuggingFaceBatch[] = watchlist.authors.map((author) => ({
    author,
    wanted: 'all' as const,
    maxPages: MAX_AUTHOR_PAGES,
  }));
  const single: string[] = [];
  for (const [author, models] of byAuthor) {
    if (authors.has(author)) continue; // covered by the author's full list
    if (models.length >= LIST_AUTHOR_FROM) {
      // Never more pages than the models would cost one by one.
      batches.push({ author: models[0]?.split('/')[0] ?? author, wanted: models, maxPages: models.length - 1 });
    } else single.push(...models);
  }
  return [...batches, ...chunks(single, MODELS_PER_JOB).map((models) => ({ models }))];
}

/**
 * All-time and 30-day downloads and likes of Hub models. A figure an answer leaves
 * out fails alone (recorded with its metric); the model's other figures are stored.
 */
export const huggingfaceSource = defineSource({
  source: 'huggingface',
  upstream: huggingfaceUpstream,
  kinds: [
    {
      name: 'hf_model',
      title: 'Hugging Face models',
      metrics: [
        { name: 'downloads_all_time', unit: 'downloads' },
        { name: 'downloads_30d', unit: 'downloads', windowDays: 30 },
        { name: 'likes', unit: 'likes' },
      ],
      configuredIn: 'huggingface.models or huggingface.authors',
      listed: (watchlist) => watchlist.models,
      find(watchlist, key) {
        const listed = watchlist.models.find((id) => lowerCase(id) === lowerCase(key));
        if (listed !== undefined) return listed;
        // Any model of a watched author is configured, under its own spelling.
        const owner = lowerCase(key.split('/')[0] ?? '');
        const ownerWatched = watchlist.authors.some((author) => lowerCase(author) === owner);
        return ownerWatched && checkModelId(key, 'Hugging Face') === undefined ? key : undefined;
      },
    },
  ],
  watchlist: {
    section: 'huggingface',
    shape: {
      models: nameList('huggingface.models', (id) => checkModelId(id, 'Hugging Face'), lowerCase),
      authors: nameList('huggingface.authors', checkHubOwner, lowerCase),
    },
    defaultYaml: `
  # Downloads (all-time and last 30 days) and likes of these models (org/name).
  models:
    - THUDM/chatglm-6b
    - THUDM/chatglm2-6b
    - meta-llama/Llama-2-7b-hf
    - Qwen/Qwen-7B
    - baichuan-inc/Baichuan-7B
    - xverse/XVERSE-13B
    - fnlp/moss-moon-003-sft
    - BAAI/Aquila-7B
    - tiiuae/falcon-7b
    - mosaicml/mpt-7b
    - databricks/dolly-v2-12b
    - openlm-research/open_llama_7b
    - RWKV/rwkv-4-169m-pile
    - stabilityai/stable-diffusion-2-1
  # Every model of these users or organisations, e.g. [THUDM, Qwen].
  authors: []
`,
  },
  defaultSchedule: '20 0 * * *',
  // One model per request: a round's batches wait on the network side by side.
  batchesAtOnce: 4,
  plan: planHuggingFace,
  subjects: (batch) => ('models' in batch ? batch.models : batch.wanted === 'all' ? [`${batch.author}/*`] : batch.wanted),
  async collect(batch, deps) {
    const observations: Observation[] = [];
    const failures: SubjectFailure[] = [];
    const keep = (partial: PartialObservation) => {
      const split = splitMissingMetrics(partial, 'Hugging Face');
      observations.push(split.observation);
      failures.push(...split.failures);
    };
    let oneByOne = 'models' in batch ? batch.models : [];
    if ('author' in batch) {
      try {
        const listed = await listAuthor(batch, deps);
        listed.observations.forEach(keep);
        oneByOne = listed.missing;
      } catch (error) {
        if (batch.wanted === 'all') failures.push({ kind: 'hf_model', key: `${batch.author}/*`, error: toSourceError(error) });
        else oneByOne = batch.wanted;
      }
    }
    const fetched = await deps.client.fetchModels(oneByOne);
    const observedAt = deps.now();
    for (const [id, result] of fetched) {
      if (result.ok) keep(observe(id, result.value, observedAt));
      else failures.push({ kind: 'hf_model', key: id, error: result.error });
    }
    return { observations, failures };
  },
});

async function listAuthor(batch: Extract<HuggingFaceBatch, { author: string }>, deps: JobDeps<HuggingFaceClient>) {
  const wanted = batch.wanted === 'all' ? undefined : new Map(batch.wanted.map((id) => [id.toLowerCase(), id]));
  const observations: PartialObservation[] = [];
  let seen = 0;
  for await (const model of deps.client.listAuthorModels(batch.author)) {
    const requested = wanted ? wanted.get(model.id.toLowerCase()) : model.id;
    if (requested !== undefined) {
      observations.push(observe(requested, model, deps.now()));
      wanted?.delete(model.id.toLowerCase());
    }
    seen++;
    if (wanted?.size === 0 || seen >= batch.maxPages * MODELS_PER_PAGE) break;
  }
  return { observations, missing: wanted ? [...wanted.values()] : [] };
}

function observe(requested: string, model: HubModelSnapshot, observedAt: Date): PartialObservation {
  return {
    kind: 'hf_model',
    key: model.id,
    label: model.id,
    externalId: model.hubId,
    configuredKey: requested,
    metrics: { downloads_all_time: model.downloadsAllTime, downloads_30d: model.downloads30d, likes: model.likes },
    observedAt,
  };
}
