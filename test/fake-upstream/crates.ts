// The fake crates.io API: `GET /api/v1/crates/{name}[?include=...]` and
// `GET /api/v1/crates/{name}/downloads`, answered from each crate's daily downloads per version.
//
// As on crates.io (rust-lang/crates.io, src/controllers/krate/): a crate is found by its
// canonical name (lower case, `-` read as `_`); an unknown one is a 404
// `{"errors":[{"detail":"crate `x` does not exist"}]}`. `include` defaults to everything;
// parts left out answer null, and `recent_downloads` is null without `downloads`.
// `recent_downloads` and `/downloads` cover the dates after today − 90 days, today included;
// `/downloads` lists the newest five versions (by version number) per day and sums the
// others per day under `meta.extra_downloads`. A request without a `User-Agent`, or with
// one naming only an HTTP library, gets the crawler-policy 403.
import { type CommonFault, FaultQueue, type FaultRule } from './faults.ts';
import { decodePath, jsonReply, rawReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { UpstreamHandler } from './upstream-server.ts';
import { crateJson, versionJson } from './crates-json.ts';

export type CratesFault =
  | CommonFault
  /** 429 with crates.io's error body, and `Retry-After: N` when `retryAfter` (seconds) is given. */
  | { kind: 'crates-rate-limit'; retryAfter?: number };

export interface CrateInput {
  /** Version numbers; ids are given in this order. @defaultValue ['1.0.0'] */
  versions?: string[];
  /** Downloads per UTC day and version: `YYYY-MM-DD` → version → count. @defaultValue {} */
  daily?: Record<string, Record<string, number>>;
  /** Downloads counted before the days in `daily`: they only show in the all-time total. @defaultValue 0 */
  earlierDownloads?: number;
  /** @defaultValue [] */
  keywords?: string[];
}

export interface FakeCrate {
  name: string;
  versions: { id: number; num: string }[];
  daily: Map<string, Map<string, number>>;
  earlierDownloads: number;
  keywords: string[];
}

/** How many versions `/downloads` lists on their own; the rest are summed (`extra_downloads`). */
const LISTED_VERSIONS = 5;
/** `recent_downloads` and `/downloads` count the dates after today − this many days. */
const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** User-Agents that name an HTTP library only (Node's fetch sends `node`): refused like none at all. */
const LIBRARY_AGENTS = /^(?:node|undici|Go-http-client\/|python-requests\/|reqwest\/)/;
const CRAWLER_POLICY =
  'We are unable to process your request at this time. This usually means that you are in violation of our crawler policy (https://crates.io/policies#crawlers). Please open an issue at https://github.com/rust-lang/crates.io or email help@crates.io and provide the request id ';
const INCLUDE_PARTS = ['versions', 'keywords', 'categories', 'badges', 'downloads', 'default_version'] as const;
type Include = Record<(typeof INCLUDE_PARTS)[number], boolean>;

export class FakeCrates {
  /** Base URL, for `CRATES_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<CratesFault>();
  /** Canonical name → crate. */
  private readonly crates = new Map<string, FakeCrate>();
  private nextVersionId = 1;
  private nextRequestId = 1;

  constructor(private readonly now: () => number) {}

  addCrate(name: string, input: CrateInput = {}): void {
    if (this.crates.has(canonical(name))) throw new Error(`fake crates.io: ${name} already exists`);
    const daily = new Map(Object.entries(input.daily ?? {}).map(([day, counts]) => [day, new Map(Object.entries(counts))]));
    const versions = (input.versions ?? ['1.0.0']).map((num) => ({ id: this.nextVersionId++, num }));
    this.crates.set(canonical(name), { name, versions, daily, earlierDownloads: input.earlierDownloads ?? 0, keywords: input.keywords ?? [] });
  }

  /** Sets a day's count of one version. */
  setDownloads(name: string, day: string, version: string, count: number): void {
    const crate = this.mustFind(name);
    crate.daily.set(day, new Map(crate.daily.get(day)).set(version, count));
  }

  deleteCrate(name: string): void {
    this.mustFind(name);
    this.crates.delete(canonical(name));
  }

  /** All-time downloads as `crate.downloads` answers them. */
  totalDownloads(name: string): number {
    const crate = this.mustFind(name);
    return crate.earlierDownloads + [...crate.daily].filter(([day]) => day <= this.today()).reduce((sum, [, counts]) => sum + total(counts), 0);
  }

  inject(rule: FaultRule<CratesFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<CratesFault> = {
    handle: (request) => this.route(request),
    replyToFault: (fault) => {
      if (fault.kind === 'crates-rate-limit') {
        const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': String(fault.retryAfter) };
        return jsonReply(429, errors('You have made too many requests. Please try again later.'), headers);
      }
      return fault.body === undefined ? jsonReply(fault.status, errors('Service Unavailable')) : rawReply(fault.status, fault.body);
    },
  };

  private route(request: FakeRequest): Reply {
    const agent = request.headers['user-agent']?.trim() ?? '';
    if (agent === '' || LIBRARY_AGENTS.test(agent)) return jsonReply(403, errors(`${CRAWLER_POLICY}${this.nextRequestId++}`));
    const match = /^\/api\/v1\/crates\/([^/]+)(\/downloads)?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return jsonReply(404, errors('Not Found'));
    const asked = decodePath(match[1] ?? '');
    const crate = this.crates.get(canonical(asked));
    if (!crate) return jsonReply(404, errors(`crate \`${asked}\` does not exist`));
    if (match[2]) return jsonReply(200, this.downloadsAnswer(crate));
    const include = parseInclude(request.url.searchParams.get('include'));
    if (typeof include === 'string') return jsonReply(400, errors(include));
    return jsonReply(200, this.crateAnswer(crate, include));
  }

  private crateAnswer(crate: FakeCrate, include: Include) {
    const versions = [...crate.versions].sort((a, b) => compareVersions(b.num, a.num));
    const recent = this.windowDays(crate).reduce((sum, [, counts]) => sum + total(counts), 0);
    // No download in the window: no row in crates.io's 90-day sum, so null.
    const recentDownloads = include.downloads && recent > 0 ? recent : null;
    const keywords = crate.keywords.map((keyword) => ({ crates_cnt: 1, created_at: '2023-01-01T00:00:00.000000+00:00', id: keyword, keyword }));
    return {
      categories: include.categories ? [] : null,
      crate: crateJson(crate, { versions, recentDownloads, total: this.totalDownloads(crate.name), include }),
      keywords: include.keywords ? keywords : null,
      versions: include.versions ? versions.map((version) => versionJson(crate, version, this.versionTotal(crate, version.num))) : null,
    };
  }

  private downloadsAnswer(crate: FakeCrate) {
    const listed = [...crate.versions].sort((a, b) => compareVersions(b.num, a.num)).slice(0, LISTED_VERSIONS);
    const days = this.windowDays(crate).sort(([a], [b]) => a.localeCompare(b));
    const rows = days.flatMap(([date, counts]) =>
      [...listed]
        .sort((a, b) => b.id - a.id)
        .filter((version) => counts.has(version.num))
        .map((version) => ({ date, downloads: counts.get(version.num) ?? 0, version: version.id })),
    );
    const listedNums = new Set(listed.map((version) => version.num));
    const extra = days
      .map(([date, counts]) => ({ date, downloads: total(counts, (num) => !listedNums.has(num)) }))
      .filter((entry) => entry.downloads > 0);
    return { version_downloads: rows, meta: { extra_downloads: extra } };
  }

  /** The days with downloads after today − 90 days, today included. */
  private windowDays(crate: FakeCrate): [string, Map<string, number>][] {
    const today = this.today();
    const first = new Date(Date.parse(`${today}T00:00:00Z`) - WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
    return [...crate.daily].filter(([day]) => day > first && day <= today);
  }

  private versionTotal(crate: FakeCrate, num: string): number {
    return [...crate.daily].reduce((sum, [, counts]) => sum + (counts.get(num) ?? 0), 0);
  }

  private today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  private mustFind(name: string): FakeCrate {
    const crate = this.crates.get(canonical(name));
    if (!crate) throw new Error(`fake crates.io: no crate ${name}`);
    return crate;
  }
}

/** crates.io's `canon_crate_name`. */
const canonical = (name: string): string => name.toLowerCase().replaceAll('-', '_');

const errors = (detail: string) => ({ errors: [{ detail }] });

function total(counts: Map<string, number>, counted: (version: string) => boolean = () => true): number {
  return [...counts].reduce((sum, [version, count]) => (counted(version) ? sum + count : sum), 0);
}

/** `include` as crates.io reads it: unset means everything; an unknown part is a 400 with this message. */
function parseInclude(text: string | null): Include | string {
  const all = Object.fromEntries(INCLUDE_PARTS.map((part) => [part, text === null])) as Include;
  for (const part of (text ?? '').split(',')) {
    if (part === '') continue;
    if (part === 'full') INCLUDE_PARTS.forEach((name) => (all[name] = true));
    else if ((INCLUDE_PARTS as readonly string[]).includes(part)) all[part as keyof Include] = true;
    else return `invalid component for ?include= (expected ${INCLUDE_PARTS.map((name) => `'${name}'`).join(', ')}, or 'full')`;
  }
  return all;
}

/** Orders version numbers as semver does for plain `x.y.z[-pre]` numbers. */
function compareVersions(a: string, b: string): number {
  const parse = (num: string) => {
    const [core = '', pre] = num.split('-', 2);
    return { parts: core.split('.').map(Number), pre };
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre);
}
