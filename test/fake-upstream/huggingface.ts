// The fake Hugging Face Hub: model info and model lists, dataset info and Space
// info, with the Hub's relative redirects, cursor pagination by `Link`, 5-minute fixed-window budgets announced
// in `RateLimit` / `RateLimit-Policy` headers, and its two kinds of 401: a refused
// token (`X-Error-Message: Invalid credentials in Authorization header`) and a
// missing, private or gated repository (`X-Error-Code` only).
import { FaultQueue, type FaultRule, type HuggingFaceFault } from './faults.ts';
import { decodePath, jsonReply, randomHex, rawReply, textReply, type FakeRequest, type Reply } from './http-helpers.ts';
import {
  authorOf,
  expandedModel,
  expandParams,
  HubModelStore,
  listItem,
  modelInfo,
  type HubModelInput,
  type HubModelPatch,
} from './huggingface-models.ts';
import {
  datasetAnswer,
  datasetExpandParams,
  HubDatasetStore,
  HubSpaceStore,
  spaceAnswer,
  spaceExpandParams,
  type HubDatasetInput,
  type HubDatasetPatch,
  type HubSpaceInput,
  type HubSpacePatch,
} from './huggingface-repos.ts';
import type { HubRepoRecord, HubRepoStore } from './huggingface-store.ts';
import { BudgetBook, FixedWindowBudget, type BudgetSnapshot } from './rate-limit.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export interface HubLimits {
  /** Requests per 5-minute window per IP without a token. @defaultValue 500 */
  anonymous?: number;
  /** Requests per 5-minute window per token (a free account). @defaultValue 1000 */
  token?: number;
}

const WINDOW_MS = 300_000;
// The Hub serves at most 1000 models a page.
const MAX_PAGE = 1000;
const SORTABLE = new Set(['downloads', 'likes', 'createdAt', 'lastModified', 'trendingScore']);
/** The Hub's words for a refused token, in `X-Error-Message` and the body (huggingface_hub tests the header for them). */
const INVALID_CREDENTIALS = 'Invalid credentials in Authorization header';

/** `X-Error-Code` values huggingface_hub reads on a 401 that is not about the token. */
export type HubRefusalCode = 'RepoNotFound' | 'GatedRepo';

/** The Hub's repository types, as its API paths spell them. */
export type HubRepoType = 'models' | 'datasets' | 'spaces';

/**
 * How `RateLimit` / `RateLimit-Policy` are spelled: `compact` as the Hub's documentation
 * shows them (`"api";r=0;t=55`), `spaced` with blanks around `=` and after `;`
 * (`"api"; r = 0; t = 55`), which clients must read alike.
 */
export type HubRateLimitHeaderStyle = 'compact' | 'spaced';

export class FakeHuggingFace {
  /** Base URL, for `HF_ENDPOINT` / `hubUrl`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<HuggingFaceFault>();
  private readonly models = new HubModelStore();
  private readonly datasets = new HubDatasetStore();
  private readonly spaces = new HubSpaceStore();
  private readonly tokens = new Set<string>();
  private limits = { anonymous: 500, token: 1000 };
  private budgets = new BudgetBook();
  private readonly refusals = new Map<string, HubRefusalCode>(); // `type/lower-cased id` → code
  private rateLimitStyle: HubRateLimitHeaderStyle = 'compact';

  constructor(private readonly now: () => number) {}

  addModel(input: HubModelInput): void {
    this.models.add(input);
  }

  updateModel(id: string, patch: HubModelPatch): void {
    this.models.update(id, patch);
  }

  /** The old id then answers 307 with a relative `Location` to the new one. */
  renameModel(oldId: string, newId: string): void {
    this.models.rename(oldId, newId);
  }

  deleteModel(id: string): void {
    this.models.delete(id);
  }

  addDataset(input: HubDatasetInput): void {
    this.datasets.add(input);
  }

  updateDataset(id: string, patch: HubDatasetPatch): void {
    this.datasets.update(id, patch);
  }

  /** The old id then answers 307 with a relative `Location` to the new one, as models do (unverified for datasets). */
  renameDataset(oldId: string, newId: string): void {
    this.datasets.rename(oldId, newId);
  }

  deleteDataset(id: string): void {
    this.datasets.delete(id);
  }

  addSpace(input: HubSpaceInput): void {
    this.spaces.add(input);
  }

  updateSpace(id: string, patch: HubSpacePatch): void {
    this.spaces.update(id, patch);
  }

