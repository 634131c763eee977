import { askEach } from '../../clients/ask-each.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { nextLink } from '../../clients/link-header.ts';
import { z } from 'zod';
import { createHttpClient, type HttpClientOptions, type JsonAnswer } from '../../clients/http-json.ts';
import { countIn } from '../../clients/answer-count.ts';
import { SourceError } from '../../clients/source-error.ts';

/**
 * One model as the Hub answered it. A figure the answer left out is `undefined`
 * (the Hub omits fields it was not asked to expand, and has answered listings with
 * items lacking some): it is recorded as missing, never taken for 0.
 */
export interface HubModelSnapshot {
  /** The Hub's `_id`; survives renames. */
  hubId: string;
  /** org/name as the Hub spells it now. */
  id: string;
  /** The Hub's `downloadsAllTime`: cumulative, answered only when expanded. */
  downloadsAllTime: number | undefined;
  /** The Hub's `downloads`: the last 30 days. */
  downloads30d: number | undefined;
  likes: number | undefined;
}

/** A dataset answers the same three figures as a model: `downloads` (30 days), `downloadsAllTime` when expanded, `likes`. */
export type HubDatasetSnapshot = HubModelSnapshot;

/** A Space has no downloads: its likes are all the Hub counts. */
export interface HubSpaceSnapshot {
  /** The Hub's `_id`; survives renames. */
  hubId: string;
  /** org/name as the Hub spells it now. */
  id: string;
  likes: number | undefined;
}

/** The Hub's repository types, as its API paths spell them. */
export type HubRepoType = 'models' | 'datasets' | 'spaces';

export interface HuggingFaceClient {
  fetchModel(id: string): Promise<HubModelSnapshot>;
  /** Each model in turn (one per request), until a rate limit stops the rest. */
  fetchModels(ids: readonly string[]): Promise<Map<string, SubjectResult<HubModelSnapshot>>>;
  fetchDataset(id: string): Promise<HubDatasetSnapshot>;
  /** Each dataset in turn (one per request), until a rate limit stops the rest. */
  fetchDatasets(ids: readonly string[]): Promise<Map<string, SubjectResult<HubDatasetSnapshot>>>;
  fetchSpace(id: string): Promise<HubSpaceSnapshot>;
  /** Each Space in turn (one per request), until a rate limit stops the rest. */
  fetchSpaces(ids: readonly string[]): Promise<Map<string, SubjectResult<HubSpaceSnapshot>>>;
  /**
   * Every model of an author, page by page (the Hub paginates only by `Link` cursor).
   * A listed item without `_id` or `id` cannot be told apart from the others: it is
   * skipped with a warning.
   */
  listAuthorModels(author: string): AsyncGenerator<HubModelSnapshot>;
}

export interface HuggingFaceClientOptions extends HttpClientOptions {
  /** @defaultValue 'https://huggingface.co' */
  endpoint?: string;
  /** Sent as `Authorization: Bearer`; the Hub's tokens start with `hf_`. */
  token?: string;
  /** Milliseconds per second of upstream-requested wait (`RateLimit` `t`); tests shrink it. @defaultValue 1000 */
  secondMs?: number;
  /** Told of listed items that had to be skipped. @defaultValue none */
  log?: { warn(message: string): void };
}

/** The JS client asks at most this many per page; fewer pages means fewer calls against the 5-minute quota. */
export const MODELS_PER_PAGE = 500;
/**
 * Repeated `expand=` as huggingface_hub and huggingface.js send it; with any `expand` the
 * Hub answers only `_id`, `id` and those fields. Spaces have no downloads to expand.
 */
const expand = (fields: string[]) => fields.map((field) => `expand=${field}`).join('&');
const EXPAND: Record<HubRepoType, string> = {
  models: expand(['downloads', 'downloadsAllTime', 'likes']),
  datasets: expand(['downloads', 'downloadsAllTime', 'likes']),
  spaces: expand(['likes']),
};
/** How messages name a repository of each type. */
const NOUN: Record<HubRepoType, string> = { models: 'model', datasets: 'dataset', spaces: 'Space' };

const identifiedModel = z.looseObject({ _id: z.string().min(1), id: z.string().min(1) });
const errorBody = z.looseObject({ error: z.string() });

