// GitHub REST: the routes the collector uses, with GitHub's redirects, ETags,
// pagination links and validation errors.
import type { GitHubAccounts, GitHubResource, KnownCaller } from './github-accounts.ts';
import { restRepo } from './github-repo-json.ts';
import { DOCS, githubHeaders, newRequestId, notFound, restRateLimited, withHeaders } from './github-responses.ts';
import { answerReleasesRest } from './github-releases.ts';
import type { GitHubRepo, GitHubStore } from './github-store.ts';
import { decodePath, hashHex, jsonReply, toEpochSeconds, type FakeRequest, type Reply } from './http-helpers.ts';

export interface GitHubContext {
  store: GitHubStore;
  accounts: GitHubAccounts;
  now: () => number;
  /** The fake's own base URL, for `url` fields, `Location` and `Link`. */
  apiUrl: () => string;
}

interface Routed {
  resource: GitHubResource;
  reply: Reply;
  /** `/rate_limit` is free; so is any 304. */
  free?: boolean;
}

// Search results past the thousandth are not served, whatever total_count says.
const SEARCH_RESULT_CAP = 1000;
// The stars-history endpoint serves at most 30 weeks a page and 100 pages; past
// either it answers 422 rather than a clamped page.
const HISTORY_PAGE_MAX = 30;
const HISTORY_PAGES_MAX = 100;
// GitHub's words for a page past a resource's cap (recorded 422 answers carry them);
// its message for an oversized per_page on this endpoint is unverified.
const PAGINATION_LIMITED = 'In order to keep the API fast for everyone, pagination is limited for this resource.';

export function answerRest(request: FakeRequest, caller: KnownCaller, ctx: GitHubContext): Reply {
  const requestId = newRequestId();
  const routed = route(request, caller, ctx);
  const budget = ctx.accounts.budget(caller, routed.resource);
  // The 304 is decided before the budget is looked at: it costs nothing even at 0
  // remaining (GitHub's own order here is unverified).
  const charged = routed.free || routed.reply.status === 304 || budget.tryCharge(1);
  const reply = charged ? routed.reply : restRateLimited(caller, requestId, ctx.now());
  return withHeaders(reply, githubHeaders(routed.resource, budget.snapshot(), requestId));
}

function route(request: FakeRequest, caller: KnownCaller, ctx: GitHubContext): Routed {
  const core = (reply: Reply): Routed => ({ resource: 'core', reply });
  if (request.method !== 'GET' && request.method !== 'HEAD') return core(notFound());
  if (request.path === '/rate_limit') return { resource: 'core', reply: rateLimitReply(caller, ctx), free: true };
  if (request.path === '/search/repositories') return { resource: 'search', reply: searchRepositories(request, ctx) };

  const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(request.path);
  if (byName) {
    const lookup = ctx.store.lookup(decodePath(byName[1] ?? ''), decodePath(byName[2] ?? ''));
    const subPath = byName[3] ?? '';
    if (lookup.found === 'none') return core(notFound(subPath ? DOCS.rest : DOCS.getRepository));
    if (lookup.found === 'renamed') return core(movedPermanently(lookup.repo, subPath, request, ctx));
    return core(repoResource(lookup.repo, subPath, request, ctx));
  }
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(request.path);
  if (byId) {
    const repo = ctx.store.byId(Number(byId[1]));
    return core(repo ? repoResource(repo, byId[2] ?? '', request, ctx) : notFound());
  }
  return core(notFound());
}

function repoResource(repo: GitHubRepo, subPath: string, request: FakeRequest, ctx: GitHubContext): Reply {
  if (subPath === '') return withEtag(request, restRepo(repo, ctx.apiUrl()), { 'last-modified': new Date(repo.pushedAt).toUTCString() });
  if (subPath === '/stargazers/history') return starHistory(repo, request, ctx);
  const releases = answerReleasesRest(repo, subPath, request, ctx.store.releases, ctx.apiUrl(), (page, last) => linkHeader(ctx.apiUrl(), request, page, last), () => notFound());
  if (releases) return releases;
  return notFound();
}

/** A renamed or transferred repository: GitHub points at its permanent id-based URL. */
function movedPermanently(repo: GitHubRepo, subPath: string, request: FakeRequest, ctx: GitHubContext): Reply {
  const location = `${ctx.apiUrl()}/repositories/${repo.id}${subPath}${request.url.search}`;
  return jsonReply(301, { message: 'Moved Permanently', url: location, documentation_url: DOCS.redirects }, { location });
}