  /** The old id then answers 307 with a relative `Location` to the new one, as models do (unverified for Spaces). */
  renameSpace(oldId: string, newId: string): void {
    this.spaces.rename(oldId, newId);
  }

  deleteSpace(id: string): void {
    this.spaces.delete(id);
  }

  /** Hub tokens start with `hf_` (the official client refuses others before sending). */
  addToken(token: string): void {
    if (!token.startsWith('hf_')) throw new Error('fake Hub: tokens start with hf_');
    this.tokens.add(token);
  }

  /**
   * From now on every request for `id` (known or not) answers 401 with `X-Error-Code:
   * code` and no `X-Error-Message`, token or not: a repository the caller may not see.
   * Which repositories the real Hub answers so to a token holder is unverified;
   * huggingface_hub reads every such 401 as "repository not found".
   */
  refuseModel(id: string, code: HubRefusalCode): void {
    this.refuseRepo('models', id, code);
  }

  /** As `refuseModel`, for a repository of any type. */
  refuseRepo(type: HubRepoType, id: string, code: HubRefusalCode): void {
    this.refusals.set(`${type}/${id.toLowerCase()}`, code);
  }

  setRateLimitHeaderStyle(style: HubRateLimitHeaderStyle): void {
    this.rateLimitStyle = style;
  }

  /** New limits apply from fresh windows. */
  setLimits(limits: HubLimits): void {
    this.limits = { ...this.limits, ...limits };
    this.budgets = new BudgetBook();
  }

  inject(rule: FaultRule<HuggingFaceFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<HuggingFaceFault> = {
    handle: (request) => {
      const budget = this.budgetOf(request);
      if (!budget.tryCharge(1)) return this.withRateLimit(tooManyRequests(), budget.snapshot());
      return this.withRateLimit(this.route(request), budget.snapshot());
    },
    replyToFault: (fault, request) => {
      const budget = this.budgetOf(request).snapshot();
      if (fault.kind === 'status') {
        const reply = fault.body === undefined
          ? jsonReply(fault.status, { error: "Internal Error - We're working hard to fix this as soon as possible!" })
          : rawReply(fault.status, fault.body);
        return this.withRateLimit(reply, budget);
      }
      const resetAt = fault.resetSeconds === undefined ? budget.resetAt : this.now() + fault.resetSeconds * 1000;
      return this.withRateLimit(tooManyRequests(), { ...budget, used: budget.limit, remaining: 0, resetAt });
    },
  };

  private route(request: FakeRequest): Reply {
    if (request.method !== 'GET' && request.method !== 'HEAD') return pageNotFound();
    if (this.knownToken(request) === false) {
      return jsonReply(401, { error: INVALID_CREDENTIALS }, { 'x-error-message': INVALID_CREDENTIALS });
    }
    if (request.path === '/api/models') return this.list(request);
    // `org/name`, or a legacy id without an org (`t5-small`), which the Hub redirects to its org.
    const match = /^\/api\/(models|datasets|spaces)\/((?:[^/]+\/)?[^/]+)(\/revision\/[^/]+)?$/.exec(request.path);
    if (!match) return pageNotFound();
    const [, type, id = '', revisionPath = ''] = match as unknown as [string, HubRepoType, string, string?];
    const params = request.url.searchParams;
    if (type === 'datasets') return this.info(request, type, decodePath(id), revisionPath, this.datasets, datasetExpandParams(params), datasetAnswer);
    if (type === 'spaces') return this.info(request, type, decodePath(id), revisionPath, this.spaces, spaceExpandParams(params), spaceAnswer);
    const answer = (model: Parameters<typeof modelInfo>[0], fields: string[]) => (fields.length > 0 ? expandedModel(model, fields) : modelInfo(model));
    return this.info(request, type, decodePath(id), revisionPath, this.models, expandParams(params), answer);
  }

  private info<R extends HubRepoRecord>(
    request: FakeRequest,
    type: HubRepoType,
    id: string,
    revisionPath: string,
    store: HubRepoStore<R>,
    expand: { fields: string[]; unknown: string[] },
    answer: (repo: R, fields: string[]) => Record<string, unknown>,
  ): Reply {
    if (expand.unknown.length > 0) return invalidExpand(expand.unknown);
    const refusal = this.refusals.get(`${type}/${id.toLowerCase()}`);
    if (refusal) return refused(type, id, refusal);
    const lookup = store.lookup(id);
    if (lookup.found === 'none' || lookup.repo.private) {
      // The Hub does not tell missing from private; anonymous callers are asked to log in.
      const status = this.knownToken(request) ? 404 : 401;
      return jsonReply(status, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' });
    }
    if (lookup.found === 'renamed') {
      const location = `/api/${type}/${lookup.repo.id}${revisionPath}${request.url.search}`;
      return textReply(307, `Temporary Redirect. Redirecting to ${location}`, { location });
    }
    return jsonReply(200, answer(lookup.repo, expand.fields));
  }

  private list(request: FakeRequest): Reply {
    const params = request.url.searchParams;
    const { fields, unknown } = expandParams(params);
    if (unknown.length > 0) return invalidExpand(unknown);
    const offset = decodeCursor(params.get('cursor'));
    if (offset === undefined) return jsonReply(400, { error: 'Invalid cursor' });
    const limit = Math.min(MAX_PAGE, Math.max(1, Number(params.get('limit')) || MAX_PAGE));
    const author = params.get('author')?.toLowerCase();
    const search = params.get('search')?.toLowerCase();
    const sort = params.get('sort');
    const ascending = params.get('direction') === '1';

    let models = this.models.all().filter((model) =>
      !model.private && (author === undefined || authorOf(model).toLowerCase() === author) && (search === undefined || model.id.toLowerCase().includes(search)));
    if (sort && SORTABLE.has(sort)) {
      const key = (model: (typeof models)[number]) => (sort === 'trendingScore' ? 0 : model[sort as 'downloads' | 'likes' | 'createdAt' | 'lastModified']);
      models = models.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1));
    }
    const page = models.slice(offset, offset + limit);
    const body = page.map((model) => (fields.length > 0 ? expandedModel(model, fields) : listItem(model)));
    if (offset + limit >= models.length) return jsonReply(200, body);
    const next = new URLSearchParams(params);
    next.set('cursor', encodeCursor(offset + limit));
    // Absolute, like the Hub's own; no total count is given anywhere.
    return jsonReply(200, body, { link: `<${this.url}/api/models?${next}>; rel="next"` });
  }

