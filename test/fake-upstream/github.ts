// The fake GitHub as tests drive it: data, tokens, budgets and faults, with REST
// and GraphQL answered on one server like api.github.com.
import { GitHubAccounts, type GitHubResource, type GitHubTokenLimits, type KnownCaller } from './github-accounts.ts';
import { answerGraphql } from './github-graphql.ts';
import {
  badCredentials,
  githubHeaders,
  newRequestId,
  rateLimitedFor,
  restRateLimited,
  secondaryRateLimited,
  serverError,
  withHeaders,
} from './github-responses.ts';
import { answerRest, type GitHubContext } from './github-rest.ts';
import {
  GitHubStore,
  type GitHubRepoInput,
  type GitHubRepoPatch,
  type OwnerType,
  type RepositoryConnection,
  type SearchHistory,
  type StarWeek,
} from './github-store.ts';
import { FaultQueue, type FaultRule, type GitHubFault } from './faults.ts';
import type { FakeReleaseInput } from './github-releases.ts';
import { SecondaryLimits, type Refusal, type SecondaryLimitRules, type SecondaryLimitStats } from './github-secondary-limits.ts';
import { jsonReply, rawReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { BudgetSnapshot } from './rate-limit.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export class FakeGitHub {
  /** Base URL, for `GITHUB_API_URL` / Octokit's `baseUrl`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<GitHubFault>();
  private readonly store = new GitHubStore(() => this.now()); // a closure: fields initialise before `now` is assigned
  private readonly accounts: GitHubAccounts;
  private readonly context: GitHubContext;
  private readonly secondary: SecondaryLimits;

  constructor(private readonly now: () => number) {
    this.accounts = new GitHubAccounts(now);
    this.secondary = new SecondaryLimits(now);
    this.context = { store: this.store, accounts: this.accounts, now, apiUrl: () => this.url };
    // As on api.github.com since mid-2026: the stargazer list is for admins and collaborators only.
    this.store.blockConnection('stargazers', CONNECTION_REFUSED);
  }

  addRepo(input: GitHubRepoInput): void {
    this.store.addRepo(input);
  }

  updateRepo(fullName: string, patch: GitHubRepoPatch): void {
    this.store.updateRepo(fullName, patch);
  }

  /** The old name then answers REST 301 (to `/repositories/{id}`); GraphQL follows it. */
  renameRepo(oldFullName: string, newFullName: string): void {
    this.store.renameRepo(oldFullName, newFullName);
  }

  deleteRepo(fullName: string): void {
    this.store.deleteRepo(fullName);
  }

  /**
   * Declares a login as a user or an organisation for `repositoryOwner` and
   * `organization`; the owner of any repository is an organisation unless declared.
   */
  addOwner(login: string, type: OwnerType): void {
    this.store.addOwner(login, type);
  }

  /** REST and GraphQL search answer `count` for exactly this query string; others get 0. */
  setSearchCount(query: string, count: number, options?: { incomplete?: boolean }): void {
    this.store.setSearchCount(query, count, options);
  }

  /**
   * REST and GraphQL search then answer this query (any case and spacing) with a
   * `created:` qualifier (`<=D`, `A..B`, `*..D`, ...) from `countAt`, bounded by the
   * fake's clock; without one, the repositories created by now. Exact strings given
   * to `setSearchCount` still win.
   */
  setSearchHistory(query: string, countAt: SearchHistory): void {
    this.store.setSearchHistory(query, countAt);
  }

  /** The repository's releases, newest first, for REST `/releases` and GraphQL `releases` (see github-releases.ts). */
  setReleases(fullName: string, releases: FakeReleaseInput[]): void {
    const lookup = this.store.lookup(...(fullName.split('/') as [string, string]));
    if (lookup.found !== 'current') throw new Error(`fake GitHub: no repository ${fullName}`);
    this.store.releases.set(lookup.repo.id, releases);
  }

  /** Weeks for `GET /repos/{o}/{r}/stargazers/history`, in any order (served newest first). */
  setStarHistory(fullName: string, weeks: StarWeek[]): void {
    this.store.setStarHistory(fullName, weeks);
  }

  /**
   * GraphQL then refuses `connection` the way GitHub refuses `stargazers`: HTTP 200, each
   * alias selecting it `null` (the connection is non-null, so the null reaches the
   * nullable `repository`) and one `FORBIDDEN` error per alias, with `path: [alias,
   * connection]`. `stargazers` is refused from the start, as on GitHub.
   */
  blockConnection(connection: RepositoryConnection, message: string = CONNECTION_REFUSED): void {
    this.store.blockConnection(connection, message);
  }

  unblockConnection(connection: RepositoryConnection): void {
    this.store.unblockConnection(connection);
  }

  /** Adding a known token again restores it and applies the new limits from a fresh window. */
  addToken(token: string, limits?: GitHubTokenLimits): void {
    this.accounts.addToken(token, limits);
  }

  /** The token then gets 401 "Bad credentials", like an unknown one. */
  revokeToken(token: string): void {
    this.accounts.revokeToken(token);
  }

  /** Budgets as they stand for a token, or for anonymous callers from 127.0.0.1. */
  rateLimit(token?: string): Record<GitHubResource, BudgetSnapshot> {
    const caller = this.accounts.callerFor(token);
    return {
      core: this.accounts.snapshot(caller, 'core'),
      search: this.accounts.snapshot(caller, 'search'),
      graphql: this.accounts.snapshot(caller, 'graphql'),
    };
  }

  /**
   * Secondary limits are enforced from the start at GitHub's documented levels; tests
   * shrink the window (and the limits with it) to make them bind in a short test.
   */
  setSecondaryLimits(rules: Partial<SecondaryLimitRules>): void {
    this.secondary.setRules(rules);
  }

  /** What the secondary limits saw of a token (or of anonymous callers from 127.0.0.1): peaks and refusals. */
  secondaryLimits(token?: string): SecondaryLimitStats {
    return this.secondary.stats(secondaryCaller(this.accounts.callerFor(token)));
  }

  /** Every secondary-limit refusal so far, whoever the caller. */
  secondaryRefusals(): Refusal[] {
    return this.secondary.refusals();
  }

  /** Forgets what the secondary limits counted (in flight excepted), so a test starts afresh. */
  clearSecondaryLimits(): void {
    this.secondary.clear();
  }

  inject(rule: FaultRule<GitHubFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<GitHubFault> = {
    arrive: (request) => {
      const caller = this.accounts.identify(request.token, request.ip);
      const known: KnownCaller = caller.kind === 'bad-credentials' ? { kind: 'anonymous', ip: request.ip } : caller;
      const admission = this.secondary.admit(secondaryCaller(known), isGraphql(request) ? 'graphql' : 'rest');
      if ('finish' in admission) return { answered: admission.finish };
      const requestId = newRequestId();
      const reply = secondaryRateLimited(403, requestId, this.now());
      reply.headers['retry-after'] = String(admission.refused.retryAfter);
      return { refused: this.decorate(reply, known, resourceOf(request), requestId), rule: admission.refused.rule };
    },
    handle: (request) => {
      const caller = this.accounts.identify(request.token, request.ip);
      if (caller.kind === 'bad-credentials') {
        // Shown with the anonymous budget of the caller's IP, which GitHub falls back to.
        return this.decorate(badCredentials(), { kind: 'anonymous', ip: request.ip }, resourceOf(request));
      }
      return isGraphql(request) ? answerGraphql(request, caller, this.context) : answerRest(request, caller, this.context);
    },
    replyToFault: (fault, request) => {
      const caller = this.accounts.identify(request.token, request.ip);
      const known: KnownCaller = caller.kind === 'bad-credentials' ? { kind: 'anonymous', ip: request.ip } : caller;
      const resource = resourceOf(request);
      switch (fault.kind) {
        case 'status':
          return this.decorate(fault.body === undefined ? serverError(fault.status) : rawReply(fault.status, fault.body), known, resource);
        case 'secondary-limit': {
          const requestId = newRequestId();
          const reply = secondaryRateLimited(fault.status ?? 403, requestId, this.now());
          if (fault.retryAfter !== undefined) reply.headers['retry-after'] = String(fault.retryAfter);
          return this.decorate(reply, known, resource, requestId);
        }
        case 'primary-limit': {
          const requestId = newRequestId();
          const limit = this.accounts.snapshot(known, resource).limit;
          const exhausted = { limit, used: limit, remaining: 0, resetAt: this.now() + (fault.resetInSeconds ?? 60) * 1000 };
          const reply = isGraphql(request)
            ? jsonReply(200, { errors: [{ type: 'RATE_LIMITED', message: rateLimitedFor(known) }] })
            : restRateLimited(known, requestId, this.now());
          return withHeaders(reply, githubHeaders(resource, exhausted, requestId));
        }
      }
    },
  };

  private decorate(reply: Reply, caller: KnownCaller, resource: GitHubResource, requestId = newRequestId()): Reply {
    return withHeaders(reply, githubHeaders(resource, this.accounts.snapshot(caller, resource), requestId));
  }
}

/**
 * GitHub's words for a token that may not read something ("Resource not accessible by
 * personal access token"), as users quoted them for the restricted stargazer list in
 * star-history/star-history#539 (2026-08); GitHub App tokens read "... by integration"
 * (neomjs/neo#17150). Which exact wording GraphQL gives for the restricted connection
 * is not recorded anywhere we found.
 */
const CONNECTION_REFUSED = 'Resource not accessible by personal access token';

/** Secondary limits are per user: per token, or per IP without one. */
function secondaryCaller(caller: KnownCaller): string {
  return caller.kind === 'token' ? `user:${caller.userId}` : `ip:${caller.ip}`;
}

function isGraphql(request: FakeRequest): boolean {
  return request.path === '/graphql';
}

function resourceOf(request: FakeRequest): GitHubResource {
  if (isGraphql(request)) return 'graphql';
  return request.path.startsWith('/search/') ? 'search' : 'core';
}