export function createHuggingFaceClient(options: HuggingFaceClientOptions): HuggingFaceClient {
  const endpoint = (options.endpoint ?? 'https://huggingface.co').replace(/\/+$/, '');
  const hasToken = Boolean(options.token);
  const secondMs = options.secondMs ?? 1000;
  const http = createHttpClient('huggingface', {
    ...options,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    rateLimitWaitMs: (headers) => {
      const waitMs = hubRateLimitWaitMs(headers);
      return waitMs === undefined ? undefined : (waitMs / 1000) * secondMs;
    },
  });

  /** One repository's answer, by `_id` and `id`; a renamed one is followed through the Hub's relative 307. */
  async function fetchRepo(type: HubRepoType, id: string) {
    const url = `${endpoint}/api/${type}/${id.split('/').map(encodeURIComponent).join('/')}?${EXPAND[type]}`;
    const answer = await http.getJson(url, { passStatuses: [401, 404] });
    if (answer.status === 401 && hasToken && refusesCredentials(answer)) throw badToken();
    if (answer.status === 401 || answer.status === 404) {
      // The Hub answers 401 alike for missing, private and gated repositories (huggingface_hub reads them all as "not found").
      const code = answer.headers.get('x-error-code');
      throw new SourceError('not_found', `Hugging Face ${NOUN[type]} ${id} not found, private or gated${code ? ` (${code})` : ''}`, {
        status: answer.status,
      });
    }
    const listed = identifiedModel.safeParse(answer.body);
    if (!listed.success) throw new SourceError('parse', `the Hub's answer for ${NOUN[type]} ${id} has no _id and id`);
    return listed.data;
  }

  const client: HuggingFaceClient = {
    fetchModels: (ids) => askEach(ids, (id) => client.fetchModel(id)),
    fetchModel: async (id) => toSnapshot(await fetchRepo('models', id)),
    fetchDatasets: (ids) => askEach(ids, (id) => client.fetchDataset(id)),
    fetchDataset: async (id) => toSnapshot(await fetchRepo('datasets', id)),
    fetchSpaces: (ids) => askEach(ids, (id) => client.fetchSpace(id)),
    async fetchSpace(id) {
      const space = await fetchRepo('spaces', id);
      return { hubId: space._id, id: space.id, likes: countIn(space.likes) };
    },
    async *listAuthorModels(author) {
      let url: string | undefined =
        `${endpoint}/api/models?author=${encodeURIComponent(author)}&limit=${MODELS_PER_PAGE}&${EXPAND.models}`;
      while (url) {
        const answer = await http.getJson(url, { passStatuses: [401] });
        if (answer.status === 401) {
          if (hasToken && refusesCredentials(answer)) throw badToken();
          throw new SourceError('http', `the Hub refused the model list of ${author} (401)`, { status: 401 });
        }
        if (!Array.isArray(answer.body)) throw new SourceError('parse', `the Hub's model list for ${author} is not an array`);
        for (const [index, item] of answer.body.entries()) {
          const listed = identifiedModel.safeParse(item);
          if (listed.success) yield toSnapshot(listed.data);
          else options.log?.warn(`skipped item ${index} of a Hub model list page for ${author}: it has no _id and id to store it by`);
        }
        url = nextLink(answer.headers.get('link'));
      }
    },
  };
  return client;
}

/**
 * A bad token is told apart from a hidden model only by the Hub's words, which it
 * puts in `X-Error-Message` (and its JSON body): "Invalid credentials in Authorization header".
 */
function refusesCredentials(answer: JsonAnswer): boolean {
  const body = errorBody.safeParse(answer.body);
  const said = [answer.headers.get('x-error-message') ?? '', body.success ? body.data.error : ''];
  return said.some((message) => /invalid credentials/i.test(message));
}

const badToken = () => new SourceError('auth', 'the Hub refused HF_TOKEN (invalid credentials)', { status: 401 });

function toSnapshot(model: z.infer<typeof identifiedModel>): HubModelSnapshot {
  return {
    hubId: model._id,
    id: model.id,
    downloadsAllTime: countIn(model.downloadsAllTime),
    downloads30d: countIn(model.downloads),
    likes: countIn(model.likes),
  };
}

/**
 * `RateLimit: "api";r=0;t=55`: t is the seconds until the 5-minute window resets.
 * Spaces around `=` and after `;` are accepted (`r = 0; t = 55`).
 */
export function hubRateLimitWaitMs(headers: Headers): number | undefined {
  const match = /(?:^|;)\s*t\s*=\s*(\d+)/.exec(headers.get('ratelimit') ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}