  /** True or false for a request with a token (known or not), undefined when anonymous. */
  private knownToken(request: FakeRequest): boolean | undefined {
    return request.token === undefined ? undefined : this.tokens.has(request.token);
  }

  /** Budgets are per token, or per IP for anonymous callers and unknown tokens. */
  private budgetOf(request: FakeRequest): FixedWindowBudget {
    const withToken = this.knownToken(request) === true;
    const key = withToken ? `token:${request.token}` : `ip:${request.ip}`;
    return this.budgets.get(key, () => new FixedWindowBudget(withToken ? this.limits.token : this.limits.anonymous, WINDOW_MS, this.now));
  }

  private withRateLimit(reply: Reply, budget: BudgetSnapshot): Reply {
    const seconds = Math.max(0, Math.ceil((budget.resetAt - this.now()) / 1000));
    const [sep, eq] = this.rateLimitStyle === 'spaced' ? ['; ', ' = '] : [';', '='];
    return {
      ...reply,
      headers: {
        ...reply.headers,
        'x-powered-by': 'huggingface-moon',
        'x-request-id': `Root=1-${Math.floor(this.now() / 1000).toString(16)}-${randomHex(12)}`,
        ratelimit: `"api"${sep}r${eq}${budget.remaining}${sep}t${eq}${seconds}`,
        'ratelimit-policy': `"fixed window"${sep}"api"${sep}q${eq}${budget.limit}${sep}w${eq}${WINDOW_MS / 1000}`,
      },
    };
  }
}

function tooManyRequests(): Reply {
  return jsonReply(429, {
    error: "You have exceeded our hourly quotas for action 'api'. We invite you to retry later or to log in (or upgrade to a PRO account) for higher quotas.",
  });
}

/** The body's wording for gated repositories is unverified; huggingface_hub decides on the headers. */
function refused(type: HubRepoType, id: string, code: HubRefusalCode): Reply {
  const error = code === 'GatedRepo' ? `Access to ${type.slice(0, -1)} ${id} is restricted. You must have access to it and be authenticated to access it.` : 'Repository not found';
  return jsonReply(401, { error }, { 'x-error-code': code });
}

function pageNotFound(): Reply {
  return jsonReply(404, { error: "Sorry, we can't find the page you are looking for." });
}

/** The Hub refuses unknown `expand` values (its exact wording is unverified). */
function invalidExpand(unknown: string[]): Reply {
  return jsonReply(400, { error: `"expand" contains invalid values: ${unknown.join(', ')}` });
}

// Cursors are opaque to clients; here base64url of the offset.
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | null): number | undefined {
  if (cursor === null) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
