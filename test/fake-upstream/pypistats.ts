// The fake pypistats.org: `GET /api/packages/{pkg}/recent[?period=day|week|month]` and
// `GET /api/packages/{pkg}/overall[?mirrors=true|false]`.
// Projects are known by their PEP 503 name only, and a request must use it: a
// client that forgets to normalise gets the 404 (stricter than the real host, which
// turns `.` and `_` into `-` but does not lowercase). Errors are not JSON: 404 is the
// text "404", 429 an HTML page without rate-limit headers. The real limits (30 requests
// a minute and 5 a second per IP) are only counted unless `limitRequestsPerMinute` and
// `limitRequestsPerSecond` turn them on.
//
// A project holds either fixed windows (`recent` only) or daily downloads, from which
// both endpoints answer as pypistats' code does (psf/pypistats.org, pypistats/tasks/pypi.py
// and pypistats/views/api.py): its daily job has loaded the days up to `loadedThrough()`
// (yesterday of the clock, unless set), keeps 180 days before that one, and `recent` is
// last_day = that day, last_week = the 7 days and last_month = the 30 days ending on it,
// all without mirrors. So `recent` asked on day X and `overall` agree.
//
// Like the real site, a day or window without downloads is one without a row, and a
// query that finds no row answers 404: a project added with all-zero figures (it
// exists, nobody downloaded it) gets the same 404 as one never heard of. Only PyPI
// (the fake in `pypi.ts`) tells the two apart.
import { STATUS_CODES } from 'node:http';
import { type CommonFault, FaultQueue, type FaultRule } from './faults.ts';
import { decodePath, jsonReply, rawReply, textReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export type PypistatsFault =
  | CommonFault
  /** 429 with pypistats' HTML error page and no rate-limit headers. */
  | { kind: 'rate-limit' };

/** Fixed figures for `recent`; such a project has no daily rows for `overall`. */
export interface PypiPackageInput {
  lastDay: number;
  lastWeek: number;
  lastMonth: number;
}

/** Daily downloads, from which `recent` and `overall` are both answered. */
export interface PypiDailyInput {
  /** Downloads without mirrors per UTC day, `YYYY-MM-DD` → count; a day not listed had none. */
  daily: Record<string, number>;
  /** Downloads by known mirrors (bandersnatch, devpi, ...) per day: in `with_mirrors` only. @defaultValue none */
  mirrorDaily?: Record<string, number>;
}

type FakeProject = { kind: 'windows'; figures: PypiPackageInput } | { kind: 'daily'; daily: Map<string, number>; mirrorDaily: Map<string, number> };

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;
/** pypistats purges the rows older than its last loaded day minus this many days. */
const KEPT_DAYS = 180;

export class FakePypistats {
  /** Base URL, for `PYPISTATS_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<PypistatsFault>();
  /** PEP 503 name → figures. */
  private readonly packages = new Map<string, FakeProject>();
  /** Arrival times (fake clock) of every request that got an answer. */
  private readonly arrivals: number[] = [];
  private perMinuteLimit = Number.POSITIVE_INFINITY;
  private perSecondLimit = Number.POSITIVE_INFINITY;
  private fixedLoadedThrough: string | undefined;

  constructor(private readonly now: () => number) {}

  addPackage(name: string, figures: PypiPackageInput | PypiDailyInput): void {
    const key = normalize(name);
    if (this.packages.has(key)) throw new Error(`fake pypistats: ${name} already exists`);
    this.packages.set(
      key,
      'daily' in figures
        ? { kind: 'daily', daily: new Map(Object.entries(figures.daily)), mirrorDaily: new Map(Object.entries(figures.mirrorDaily ?? {})) }
        : { kind: 'windows', figures: { ...figures } },
    );
  }

  /** Changes the fixed windows of a project added with them. */
  updatePackage(name: string, patch: Partial<PypiPackageInput>): void {
    const project = this.mustFind(name);
    if (project.kind !== 'windows') throw new Error(`fake pypistats: ${name} holds daily downloads; use setDownloads`);
    Object.assign(project.figures, patch);
  }

  /** Adds or replaces some days of a project added with daily downloads (without mirrors). */
  setDownloads(name: string, daily: Record<string, number>): void {
    const project = this.mustFind(name);
    if (project.kind !== 'daily') throw new Error(`fake pypistats: ${name} holds fixed windows; use updatePackage`);
    for (const [day, count] of Object.entries(daily)) project.daily.set(day, count);
  }

  /** The last day the daily job has loaded; `undefined` goes back to the day before the clock's (the job ran). */
  setLoadedThrough(day: string | undefined): void {
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`fake pypistats: ${day} is not YYYY-MM-DD`);
    this.fixedLoadedThrough = day;
  }

  loadedThrough(): string {
    return this.fixedLoadedThrough ?? dayText(Math.floor(this.now() / DAY_MS) - 1);
  }

  /** Answers 429 to requests beyond `perMinute` in any minute, as the real host does; `undefined` turns it off. */
  limitRequestsPerMinute(perMinute: number | undefined): void {
    this.perMinuteLimit = perMinute ?? Number.POSITIVE_INFINITY;
  }

  /** Answers 429 to requests beyond `perSecond` in any second (the real host allows 5); `undefined` turns it off. */
  limitRequestsPerSecond(perSecond: number | undefined): void {
    this.perSecondLimit = perSecond ?? Number.POSITIVE_INFINITY;
  }

  /** The most requests received within any 60 s of the fake clock. */
  maxRequestsPerMinute(): number {
    let most = 0;
    for (let first = 0, last = 0; last < this.arrivals.length; last++) {
      while ((this.arrivals[last] ?? 0) - (this.arrivals[first] ?? 0) >= MINUTE_MS) first++;
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  inject(rule: FaultRule<PypistatsFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<PypistatsFault> = {
    handle: (request) => this.route(request),
    replyToFault: (fault) => {
      this.arrivals.push(this.now());
      if (fault.kind === 'rate-limit') return tooManyRequests('30 per 1 minute');
      return fault.body === undefined ? textReply(fault.status, STATUS_CODES[fault.status] ?? 'Server Error') : rawReply(fault.status, fault.body);
    },
  };

  private route(request: FakeRequest): Reply {
    const at = this.now();
    const within = (ms: number) => this.arrivals.filter((time) => at - time < ms).length;
    const [lastMinute, lastSecond] = [within(MINUTE_MS), within(SECOND_MS)];
    this.arrivals.push(at);
    if (lastSecond >= this.perSecondLimit) return tooManyRequests('5 per 1 second');
    if (lastMinute >= this.perMinuteLimit) return tooManyRequests('30 per 1 minute');
    const match = /^\/api\/packages\/([^/]+)\/(recent|overall)\/?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return notFound();
    const name = decodePath(match[1] ?? '');
    const project = this.packages.get(name);
    if (!project || name !== normalize(name)) return notFound();
    return match[2] === 'overall' ? this.overall(name, project, request.url.searchParams.get('mirrors')) : this.recent(name, project, request.url.searchParams.get('period'));
  }

  private recent(name: string, project: FakeProject, period: string | null): Reply {
    const all = project.kind === 'windows' ? windowsOf(project.figures) : this.windowsFromDays(project.daily);
    const data = period === 'day' || period === 'week' || period === 'month' ? { [`last_${period}`]: all[`last_${period}`] } : all;
    // No row for any asked window: pypistats aborts with 404 (windows without a row read 0 when another has one).
    if (Object.values(data).every((downloads) => downloads === 0)) return notFound();
    return jsonReply(200, { data, package: name, type: 'recent_downloads' });
  }

  /** `update_recent_stats`: sums over `date = D`, `date > D - 7` and `date > D - 30`, D the last day loaded. */
  private windowsFromDays(daily: Map<string, number>) {
    const last = dayNumber(this.loadedThrough());
    const sum = (days: number) => Array.from({ length: days }, (_, back) => daily.get(dayText(last - back)) ?? 0).reduce((a, b) => a + b, 0);
    return { last_day: sum(1), last_month: sum(30), last_week: sum(7) };
  }

  /** `api_downloads_overall`: one category by date for `mirrors=true|false`, else both, by category then date. */
  private overall(name: string, project: FakeProject, mirrors: string | null): Reply {
    if (project.kind !== 'daily') throw new Error(`fake pypistats: ${name} was added with fixed windows only; add it with \`daily\` to ask /overall`);
    const last = dayNumber(this.loadedThrough());
    const rows: { category: string; date: string; downloads: number }[] = [];
    const categories = mirrors === 'true' ? ['with_mirrors'] : mirrors === 'false' ? ['without_mirrors'] : ['with_mirrors', 'without_mirrors'];
    for (const category of categories) {
      for (let n = last - KEPT_DAYS; n <= last; n++) {
        const date = dayText(n);
        const without = project.daily.get(date) ?? 0;
        const downloads = category === 'with_mirrors' ? without + (project.mirrorDaily.get(date) ?? 0) : without;
        if (downloads > 0) rows.push({ category, date, downloads });
      }
    }
    if (rows.length === 0) return notFound();
    // Flask's jsonify sorts keys: category, date, downloads; data, package, type.
    return jsonReply(200, { data: rows, package: name, type: 'overall_downloads' });
  }

  private mustFind(name: string): FakeProject {
    const project = this.packages.get(normalize(name));
    if (!project) throw new Error(`fake pypistats: no package ${name}`);
    return project;
  }
}

/** PEP 503: lowercase, runs of `.`, `_` and `-` become one `-`. */
const normalize = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const windowsOf = (figures: PypiPackageInput) => ({ last_day: figures.lastDay, last_month: figures.lastMonth, last_week: figures.lastWeek });

/** pypistats' 404 handler returns the text "404", which Flask sends as HTML. */
function notFound(): Reply {
  return textReply(404, '404', { 'content-type': 'text/html; charset=utf-8' });
}

/** Flask-Limiter's 429 page, naming the limit that was hit. */
function tooManyRequests(limit: string): Reply {
  return {
    status: 429,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html>\n<html lang=en>\n<title>429 Too Many Requests</title>\n<h1>Too Many Requests</h1>\n<p>${limit}</p>\n`,
  };
}
