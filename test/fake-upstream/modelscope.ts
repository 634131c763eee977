// The fake ModelScope: `GET /api/v1/models/{owner}/{name}` in its envelope
// `{Code, Data, Message, RequestId, Success}`. ModelScope publishes no rate limits.
// Answers vary between surfaces (the official client reads the like count as `Stars`
// or `Likes`, and never reads `Path`), so a model can be answered either way.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { FaultQueue, type FaultRule, type ModelScopeFault } from './faults.ts';
import { decodePath, jsonReply, rawReply, textReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export interface ModelScopeModelInput {
  /** The namespace, answered as `Path` (unless `omitPath`). */
  owner: string;
  name: string;
  /** Cumulative. */
  downloads: number;
  /** The like count, answered under the name `likeField` says. */
  stars: number;
  /** Which field carries `stars`; `'none'` leaves the like count out. @defaultValue 'Stars' */
  likeField?: 'Stars' | 'Likes' | 'none';
  /** Leave `Path` out of the answer, as the official client's recorded model data does. @defaultValue false */
  omitPath?: boolean;
  /** Leave `Downloads` out of the answer. @defaultValue false */
  omitDownloads?: boolean;
  /** Private (or otherwise not visible): answered 403 with an error envelope. @defaultValue false */
  private?: boolean;
  /** @defaultValue '' */
  chineseName?: string;
  /** Epoch seconds. @defaultValue 1690000000 */
  createdTime?: number;
  /** Epoch seconds. @defaultValue 1690000000 */
  lastUpdatedTime?: number;
  /** @defaultValue [] */
  tags?: string[];
}

export type ModelScopeModelPatch = Partial<Omit<ModelScopeModelInput, 'owner' | 'name'>>;

type ModelScopeModel = Required<ModelScopeModelInput> & { id: number };

// Error code ModelScope answers for a model that does not exist (other codes unverified).
const MODEL_NOT_FOUND = 10010205;
// The failure example of the official client (modelscope/hub/errors.py, `is_ok`), for a
// model the caller may not see; that it comes with status 403 is not recorded with it.
const NOT_PERMITTED = 10010101004;
const NOT_PERMITTED_MESSAGE = 'get model info failed, err: unauthorized permission';
const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>';

export class FakeModelScope {
  /** Base URL, for `MODELSCOPE_ENDPOINT`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<ModelScopeFault>();
  /** Lower-cased `owner/name` → model; names match case-insensitively (unverified on the real host). */
  private readonly models = new Map<string, ModelScopeModel>();
  private nextId = 300_001;

  addModel(input: ModelScopeModelInput): void {
    const key = `${input.owner}/${input.name}`.toLowerCase();
    if (this.models.has(key)) throw new Error(`fake ModelScope: ${input.owner}/${input.name} already exists`);
    this.models.set(key, {
      ...input,
      chineseName: input.chineseName ?? '',
      createdTime: input.createdTime ?? 1_690_000_000,
      lastUpdatedTime: input.lastUpdatedTime ?? 1_690_000_000,
      tags: input.tags ?? [],
      likeField: input.likeField ?? 'Stars',
      omitPath: input.omitPath ?? false,
      omitDownloads: input.omitDownloads ?? false,
      private: input.private ?? false,
      id: this.nextId++,
    });
  }

  /** `fullName` is `owner/name`. */
  updateModel(fullName: string, patch: ModelScopeModelPatch): void {
    const model = this.mustFind(fullName);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(model, { [key]: value });
  }

  deleteModel(fullName: string): void {
    this.mustFind(fullName);
    this.models.delete(fullName.toLowerCase());
  }

  inject(rule: FaultRule<ModelScopeFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<ModelScopeFault> = {
    handle: (request) => this.route(request),
    replyToFault: (fault) => {
      if (fault.kind === 'ms-rate-limit') {
        const reply = envelope(429, 429, null, 'Too Many Requests');
        return fault.retryAfter === undefined ? reply : { ...reply, headers: { ...reply.headers, 'retry-after': String(fault.retryAfter) } };
      }
      if (fault.kind === 'ms-not-found') {
        return fault.body === 'empty' ? { status: 404, headers: {}, body: '' } : textReply(404, NOT_FOUND_PAGE, { 'content-type': 'text/html; charset=utf-8' });
      }
      return fault.body === undefined ? envelope(fault.status, fault.status, null, STATUS_CODES[fault.status] ?? 'Server Error') : rawReply(fault.status, fault.body);
    },
  };

  private route(request: FakeRequest): Reply {
    const match = /^\/api\/v1\/models\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return envelope(404, 404, null, 'Not Found');
    const model = this.models.get(`${decodePath(match[1] ?? '')}/${decodePath(match[2] ?? '')}`.toLowerCase());
    if (!model) return envelope(404, MODEL_NOT_FOUND, null, 'Model not found');
    if (model.private) return envelope(403, NOT_PERMITTED, null, NOT_PERMITTED_MESSAGE);
    return envelope(200, 200, modelData(model), 'success');
  }

  private mustFind(fullName: string): ModelScopeModel {
    const model = this.models.get(fullName.toLowerCase());
    if (!model) throw new Error(`fake ModelScope: no model ${fullName}`);
    return model;
  }
}

function envelope(status: number, code: number, data: unknown, message: string): Reply {
  return jsonReply(status, { Code: code, Data: data, Message: message, RequestId: randomUUID(), Success: code === 200 });
}

function modelData(model: ModelScopeModel): Record<string, unknown> {
  return {
    Id: model.id,
    Name: model.name,
    ...(!model.omitPath && { Path: model.owner }),
    ChineseName: model.chineseName,
    Description: '',
    ...(!model.omitDownloads && { Downloads: model.downloads }),
    ...(model.likeField !== 'none' && { [model.likeField]: model.stars }),
    CreatedBy: model.owner,
    CreatedTime: model.createdTime,
    LastUpdatedTime: model.lastUpdatedTime,
    License: 'Apache License 2.0',
    Tags: model.tags,
    Tasks: [{ Name: 'chat', ChineseName: '对话' }],
    Frameworks: ['Pytorch'],
    Libraries: ['transformers'],
    ModelType: [],
    Architectures: ['Qwen2ForCausalLM'],
    IsPublished: 1,
    IsOnline: 1,
    Visibility: 5,
  };
}
