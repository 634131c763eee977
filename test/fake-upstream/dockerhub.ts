// The fake Docker Hub API: `GET /v2/namespaces/{namespace}/repositories/{repository}`
// (the documented route) and the deprecated `GET /v2/repositories/{namespace}/{repository}/`,
// answering the same repository object (dockerhub-json.ts).
//
// As on Docker Hub (its API description, docker/docs content/reference/api/hub/latest.yaml,
// "Rate Limiting"): every answer carries `X-RateLimit-Limit` (requests a minute),
// `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix seconds), kept per caller IP in
// one-minute windows (180 a minute, the limit a recorded 429 announced; Docker publishes no
// anonymous figure); a spent budget is a 429 with `Retry-After`, in seconds as documented or,
// as recorded in May 2025 (docker/hub-feedback#2459), the reset's Unix timestamp. An unknown
// repository is a 404 `{"message":"object not found","errinfo":{}}`, the body quoted from live
// answers. Names are lowercase on Docker Hub; the fake finds them as written (another case is
// unknown: unverified on the real host). The 429's body is not recorded anywhere: JSON in the
// documented error shape here.
import { FaultQueue, type CommonFault, type FaultRule } from './faults.ts';
import { decodePath, jsonReply, rawReply, textReply, toEpochSeconds, type FakeRequest, type Reply } from './http-helpers.ts';
import { BudgetBook, FixedWindowBudget, type BudgetSnapshot } from './rate-limit.ts';
import type { UpstreamHandler } from './upstream-server.ts';
import { repositoryJson } from './dockerhub-json.ts';

export type DockerHubFault =
  | CommonFault
  /** 429 of a spent per-minute budget: `X-RateLimit-Remaining: 0`, the reset `resetSeconds` away (default: the window's own), and `Retry-After` as the fake's style says. */
  | { kind: 'dockerhub-rate-limit'; resetSeconds?: number }
  /** Docker Hub's overall (anti-abuse) limit: "a simple 429 Too Many Requests response", no rate-limit headers. */
  | { kind: 'dockerhub-overall-limit' };

/** How a 429 writes `Retry-After`: seconds to wait (documented) or the reset's Unix timestamp (recorded in May 2025). */
export type RetryAfterStyle = 'seconds' | 'timestamp';

export interface DockerHubRepositoryInput {
  pulls: number;
  stars: number;
  /** @defaultValue '' */
  description?: string;
  /** The README; official images have one. @defaultValue absent, as in the recorded answer of a repository without one */
  fullDescription?: string;
  /** ISO 8601. @defaultValue a fixed day */
  lastUpdated?: string;
  /** Docker Hub's categories (`{name, slug}`). @defaultValue [] */
  categories?: { name: string; slug: string }[];
  /** Figures the answer leaves out. @defaultValue [] */
  omit?: readonly ('pull_count' | 'star_count')[];
  /** What the answer names as `namespace` and `name`. @defaultValue the repository's own */
  answeredAs?: { namespace: string; name: string };
}

export type DockerHubRepositoryPatch = Partial<DockerHubRepositoryInput>;

export interface FakeDockerRepository extends Required<Omit<DockerHubRepositoryInput, 'fullDescription' | 'lastUpdated'>> {
  fullDescription?: string;
  lastUpdated?: string;
}

const WINDOW_MS = 60_000;
const NOT_FOUND = { message: 'object not found', errinfo: {} };
const ROUTES = [/^\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)\/?$/, /^\/v2\/repositories\/([^/]+)\/([^/]+)\/?$/];

export class FakeDockerHub {
  /** Base URL, for `DOCKERHUB_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<DockerHubFault>();
  /** `namespace/name` → repository. */
  private readonly repositories = new Map<string, FakeDockerRepository>();
  private limit = 180;
  private budgets = new BudgetBook();
  private retryAfterStyle: RetryAfterStyle = 'seconds';

  constructor(private readonly now: () => number) {}

