import { chunks } from '../../chunks.ts';
import { type HubModelSnapshot, type HuggingFaceClient, MODELS_PER_PAGE } from './huggingface-client.ts';
import { toSourceError } from '../../clients/source-error.ts';
import { type Observation, type PartialObservation, type SubjectFailure, splitMissingMetrics, toOutcome } from '../../observation.ts';
import type { JobDeps } from '../../source-job.ts';
import { checkHubOwner, checkModelId, checkRepoId } from '../hub-names.ts';
import { defineSource, type MetricSpec } from '../source.ts';
import { lowerCase, nameList } from '../watchlist.ts';
import { huggingfaceUpstream } from './huggingface-upstream.ts';

/**
 * Either one author's model list (all of it, or only `wanted` models from it), or
 * models, datasets or Spaces fetched one by one. Models wanted from a list but absent
 * from it (renamed, removed) are fetched one by one in the same job.
 */
export type HuggingFaceBatch =
  | { author: string; wanted: string[] | 'all'; maxPages: number }
  | { models: string[] }
  | { datasets: string[] }
  | { spaces: string[] };

export interface HuggingFaceWatchlist {
  models: string[];
  authors: string[];
  datasets: string[];
  spaces: string[];
}

/** From this many configured models of one author on, listing the author is cheaper than one call per model. */
const LIST_AUTHOR_FROM = 3;
const MODELS_PER_JOB = 50;
/** An author list is read to its end for `authors:`; 20 pages of 500 is 10,000 models. */
const MAX_AUTHOR_PAGES = 20;

export function planHuggingFace(watchlist: HuggingFaceWatchlist): HuggingFaceBatch[] {
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
  return [
    ...batches,
    ...chunks(single, MODELS_PER_JOB).map((models) => ({ models })),
    // One request each, like models; no list per author (no `authors:` for them).
    ...chunks(watchlist.datasets, MODELS_PER_JOB).map((datasets) => ({ datasets })),
    ...chunks(watchlist.spaces, MODELS_PER_JOB).map((spaces) => ({ spaces })),
  ];
}

/** The figures the Hub answers for models and datasets alike. */
const DOWNLOADS_AND_LIKES = [
  { name: 'downloads_all_time', title: 'all-time downloads', unit: 'downloads' },
  { name: 'downloads_30d', title: 'downloads (30 days)', unit: 'downloads', windowDays: 30 },
  { name: 'likes', title: 'likes', unit: 'likes' },
] as const satisfies readonly [MetricSpec, ...MetricSpec[]];

/** A configured id matched the Hub's way (case-insensitively), in its configured spelling. */
const findIn = (ids: readonly string[], key: string) => ids.find((id) => lowerCase(id) === lowerCase(key));

/**
 * All-time and 30-day downloads and likes of Hub models and datasets, and likes of
 * Spaces. A figure an answer leaves out fails alone (recorded with its metric); the
 * subject's other figures are stored. The Hub keeps no download history: no backfill.
 */
export const huggingfaceSource = defineSource({
  source: 'huggingface',
  upstream: huggingfaceUpstream,
  kinds: [
    {
      name: 'hf_model',
      title: 'Hugging Face models',
      metrics: DOWNLOADS_AND_LIKES,
      configuredIn: 'huggingface.models or huggingface.authors',
      listed: (watchlist) => watchlist.models,
      find(watchlist, key) {
        const listed = findIn(watchlist.models, key);
        if (listed !== undefined) return listed;
        // Any model of a watched author is configured, under its own spelling.
        const owner = lowerCase(key.split('/')[0] ?? '');
        const ownerWatched = watchlist.authors.some((author) => lowerCase(author) === owner);
        return ownerWatched && checkModelId(key, 'Hugging Face') === undefined ? key : undefined;
      },
    },
    {
      name: 'hf_dataset',
      title: 'Hugging Face datasets',
      metrics: DOWNLOADS_AND_LIKES,
      configuredIn: 'huggingface.datasets',
      listed: (watchlist) => watchlist.datasets,
      find: (watchlist, key) => findIn(watchlist.datasets, key),
    },
    {
      name: 'hf_space',
      title: 'Hugging Face Spaces',
      metrics: [{ name: 'likes', title: 'likes', unit: 'likes' }],
      configuredIn: 'huggingface.spaces',
      listed: (watchlist) => watchlist.spaces,
      find: (watchlist, key) => findIn(watchlist.spaces, key),
    },
  ],
  kindOf: (batch) => ('datasets' in batch ? 'hf_dataset' : 'spaces' in batch ? 'hf_space' : 'hf_model'),
  watchlist: {
    section: 'huggingface',
    shape: {
      models: nameList('huggingface.models', (id) => checkModelId(id, 'Hugging Face'), lowerCase),
      authors: nameList('huggingface.authors', checkHubOwner, lowerCase),
      datasets: nameList('huggingface.datasets', (id) => checkRepoId(id, 'Hugging Face dataset'), lowerCase),
      spaces: nameList('huggingface.spaces', (id) => checkRepoId(id, 'Hugging Face Space'), lowerCase),
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
  # Downloads (all-time and last 30 days) and likes of these datasets (org/name).
  datasets:
    - tatsu-lab/alpaca
    - databricks/databricks-dolly-15k
  # Likes of these Spaces (org/name): the Hub counts no visits or downloads of a Space.
  spaces:
    - open-llm-leaderboard/open_llm_leaderboard
`,
  },
  defaultSchedule: '20 0 * * *',
  // One model per request: a round's batches wait on the network side by side.
  batchesAtOnce: 4,
  plan: planHuggingFace,
  subjects: (batch) =>
    'models' in batch ? batch.models
    : 'datasets' in batch ? batch.datasets
    : 'spaces' in batch ? batch.spaces
    : batch.wanted === 'all' ? [`${batch.author}/*`] : batch.wanted,
  async collect(batch, deps) {
    if ('datasets' in batch) {
      const fetched = await deps.client.fetchDatasets(batch.datasets);
      const observedAt = deps.now();
      return toOutcome('hf_dataset', fetched, (id, dataset) => observe('hf_dataset', id, dataset, observedAt), 'Hugging Face');
    }
    if ('spaces' in batch) {
      const fetched = await deps.client.fetchSpaces(batch.spaces);
      const observedAt = deps.now();
      return toOutcome('hf_space', fetched, (id, space) => ({ ...identity('hf_space', id, space, observedAt), metrics: { likes: space.likes } }), 'Hugging Face');
    }
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
      if (result.ok) keep(observe('hf_model', id, result.value, observedAt));
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
      observations.push(observe('hf_model', requested, model, deps.now()));
      wanted?.delete(model.id.toLowerCase());
    }
    seen++;
    if (wanted?.size === 0 || seen >= batch.maxPages * MODELS_PER_PAGE) break;
  }
  return { observations, missing: wanted ? [...wanted.values()] : [] };
}

/** Renames keep one series: the subject is the Hub's `_id`, under the name the Hub spells now. */
function identity(kind: string, requested: string, repo: { hubId: string; id: string }, observedAt: Date): Omit<PartialObservation, 'metrics'> {
  return { kind, key: repo.id, label: repo.id, externalId: repo.hubId, configuredKey: requested, observedAt };
}

/** A model's or a dataset's figures: the Hub answers the same three for both. */
function observe(kind: 'hf_model' | 'hf_dataset', requested: string, repo: HubModelSnapshot, observedAt: Date): PartialObservation {
  const metrics = { downloads_all_time: repo.downloadsAllTime, downloads_30d: repo.downloads30d, likes: repo.likes };
  return { ...identity(kind, requested, repo, observedAt), metrics };
}
