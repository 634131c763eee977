// The fake Hub's models, with renames, and the JSON shapes the Hub answers: the
// full model info, the compact list item, and the `expand=` projection.
import { hashHex } from './http-helpers.ts';
import { expandedAnswer, expandParamsOf, HubRepoStore, withoutOmitted } from './huggingface-store.ts';

export interface HubModelInput {
  /** 24 hex characters: the Hub's stable id, kept across renames. */
  _id: string;
  /** `org/name`. */
  id: string;
  /** Last 30 days. */
  downloads: number;
  /** Cumulative; only answered when expanded. */
  downloadsAllTime: number;
  likes: number;
  /** Private models are invisible: 401 anonymous, 404 with a token. @defaultValue false */
  private?: boolean;
  /** Gated models still show their metadata. @defaultValue false */
  gated?: false | 'auto' | 'manual';
  /** @defaultValue 'text-generation' */
  pipeline_tag?: string;
  /** @defaultValue 'transformers' */
  library_name?: string;
  /** @defaultValue ['transformers', 'pytorch', 'text-generation'] */
  tags?: string[];
  /** ISO time. @defaultValue '2023-03-13T16:51:52.000Z' */
  createdAt?: string;
  /** ISO time. @defaultValue '2026-11-02T09:12:40.000Z' */
  lastModified?: string;
  /**
   * Fields left out of this model's answers (info and list items alike): the Hub does
   * not promise its figures in every answer, and an absent figure is not a 0. @defaultValue []
   */
  omit?: HubOmittableField[];
}

/** What a model's answers can lack: a figure, or the ids themselves (a list item with nothing to key it by). */
export type HubOmittableField = '_id' | 'id' | 'downloads' | 'downloadsAllTime' | 'likes';

export type HubModelPatch = Partial<Omit<HubModelInput, '_id' | 'id'>>;

type HubModel = Required<HubModelInput>;

/** Every `expand` value the Hub accepts for models; others are a 400. */
const EXPANDABLE = new Set([
  'author', 'baseModels', 'cardData', 'childrenModelCount', 'config', 'createdAt', 'disabled', 'downloads',
  'downloadsAllTime', 'gated', 'gguf', 'inference', 'inferenceProviderMapping', 'lastModified', 'library_name',
  'likes', 'mask_token', 'model-index', 'pipeline_tag', 'private', 'resourceGroup', 'safetensors', 'sha',
  'siblings', 'spaces', 'tags', 'transformersInfo', 'trendingScore', 'usedStorage', 'widgetData', 'xetEnabled',
]);

export class HubModelStore extends HubRepoStore<HubModel> {
  constructor() {
    super('model');
  }

  add(input: HubModelInput): void {
    this.insert({
      ...input,
      private: input.private ?? false,
      gated: input.gated ?? false,
      pipeline_tag: input.pipeline_tag ?? 'text-generation',
      library_name: input.library_name ?? 'transformers',
      tags: input.tags ?? ['transformers', 'pytorch', 'text-generation'],
      createdAt: input.createdAt ?? '2023-03-13T16:51:52.000Z',
      lastModified: input.lastModified ?? '2026-11-02T09:12:40.000Z',
      omit: input.omit ?? [],
    });
  }
}

export function authorOf(model: HubModel): string {
  return model.id.split('/')[0] ?? model.id;
}

/** The `expand` values of a model query (`expand=a&expand=b`, or `expand[]=a`), and any the Hub would refuse. */
export function expandParams(params: URLSearchParams): { fields: string[]; unknown: string[] } {
  return expandParamsOf(params, EXPANDABLE);
}

/** With `expand`, only `_id`, `id` and the expanded fields (those the fake models) come back. */
export function expandedModel(model: HubModel, fields: string[]): Record<string, unknown> {
  return expandedAnswer(model, fullModel(model), fields);
}

/** `GET /api/models/{id}` without expand; `downloadsAllTime` is never part of it. */
export function modelInfo(model: HubModel): Record<string, unknown> {
  const { downloadsAllTime: _notByDefault, trendingScore: _listOnly, ...info } = fullModel(model);
  return withoutOmitted(model, info);
}

/** An item of `GET /api/models` without expand: a compact shape, no author nor lastModified. */
export function listItem(model: HubModel): Record<string, unknown> {
  return withoutOmitted(model, {
    _id: model._id,
    id: model.id,
    likes: model.likes,
    trendingScore: 0,
    private: model.private,
    downloads: model.downloads,
    tags: model.tags,
    pipeline_tag: model.pipeline_tag,
    library_name: model.library_name,
    createdAt: model.createdAt,
    modelId: model.id,
  });
}

function fullModel(model: HubModel): Record<string, unknown> {
  return {
    _id: model._id,
    id: model.id,
    private: model.private,
    pipeline_tag: model.pipeline_tag,
    library_name: model.library_name,
    tags: model.tags,
    downloads: model.downloads,
    downloadsAllTime: model.downloadsAllTime,
    likes: model.likes,
    trendingScore: 0,
    modelId: model.id,
    author: authorOf(model),
    sha: hashHex(`${model._id}:${model.lastModified}`, 'sha1'),
    lastModified: model.lastModified,
    gated: model.gated,
    disabled: false,
    siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'config.json' }],
    spaces: [],
    createdAt: model.createdAt,
    usedStorage: 13_476_839_424,
  };
}
