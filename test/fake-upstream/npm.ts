// The fake npm download counts API (api.npmjs.org): `/downloads/point/{period}/{pkg}`
// and `/downloads/range/{period}/{pkg}`, one package or a bulk of ≤ 128 unscoped
// names, answered from each package's daily counts.
//
// Periods are relative to the fake's `today` (the UTC day of its clock unless set).
// Like npm, whose figures trail by a day, the last complete day is yesterday:
//   last-day   = [today-1, today-1]
//   last-week  = [today-7, today-1]    (7 days)
//   last-month = [today-30, today-1]   (30 days)
// `YYYY-MM-DD` and `YYYY-MM-DD:YYYY-MM-DD` name days explicitly. Days without a count
// are 0; nothing is counted before 2015-01-10 or after yesterday.
import { STATUS_CODES } from 'node:http';
import { type CommonFault, FaultQueue, type FaultRule } from './faults.ts';
import { decodePath, jsonReply, rawReply, type FakeRequest, type Reply } from './http-helpers.ts';
import type { UpstreamHandler } from './upstream-server.ts';

export type NpmFault = CommonFault;

export interface NpmPackageInput {
  /** Downloads per UTC day, `YYYY-MM-DD` → count; missing days count 0. */
  daily: Record<string, number>;
}

const BULK_LIMIT = 128;
/** Longest range: 365 days in bulk, 18 months for one package (the exact bound is unverified). */
const BULK_RANGE_DAYS = 365;
const SINGLE_RANGE_DAYS = 548;
const FIRST_DAY = '2015-01-10';
const DAY_MS = 86_400_000;

export class FakeNpm {
  /** Base URL, for `NPM_DOWNLOADS_URL`. Set once the server listens. */
  url = '';
  readonly faults = new FaultQueue<NpmFault>();
  private readonly packages = new Map<string, Map<string, number>>();
  private fixedToday: string | undefined;

  constructor(private readonly now: () => number) {}

  addPackage(name: string, input: NpmPackageInput): void {
    if (this.packages.has(name)) throw new Error(`fake npm: ${name} already exists`);
    this.packages.set(name, new Map(Object.entries(input.daily)));
  }

  /** Adds or replaces the counts of some days. */
  setDownloads(name: string, daily: Record<string, number>): void {
    const days = this.mustFind(name);
    for (const [day, count] of Object.entries(daily)) days.set(day, count);
  }

  deletePackage(name: string): void {
    this.mustFind(name);
    this.packages.delete(name);
  }

  /** The day periods are relative to; `undefined` goes back to the clock's UTC day. */
  setToday(day: string | undefined): void {
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`fake npm: ${day} is not YYYY-MM-DD`);
    this.fixedToday = day;
  }

  today(): string {
    return this.fixedToday ?? new Date(this.now()).toISOString().slice(0, 10);
  }

  /** Sum of a package's counts over `[start, end]`, as the point endpoint computes it. */
  downloads(name: string, start: string, end: string): number {
    return this.days(this.mustFind(name), start, end).reduce((sum, entry) => sum + entry.downloads, 0);
  }

  inject(rule: FaultRule<NpmFault>): void {
    this.faults.inject(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** @internal The request handler, given to the server by `startFakeUpstream`. */
  readonly handler: UpstreamHandler<NpmFault> = {
    handle: (request) => this.route(request),
    replyToFault: (fault) =>
      fault.body === undefined ? jsonReply(fault.status, { error: STATUS_CODES[fault.status] ?? 'Server Error' }) : rawReply(fault.status, fault.body),
  };

  private route(request: FakeRequest): Reply {
    const match = /^\/downloads\/(point|range)\/([^/]+)\/(.+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return jsonReply(404, { error: 'not found' });
    const kind = match[1] as 'point' | 'range';
    const span = this.period(decodePath(match[2] ?? ''));
    if (typeof span === 'string') return jsonReply(400, { error: span });
    const names = decodePath(match[3] ?? '').split(',');
    if (names.length === 1) {
      const name = names[0] ?? '';
      if (kind === 'range' && spanDays(span) > SINGLE_RANGE_DAYS) return jsonReply(400, { error: 'range of dates too long' });
      const days = this.packages.get(name);
      if (!days) return jsonReply(404, { error: `package ${name} not found` });
      return jsonReply(200, this.answer(kind, name, days, span));
    }
    if (names.some((name) => name.startsWith('@'))) {
      return jsonReply(400, { error: 'scoped packages are not currently supported in bulk lookups' });
    }
    if (names.length > BULK_LIMIT) return jsonReply(400, { error: `too many packages: at most ${BULK_LIMIT} per bulk lookup` });
    if (kind === 'range' && spanDays(span) > BULK_RANGE_DAYS) return jsonReply(400, { error: 'range of dates too long' });
    const body: Record<string, unknown> = {};
    for (const name of names) {
      const days = this.packages.get(name);
      body[name] = days ? this.answer(kind, name, days, span) : null;
    }
    return jsonReply(200, body);
  }

  private answer(kind: 'point' | 'range', name: string, days: Map<string, number>, [start, end]: [string, string]) {
    const entries = this.days(days, start, end);
    if (kind === 'range') return { start, end, package: name, downloads: entries };
    return { downloads: entries.reduce((sum, entry) => sum + entry.downloads, 0), start, end, package: name };
  }

  private days(days: Map<string, number>, start: string, end: string): { day: string; downloads: number }[] {
    const from = Math.max(dayNumber(start), dayNumber(FIRST_DAY));
    const to = Math.min(dayNumber(end), dayNumber(this.today()) - 1);
    const out: { day: string; downloads: number }[] = [];
    for (let n = from; n <= to; n++) out.push({ day: dayText(n), downloads: days.get(dayText(n)) ?? 0 });
    return out;
  }

  /** `[start, end]` of a period, or the error npm answers (message unverified). */
  private period(text: string): [string, string] | string {
    const yesterday = dayNumber(this.today()) - 1;
    const relative: Record<string, number> = { 'last-day': 1, 'last-week': 7, 'last-month': 30 };
    const length = relative[text];
    if (length !== undefined) return [dayText(yesterday - length + 1), dayText(yesterday)];
    const match = /^(\d{4}-\d{2}-\d{2})(?::(\d{4}-\d{2}-\d{2}))?$/.exec(text);
    if (!match || !isDay(match[1] ?? '') || !isDay(match[2] ?? match[1] ?? '')) {
      return `invalid period: ${text}`;
    }
    const span: [string, string] = [match[1] ?? '', match[2] ?? match[1] ?? ''];
    return span[0] > span[1] ? 'end date > start date' : span;
  }

  private mustFind(name: string): Map<string, number> {
    const days = this.packages.get(name);
    if (!days) throw new Error(`fake npm: no package ${name}`);
    return days;
  }
}

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const isDay = (day: string): boolean => !Number.isNaN(dayNumber(day)) && dayText(dayNumber(day)) === day;
const spanDays = ([start, end]: [string, string]): number => dayNumber(end) - dayNumber(start) + 1;
