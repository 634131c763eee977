// The fake pypistats.org: `GET /api/packages/{pkg}/recent[?period=day|week|month]`.
// Projects are known by their PEP 503 name only, and a request must use it: a
// client that forgets to normalise gets the 404 (stricter than the real host, whose
// handling of other spellings is unverified). Errors are not JSON: 404 is the
// text "404", 429 an HTML page without rate-limit headers. The real limit (30 requests a
// minute per IP) is only counted unless `limitRequestsPerMinute` turns it on.
//
// Like the real site, a window without downloads is a window without a row, and a
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

export interface PypiPackageInput {
  lastDay: number;
  lastWeek: number;
  lastMonth: number;
}

const MINUTE_MS = 60_000;

export class FakePypistats {
  /** Base URL, for `PYPISTATS_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<PypistatsFault>();
  /** PEP 503 name → figures. */
  private readonly packages = new Map<string, PypiPackageInput>();
  /** Arrival times (fake clock) of every request that got an answer. */
  private readonly arrivals: number[] = [];
  private perMinuteLimit = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  addPackage(name: string, figures: PypiPackageInput): void {
    const key = normalize(name);
    if (this.packages.has(key)) throw new Error(`fake pypistats: ${name} already exists`);
    this.packages.set(key, { ...figures });
  }

  updatePackage(name: string, patch: Partial<PypiPackageInput>): void {
    const figures = this.packages.get(normalize(name));
    if (!figures) throw new Error(`fake pypistats: no package ${name}`);
    Object.assign(figures, patch);
  }

  /** Answers 429 to requests beyond `perMinute` in any minute, as the real host does; `undefined` turns it off. */
  limitRequestsPerMinute(perMinute: number | undefined): void {
    this.perMinuteLimit = perMinute ?? Number.POSITIVE_INFINITY;
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
      if (fault.kind === 'rate-limit') return tooManyRequests();
      return fault.body === undefined ? textReply(fault.status, STATUS_CODES[fault.status] ?? 'Server Error') : rawReply(fault.status, fault.body);
    },
  };

  private route(request: FakeRequest): Reply {
    const at = this.now();
    const recent = this.arrivals.filter((time) => at - time < MINUTE_MS).length;
    this.arrivals.push(at);
    if (recent >= this.perMinuteLimit) return tooManyRequests();
    const match = /^\/api\/packages\/([^/]+)\/recent\/?$/.exec(request.path);
    if (request.method !== 'GET' || !match) return notFound();
    const name = decodePath(match[1] ?? '');
    const figures = this.packages.get(name);
    if (!figures || name !== normalize(name)) return notFound();
    const all = { last_day: figures.lastDay, last_month: figures.lastMonth, last_week: figures.lastWeek };
    const period = request.url.searchParams.get('period');
    const data = period === 'day' || period === 'week' || period === 'month' ? { [`last_${period}`]: all[`last_${period}`] } : all;
    // No row for any asked window: pypistats aborts with 404 (windows without a row read 0 when another has one).
    if (Object.values(data).every((downloads) => downloads === 0)) return notFound();
    return jsonReply(200, { data, package: name, type: 'recent_downloads' });
  }
}

/** PEP 503: lowercase, runs of `.`, `_` and `-` become one `-`. */
const normalize = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();

/** pypistats' 404 handler returns the text "404", which Flask sends as HTML. */
function notFound(): Reply {
  return textReply(404, '404', { 'content-type': 'text/html; charset=utf-8' });
}

function tooManyRequests(): Reply {
  return {
    status: 429,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html>\n<html lang=en>\n<title>429 Too Many Requests</title>\n<h1>Too Many Requests</h1>\n<p>30 per 1 minute</p>\n',
  };
}
