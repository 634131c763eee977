import { z } from 'zod';
import { createHttpClient, type HttpClientOptions } from './http-json.ts';
import { SourceError } from './source-error.ts';

export interface ModelScopeSnapshot {
  /** owner/name as ModelScope answered it. */
  id: string;
  /** Cumulative downloads. */
  downloads: number;
  likes: number;
}

export interface ModelScopeClient {
  fetchModel(id: string): Promise<ModelScopeSnapshot>;
}

const envelope = z.object({
  Code: z.number().optional(),
  Success: z.boolean().optional(),
  Message: z.string().optional(),
  Data: z.unknown(),
});
const modelData = z.object({
  Name: z.string(),
  Path: z.string(),
  Downloads: z.number().int().nonnegative(),
  Stars: z.number().int().nonnegative(),
});

export function createModelScopeClient(options: HttpClientOptions & { endpoint?: string }): ModelScopeClient {
  const endpoint = (options.endpoint ?? 'https://modelscope.cn').replace(/\/+$/, '');
  const http = createHttpClient('modelscope', options);
  return {
    async fetchModel(id) {
      const url = `${endpoint}/api/v1/models/${id.split('/').map(encodeURIComponent).join('/')}`;
      const answer = await http.getJson(url, { passStatuses: [404] });
      const parsed = envelope.safeParse(answer.body);
      if (!parsed.success) throw new SourceError('parse', `unexpected ModelScope answer for ${id}`);
      const { Code, Success, Message, Data } = parsed.data;
      if (answer.status === 404) {
        throw new SourceError('not_found', `ModelScope model ${id} not found${Message ? `: ${Message}` : ''}`, { status: 404 });
      }
      // Errors come back as HTTP 200 with Success false and a Code of their own.
      if (Success === false || (Code !== undefined && Code !== 200)) {
        throw new SourceError('http', `ModelScope answered ${Code ?? '?'} for ${id}: ${Message ?? 'no message'}`);
      }
      const data = modelData.safeParse(Data);
      if (!data.success) throw new SourceError('parse', `ModelScope answer for ${id} lacks Downloads/Stars`);
      return { id: `${data.data.Path}/${data.data.Name}`, downloads: data.data.Downloads, likes: data.data.Stars };
    },
  };
}
