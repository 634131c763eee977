import { z } from 'zod';
import { createHttpClient, type HttpClientOptions } from './http-json.ts';
import { SourceError } from './source-error.ts';

export interface HubModelSnapshot {
  /** The Hub's `_id`; survives renames. */
  hubId: string;
  /** org/name as the Hub spells it now. */
  id: string;
  downloadsAllTime: number;
  /** The Hub's `downloads`: the last 30 days. */
  downloads30d: number;
  likes: number;
}

export interface HuggingFaceClient {
  fetchModel(id: string): Promise<HubModelSnapshot>;
  /** Every model of an author, page by page (the Hub paginates only by `Link` cursor). */
  listAuthorModels(author: string): AsyncGenerator<HubModelSnapshot>;
}

/** The JS client asks at most this many per page; fewer pages means fewer calls against the 5-minute quota. */
export const MODELS_PER_PAGE = 500;
const EXPAND = ['downloads', 'downloadsAllTime', 'likes'].map((field) => `expand=${field}`).join('&');

const expandedModel = z.object({
  _id: z.string(),
  id: z.string(),
  downloads: z.number().int().nonnegative(),
  downloadsAllTime: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
});

export function createHuggingFaceClient(
  options: HttpClientOptions & { endpoint?: string; token?: string },
): HuggingFaceClient {
  const endpoint = (options.endpoint ?? 'https://huggingface.co').replace(/\/+$/, '');
  const http = createHttpClient('huggingface', {
    ...options,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    rateLimitWaitMs: hubRateLimitWaitMs,
  });

  return {
    async fetchModel(id) {
      const url = `${endpoint}/api/models/${id.split('/').map(encodeURIComponent).join('/')}?${EXPAND}`;
      const answer = await http.getJson(url, { passStatuses: [401, 404] });
      if (answer.status === 401 && options.token) throw new SourceError('auth', 'the Hub refused HF_TOKEN', { status: 401 });
      if (answer.status === 401 || answer.status === 404) {
        throw new SourceError('not_found', `Hugging Face model ${id} not found (or private)`, { status: answer.status });
      }
      return toSnapshot(answer.body, id);
    },
    async *listAuthorModels(author) {
      let url: string | undefined =
        `${endpoint}/api/models?author=${encodeURIComponent(author)}&limit=${MODELS_PER_PAGE}&${EXPAND}`;
      while (url) {
        const answer = await http.getJson(url);
        if (!Array.isArray(answer.body)) throw new SourceError('parse', `the Hub's model list for ${author} is not an array`);
        for (const model of answer.body) yield toSnapshot(model, `${author}/?`);
        url = nextLink(answer.headers.get('link'));
      }
    },
  };
}

function toSnapshot(body: unknown, requested: string): HubModelSnapshot {
  const parsed = expandedModel.safeParse(body);
  if (!parsed.success) {
    throw new SourceError('parse', `unexpected Hub answer for ${requested}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  }
  const model = parsed.data;
  return { hubId: model._id, id: model.id, downloadsAllTime: model.downloadsAllTime, downloads30d: model.downloads, likes: model.likes };
}

/** `RateLimit: "api";r=0;t=55`: t is the seconds until the 5-minute window resets. */
export function hubRateLimitWaitMs(headers: Headers): number | undefined {
  const match = /;\s*t=(\d+)/.exec(headers.get('ratelimit') ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}

/** The `rel="next"` target of a Link header. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}
