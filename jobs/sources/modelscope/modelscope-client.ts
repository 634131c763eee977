import { askEach } from '../../clients/ask-each.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { z } from 'zod';
import { createHttpClient, type HttpClientOptions, retryAfterHeaderMs } from '../../clients/http-json.ts';
import { countIn } from '../../clients/answer-count.ts';
import { SourceError } from '../../clients/source-error.ts';

export interface ModelScopeSnapshot {
  /** owner/name: as ModelScope answered it when the answer names both (`Path`, `Name`), else as requested. */
  id: string;
  /** Cumulative downloads; undefined when the answer left `Downloads` out. */
  downloads: number | undefined;
  /** The like count, answered as `Stars` or `Likes`; undefined when the answer has neither. */
  likes: number | undefined;
}

export interface ModelScopeClient {
  /** One model; a missing or private one throws `SourceError('not_found')`. */
  fetchModel(id: string): Promise<ModelScopeSnapshot>;
  /** Each model in turn (one per request), until a rate limit stops the rest. */
  fetchModels(ids: readonly string[]): Promise<Map<string, SubjectResult<ModelScopeSnapshot>>>;
}

export interface ModelScopeClientOptions extends HttpClientOptions {
  /** @defaultValue 'https://modelscope.cn' */
  endpoint?: string;
  /** Milliseconds per second of upstream-requested wait (`Retry-After`); tests shrink it. @defaultValue 1000 */
  secondMs?: number;
}

/** ModelScope publishes no rate limits; a 429 without `Retry-After` waits this long (withRetries' own guess). */
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

const envelope = z.object({
  Code: z.number().optional(),
  Success: z.boolean().optional(),
  Message: z.string().optional(),
  Data: z.unknown().optional(),
});
/** Fields are read one by one: a figure left out fails alone (see `countIn`). */
const modelData = z.record(z.string(), z.unknown());

export function createModelScopeClient(options: ModelScopeClientOptions): ModelScopeClient {
  const endpoint = (options.endpoint ?? 'https://modelscope.cn').replace(/\/+$/, '');
  const secondMs = options.secondMs ?? 1000;
  const http = createHttpClient('modelscope', {
    ...options,
    rateLimitWaitMs: (headers) => ((retryAfterHeaderMs(headers) ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000) / 1000) * secondMs,
  });
  const client: ModelScopeClient = {
    fetchModels: (ids) => askEach(ids, (id) => client.fetchModel(id)),
    async fetchModel(id) {
      const url = `${endpoint}/api/v1/models/${id.split('/').map(encodeURIComponent).join('/')}`;
      const answer = await http.getJson(url, { passStatuses: [403, 404] });
      const parsed = envelope.safeParse(answer.body);
      const message = parsed.success && parsed.data.Message ? `: ${parsed.data.Message}` : '';
      // The status decides before the body: a 404 or 403 may come as an HTML page or empty.
      if (answer.status === 404) throw new SourceError('not_found', `ModelScope model ${id} not found${message}`, { status: 404 });
      if (answer.status === 403) {
        throw new SourceError('not_found', `ModelScope model ${id} is private or not visible${message}`, { status: 403 });
      }
      if (!parsed.success) throw new SourceError('parse', `unexpected ModelScope answer for ${id}`);
      const { Code, Success, Message, Data } = parsed.data;
      // Errors come back as HTTP 200 with Success false and a Code of their own.
      if (Success === false || (Code !== undefined && Code !== 200)) {
        throw new SourceError('http', `ModelScope answered ${Code ?? '?'} for ${id}: ${Message ?? 'no message'}`);
      }
      const data = modelData.safeParse(Data);
      if (!data.success) throw new SourceError('parse', `ModelScope answer for ${id} has no model in Data`);
      return toSnapshot(id, data.data);
    },
  };
  return client;
}

function toSnapshot(requested: string, data: z.infer<typeof modelData>): ModelScopeSnapshot {
  const owner = typeof data.Path === 'string' && data.Path !== '' && !data.Path.includes('/') ? data.Path : undefined;
  const name = typeof data.Name === 'string' && data.Name !== '' && !data.Name.includes('/') ? data.Name : undefined;
  const stars = countIn(data.Stars);
  const likes = countIn(data.Likes);
  return {
    // Path is not in every answer (the official client never reads it): the requested id stands in.
    id: owner !== undefined && name !== undefined ? `${owner}/${name}` : requested,
    downloads: countIn(data.Downloads),
    // As the official client (`Stars or Likes`), except that a lone Stars of 0 stays 0.
    likes: (stars || likes) ?? stars,
  };
}