  /** `fullName` is `namespace/name` (`library/postgres` for an official image). */
  addRepository(fullName: string, input: DockerHubRepositoryInput): void {
    if (this.repositories.has(fullName)) throw new Error(`fake Docker Hub: ${fullName} already exists`);
    const [namespace = '', name = ''] = fullName.split('/');
    this.repositories.set(fullName, { description: '', omit: [], categories: [], answeredAs: { namespace, name }, ...input });
  }

  updateRepository(fullName: string, patch: DockerHubRepositoryPatch): void {
    Object.assign(this.mustFind(fullName), patch);
  }

  deleteRepository(fullName: string): void {
    this.mustFind(fullName);
    this.repositories.delete(fullName);
  }

  /** Requests a minute per caller; new windows start from now. */
  setLimit(limit: number): void {
    this.limit = limit;
    this.budgets = new BudgetBook();
  }

  setRetryAfterStyle(style: RetryAfterStyle): void {
    this.retryAfterStyle = style;
  }

  /** The budget of a caller (127.0.0.1 for tests) as it stands. */
  budget(ip = '127.0.0.1'): BudgetSnapshot {
    return this.budgetOf(ip).snapshot();
  }

  inject(rule: FaultRule<DockerHubFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<DockerHubFault> = {
    handle: (request) => {
      const budget = this.budgetOf(request.ip);
      if (!budget.tryCharge(1)) return this.tooManyRequests(budget.snapshot(), request.ip);
      return this.withRateLimit(this.route(request), budget.snapshot());
    },
    replyToFault: (fault, request) => {
      const budget = this.budgetOf(request.ip).snapshot();
      if (fault.kind === 'dockerhub-overall-limit') return textReply(429, 'Too Many Requests');
      if (fault.kind === 'dockerhub-rate-limit') {
        const resetAt = fault.resetSeconds === undefined ? budget.resetAt : this.now() + fault.resetSeconds * 1000;
        return this.tooManyRequests({ ...budget, used: budget.limit, remaining: 0, resetAt }, request.ip);
      }
      const reply = fault.body === undefined ? jsonReply(fault.status, { message: 'Service Unavailable', errinfo: {} }) : rawReply(fault.status, fault.body);
      return this.withRateLimit(reply, budget);
    },
  };

  private route(request: FakeRequest): Reply {
    const match = request.method === 'GET' ? ROUTES.map((route) => route.exec(request.path)).find(Boolean) : undefined;
    if (!match) return jsonReply(404, NOT_FOUND);
    const repository = this.repositories.get(`${decodePath(match[1] ?? '')}/${decodePath(match[2] ?? '')}`);
    return repository ? jsonReply(200, repositoryJson(repository)) : jsonReply(404, NOT_FOUND);
  }

  private tooManyRequests(budget: BudgetSnapshot, ip: string): Reply {
    const reset = toEpochSeconds(budget.resetAt);
    const retryAfter = this.retryAfterStyle === 'timestamp' ? reset : Math.max(0, Math.ceil((budget.resetAt - this.now()) / 1000));
    const reply = jsonReply(429, { message: 'Too Many Requests', errinfo: {} }, { 'retry-after': String(retryAfter), 'x-ratelimit-ip': ip });
    return this.withRateLimit(reply, { ...budget, remaining: 0 });
  }

  private withRateLimit(reply: Reply, budget: BudgetSnapshot): Reply {
    const headers = {
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': String(budget.remaining),
      'x-ratelimit-reset': String(toEpochSeconds(budget.resetAt)),
    };
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }

  private budgetOf(ip: string): FixedWindowBudget {
    return this.budgets.get(ip, () => new FixedWindowBudget(this.limit, WINDOW_MS, this.now));
  }

  private mustFind(fullName: string): FakeDockerRepository {
    const repository = this.repositories.get(fullName);
    if (!repository) throw new Error(`fake Docker Hub: no repository ${fullName}`);
    return repository;
  }
}
