import { z } from 'zod';
import { DAY_MS, isoDate } from '../../utc-days.ts';
import { chunks } from '../../chunks.ts';
import { createHttpClient, type HttpClientOptions } from '../../clients/http-json.ts';
import { SourceError, toSourceError } from '../../clients/source-error.ts';
import { failAll, failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';

/** npm's limit on one bulk lookup; bulk lookups take unscoped names only. */
export const NPM_BULK_LIMIT = 128;
/** Days per range call: npm allows 365 in bulk and 18 months for one package; 365 fits both. */
export const NPM_RANGE_MAX_DAYS = 365;
/** npm has no download counts before this day. */
export const NPM_FIRST_DAY = '2015-01-10';

/** The rolling windows the collector reads: the 7 and 30 days up to npm's last complete day. */
export type NpmPointPeriod = 'last-week' | 'last-month';

export interface NpmDayDownloads {
  /** YYYY-MM-DD, UTC. */
  day: string;
  downloads: number;
}

export interface NpmClientOptions extends HttpClientOptions {
  /** The download counts API root (`NPM_DOWNLOADS_URL`). @defaultValue 'https://api.npmjs.org' */
  baseUrl?: string;
}

export interface NpmClient {
  /**
   * Downloads of each package over `period`: unscoped names in bulk lookups of
   * ≤ 128 per call, scoped names one call each. Unknown packages are `not_found`.
   */
  fetchPoint(period: NpmPointPeriod, names: readonly string[]): Promise<Map<string, SubjectResult<number>>>;
  /**
   * Daily downloads of one package from `start` to `end` (YYYY-MM-DD, inclusive, UTC),
   * in spans of ≤ 365 days per call, concatenated in day order. Days before
   * 2015-01-10 are not asked for. An unknown package throws `SourceError('not_found')`.
   */
  fetchRange(name: string, start: string, end: string): Promise<NpmDayDownloads[]>;
}

const point = z.object({
  downloads: z.number().int().nonnegative(),
  start: z.string(),
  end: z.string(),
  package: z.string(),
});
const bulkPoint = z.record(z.string(), point.nullable());
const range = z.object({
  start: z.string(),
  end: z.string(),
  package: z.string(),
  downloads: z.array(z.object({ day: z.string(), downloads: z.number().int().nonnegative() })),
});

export const isScopedPackage = (name: string): boolean => name.startsWith('@');

export function createNpmClient(options: NpmClientOptions = {}): NpmClient {
  const baseUrl = (options.baseUrl ?? 'https://api.npmjs.org').replace(/\/+$/, '');
  const http = createHttpClient('npm', options);

  /** One point call: a bulk lookup, or one name (scoped names only go one at a time). */
  async function lookup(period: NpmPointPeriod, names: string[]): Promise<Map<string, SubjectResult<number>>> {
    try {
      const answer = await http.getJson(`${baseUrl}/downloads/point/${period}/${names.map(packagePath).join(',')}`, {
        passStatuses: names.length === 1 ? [404] : [],
      });
      if (answer.status === 404) return failAll(names, notFound(names[0] ?? ''));
      return readPointAnswer(names, answer.body);
    } catch (error) {
      return failAll(names, toSourceError(error));
    }
  }

  return {
    async fetchPoint(period, names) {
      const unscoped = names.filter((name) => !isScopedPackage(name));
      // Scoped names are refused in bulk (400): one call each.
      const calls = [...chunks(unscoped, NPM_BULK_LIMIT), ...names.filter(isScopedPackage).map((name) => [name])];
      const results = new Map<string, SubjectResult<number>>();
      // After a rate limit the upstream has asked for a pause: the rest fail with it rather than be sent.
      let limited: SourceError | undefined;
      for (const call of calls) {
        for (const [name, result] of limited ? failAll<number>(call, limited) : await lookup(period, call)) {
          results.set(name, result);
          if (!result.ok && result.error.kind === 'rate_limit') limited = result.error;
        }
      }
      return results;
    },

    async fetchRange(name, start, end) {
      const days: NpmDayDownloads[] = [];
      for (const [from, to] of rangeSpans(start, end)) {
        const answer = await http.getJson(`${baseUrl}/downloads/range/${from}:${to}/${packagePath(name)}`, { passStatuses: [404] });
        if (answer.status === 404) throw notFound(name);
        const parsed = range.safeParse(answer.body);
        if (!parsed.success) throw new SourceError('parse', `unexpected npm range answer for ${name} (${from}:${to})`);
        days.push(...parsed.data.downloads.map(({ day, downloads }) => ({ day, downloads })));
      }
      return days;
    },
  };
}

/**
 * A bulk answer is an object keyed by name (`null` for unknown names), but a bulk
 * call with one name gets the single-package shape: both are read here.
 */
function readPointAnswer(names: string[], body: unknown): Map<string, SubjectResult<number>> {
  const one = point.safeParse(body);
  if (one.success && names.length === 1) return new Map([[names[0] ?? '', succeeded(one.data.downloads)]]);
  const many = bulkPoint.safeParse(body);
  if (!many.success) return failAll(names, new SourceError('parse', `unexpected npm bulk answer for ${names.length} packages`));
  return new Map(
    names.map((name) => {
      const entry = many.data[name];
      if (entry === null) return [name, failed<number>(notFound(name))];
      if (entry === undefined) return [name, failed<number>(new SourceError('parse', `npm's bulk answer lacks ${name}`))];
      return [name, succeeded(entry.downloads)];
    }),
  );
}

const notFound = (name: string) => new SourceError('not_found', `npm package ${name} not found`, { status: 404 });

/** `@scope/name` stays readable in the path: npm takes the slash as it is. */
function packagePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/').replace(/^%40/, '@');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayText = (n: number): string => isoDate(new Date(n * DAY_MS));

function dayNumber(day: string, label: string): number {
  const n = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  // Date.parse rolls 2026-11-31 over to December: a day must read back as written.
  if (!DAY.test(day) || Number.isNaN(n) || dayText(n) !== day) {
    throw new RangeError(`${label} must be a YYYY-MM-DD day, got ${JSON.stringify(day)}`);
  }
  return n;
}

/** `[start, end]` cut into consecutive spans of ≤ 365 days, from npm's first day of data on. */
export function rangeSpans(start: string, end: string): [string, string][] {
  const first = Math.max(dayNumber(start, 'start'), dayNumber(NPM_FIRST_DAY, 'first day'));
  const last = dayNumber(end, 'end');
  const spans: [string, string][] = [];
  for (let from = first; from <= last; from += NPM_RANGE_MAX_DAYS) {
    spans.push([dayText(from), dayText(Math.min(from + NPM_RANGE_MAX_DAYS - 1, last))]);
  }
  return spans;
}
