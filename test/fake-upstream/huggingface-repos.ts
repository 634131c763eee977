// The fake Hub's datasets and Spaces, and the JSON shapes `GET /api/datasets/{id}` and
// `GET /api/spaces/{id}` answer: the full info, and the `expand=` projection. No
// recorded answer of either route exists in huggingface_hub or huggingface.js; the
// keys follow their `ApiDatasetInfo` / `ApiSpaceInfo` types and `Expand*Property_T`
// lists, and the projection follows the one recorded for models.
import { hashHex } from './http-helpers.ts';
import { expandedAnswer, expandParamsOf, HubRepoStore, withoutOmitted } from './huggingface-store.ts';

interface HubRepoInputBase {
  /** 24 hex characters: the Hub's stable id, kept across renames. */
  _id: string;
  /** `org/name`. */
  id: string;
  likes: number;
  /** Private repositories are invisible: 401 anonymous, 404 with a token. @defaultValue false */
  private?: boolean;
  /** ISO time. @defaultValue '2023-03-20T08:05:12.000Z' */
  createdAt?: string;
  /** ISO time. @defaultValue '2026-10-28T17:40:03.000Z' */
  lastModified?: string;
}

export interface HubDatasetInput extends HubRepoInputBase {
  /** Last 30 days. */
  downloads: number;
  /** Cumulative; only answered when expanded. */
  downloadsAllTime: number;
  /** Gated datasets still show their metadata. @defaultValue false */
  gated?: false | 'auto' | 'manual';
  /** Fields left out of this dataset's answers: an absent figure is not a 0. @defaultValue [] */
  omit?: ('_id' | 'id' | 'downloads' | 'downloadsAllTime' | 'likes')[];
}

export interface HubSpaceInput extends HubRepoInputBase {
  /** @defaultValue 'gradio' */
  sdk?: 'gradio' | 'streamlit' | 'docker' | 'static';
  /** Fields left out of this Space's answers: an absent figure is not a 0. @defaultValue [] */
  omit?: ('_id' | 'id' | 'likes')[];
}

export type HubDatasetPatch = Partial<Omit<HubDatasetInput, '_id' | 'id'>>;
export type HubSpacePatch = Partial<Omit<HubSpaceInput, '_id' | 'id'>>;
type HubDataset = Required<HubDatasetInput>;
type HubSpace = Required<HubSpaceInput>;

/** huggingface_hub's `ExpandDatasetProperty_T`, plus `gitalyUid` (huggingface.js); others are a 400. */
const DATASET_EXPANDABLE = new Set([
  'author', 'cardData', 'citation', 'createdAt', 'description', 'disabled', 'downloads', 'downloadsAllTime', 'gated',
  'gitalyUid', 'lastModified', 'likes', 'paperswithcode_id', 'private', 'resourceGroup', 'sha', 'siblings', 'tags',
  'trendingScore', 'usedStorage', 'xetEnabled',
]);
/** huggingface_hub's `ExpandSpaceProperty_T`, plus `gitalyUid`: Spaces have no downloads. */
const SPACE_EXPANDABLE = new Set([
  'author', 'cardData', 'createdAt', 'datasets', 'disabled', 'gitalyUid', 'lastModified', 'likes', 'models', 'private',
  'resourceGroup', 'runtime', 'sdk', 'sha', 'siblings', 'subdomain', 'tags', 'trendingScore', 'usedStorage', 'xetEnabled',
]);

const common = (input: HubRepoInputBase) => ({
  private: input.private ?? false,
  createdAt: input.createdAt ?? '2023-03-20T08:05:12.000Z',
  lastModified: input.lastModified ?? '2026-10-28T17:40:03.000Z',
});

export class HubDatasetStore extends HubRepoStore<HubDataset> {
  constructor() {
    super('dataset');
  }

  add(input: HubDatasetInput): void {
    this.insert({ ...input, ...common(input), gated: input.gated ?? false, omit: input.omit ?? [] });
  }
}

export class HubSpaceStore extends HubRepoStore<HubSpace> {
  constructor() {
    super('Space');
  }

  add(input: HubSpaceInput): void {
    this.insert({ ...input, ...common(input), sdk: input.sdk ?? 'gradio', omit: input.omit ?? [] });
  }
}

export const datasetExpandParams = (params: URLSearchParams) => expandParamsOf(params, DATASET_EXPANDABLE);
export const spaceExpandParams = (params: URLSearchParams) => expandParamsOf(params, SPACE_EXPANDABLE);

/** `GET /api/datasets/{id}`: the full info without expand (never `downloadsAllTime`), else the projection. */
export function datasetAnswer(dataset: HubDataset, fields: string[]): Record<string, unknown> {
  if (fields.length > 0) return expandedAnswer(dataset, fullDataset(dataset), fields);
  const { downloadsAllTime: _notByDefault, trendingScore: _listOnly, ...info } = fullDataset(dataset);
  return withoutOmitted(dataset, info);
}

/** `GET /api/spaces/{id}`: the full info without expand, else the projection. */
export function spaceAnswer(space: HubSpace, fields: string[]): Record<string, unknown> {
  if (fields.length > 0) return expandedAnswer(space, fullSpace(space), fields);
  const { trendingScore: _listOnly, ...info } = fullSpace(space);
  return withoutOmitted(space, info);
}

const authorOf = (repo: { id: string }) => repo.id.split('/')[0] ?? repo.id;

function fullDataset(dataset: HubDataset): Record<string, unknown> {
  return {
    _id: dataset._id,
    id: dataset.id,
    author: authorOf(dataset),
    sha: hashHex(`${dataset._id}:${dataset.lastModified}`, 'sha1'),
    lastModified: dataset.lastModified,
    private: dataset.private,
    gated: dataset.gated,
    disabled: false,
    tags: ['task_categories:text-generation', 'language:en', 'license:cc-by-nc-4.0', 'format:parquet', 'region:us'],
    description: '',
    downloads: dataset.downloads,
    downloadsAllTime: dataset.downloadsAllTime,
    likes: dataset.likes,
    trendingScore: 0,
    cardData: { license: 'cc-by-nc-4.0', language: ['en'], task_categories: ['text-generation'] },
    siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'data/train-00000-of-00001.parquet' }],
    createdAt: dataset.createdAt,
    usedStorage: 24_246_638,
  };
}

function fullSpace(space: HubSpace): Record<string, unknown> {
  return {
    _id: space._id,
    id: space.id,
    author: authorOf(space),
    sha: hashHex(`${space._id}:${space.lastModified}`, 'sha1'),
    lastModified: space.lastModified,
    private: space.private,
    gated: false,
    disabled: false,
    subdomain: space.id.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    likes: space.likes,
    trendingScore: 0,
    sdk: space.sdk,
    tags: [space.sdk, 'region:us'],
    runtime: { stage: 'RUNNING', hardware: { current: 'cpu-basic', requested: 'cpu-basic' } },
    siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'app.py' }],
    models: [],
    datasets: [],
    createdAt: space.createdAt,
    usedStorage: 1_048_576,
  };
}