/** A strong ETag over the body; `If-None-Match` with it gets an empty 304. */
function withEtag(request: FakeRequest, value: unknown, extra: Record<string, string>): Reply {
  const body = JSON.stringify(value);
  const etag = `"${hashHex(body)}"`;
  const cacheControl = request.token ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60';
  const headers = { etag, 'cache-control': cacheControl, ...extra };
  if (etagMatches(request.headers['if-none-match'], etag)) return { status: 304, headers };
  return jsonReply(200, value, headers);
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

function searchRepositories(request: FakeRequest, ctx: GitHubContext): Reply {
  const q = request.url.searchParams.get('q');
  if (!q) return validationFailed({ resource: 'Search', field: 'q', code: 'missing' });
  if (q.length > 256) {
    return validationFailed({ message: 'The search is longer than 256 characters.', resource: 'Search', field: 'q', code: 'invalid' });
  }
  const perPage = clamp(intParam(request, 'per_page') ?? 30, 1, 100);
  const page = Math.max(1, intParam(request, 'page') ?? 1);
  if ((page - 1) * perPage >= SEARCH_RESULT_CAP) {
    return validationFailed({ message: 'Only the first 1000 search results are available', resource: 'Search', code: 'invalid' });
  }
  const { count, incomplete } = ctx.store.search(q);
  const reachable = Math.min(count, SEARCH_RESULT_CAP);
  const first = (page - 1) * perPage;
  const items = [];
  for (let index = first; index < Math.min(first + perPage, reachable); index++) items.push(searchHit(index, ctx.apiUrl()));
  const lastPage = Math.max(1, Math.ceil(reachable / perPage));
  return jsonReply(
    200,
    { total_count: count, incomplete_results: incomplete, items },
    linkHeader(ctx.apiUrl(), request, page, lastPage),
  );
}

/**
 * The fake keeps counts, not result sets: hits are made-up repositories, enough to
 * check the shape and the paging.
 */
function searchHit(index: number, apiUrl: string): Record<string, unknown> {
  const name = `result-${index + 1}`;
  const repo: GitHubRepo = {
    id: 700_000_000 + index,
    fullName: `search-hit/${name}`,
    owner: 'search-hit',
    name,
    stars: 0,
    forks: 0,
    subscribers: 0,
    openIssues: 0,
    openPullRequests: 0,
    archived: false,
    pushedAt: '2026-11-20T08:00:00Z',
    createdAt: '2023-03-01T12:00:00Z',
    description: null,
    fork: false,
    private: false,
  };
  return restRepo(repo, apiUrl, 'search-item');
}

/**
 * `X-GitHub-Api-Version` is optional here: the path is in the 2022-11-28 description
 * too, and the answer is the same with 2026-03-10 or without the header.
 */
function starHistory(repo: GitHubRepo, request: FakeRequest, ctx: GitHubContext): Reply {
  const weeks = ctx.store.starHistoryOf(repo.id);
  const perPage = Math.max(1, intParam(request, 'per_page') ?? HISTORY_PAGE_MAX);
  const page = Math.max(1, intParam(request, 'page') ?? 1);
  if (perPage > HISTORY_PAGE_MAX) return unprocessable(`per_page must be at most ${HISTORY_PAGE_MAX} for this resource.`);
  if (page > HISTORY_PAGES_MAX) return unprocessable(PAGINATION_LIMITED);
  const lastPage = clamp(Math.ceil(weeks.length / perPage), 1, HISTORY_PAGES_MAX);
  const body = weeks
    .slice((page - 1) * perPage, page * perPage)
    .map(({ week, days }) => ({ week, total: days.reduce((sum, day) => sum + day, 0), days }));
  return jsonReply(200, body, linkHeader(ctx.apiUrl(), request, page, lastPage));
}

function rateLimitReply(caller: KnownCaller, ctx: GitHubContext): Reply {
  const entry = (resource: GitHubResource) => {
    const budget = ctx.accounts.snapshot(caller, resource);
    return { limit: budget.limit, used: budget.used, remaining: budget.remaining, reset: toEpochSeconds(budget.resetAt), resource };
  };
  const core = entry('core');
  return jsonReply(200, { resources: { core, search: entry('search'), graphql: entry('graphql') }, rate: core });
}

/** `Link: <...page=2>; rel="next", <...page=9>; rel="last"` (prev/first from page 2 on), as GitHub orders them. */
function linkHeader(apiUrl: string, request: FakeRequest, page: number, lastPage: number): Record<string, string> {
  const at = (n: number) => {
    const params = new URLSearchParams(request.url.searchParams);
    params.set('page', String(n));
    return `<${apiUrl}${request.path}?${params}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.length > 0 ? { link: links.join(', ') } : {};
}

function validationFailed(error: Record<string, string>): Reply {
  return jsonReply(422, { message: 'Validation Failed', errors: [error], documentation_url: DOCS.search, status: '422' });
}

/** GitHub's 422 for a parameter out of range: a message, no `errors` list. */
function unprocessable(message: string): Reply {
  return jsonReply(422, { message, documentation_url: DOCS.pagination, status: '422' });
}

function intParam(request: FakeRequest, name: string): number | undefined {
  const value = Number.parseInt(request.url.searchParams.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
