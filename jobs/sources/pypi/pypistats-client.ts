import { askEach } from '../../clients/ask-each.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { z } from 'zod';
import { normalizePypiName } from './pypi-names.ts';
import { createHttpClient, type HttpClientOptions, type JsonAnswer } from '../../clients/http-json.ts';
import { requestSpacing } from '../../clients/request-spacing.ts';
import { defaultSleep, withRetries } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';
import { parseUtcDay } from '../../utc-days.ts';

/** pypistats allows 30 requests per minute per IP (and 5 per second): one every 2 s keeps under both. */
export const PYPISTATS_MIN_INTERVAL_MS = 2_000;
/** Its 429 is an HTML page without rate-limit headers: wait out a whole window of the per-minute limit. */
const RATE_LIMIT_WAIT_SECONDS = 60;

export interface PypiRecentDownloads {
  /** The project name as pypistats answered it (normalised). */
  package: string;
  lastDay: number;
  lastWeek: number;
  lastMonth: number;
}

export interface PypiDayDownloads {
  /** `YYYY-MM-DD`, a UTC day. */
  day: string;
  downloads: number;
}

export interface PypiDailyDownloads {
  /** The project name as pypistats answered it (normalised). */
  package: string;
  /**
   * Downloads without mirrors (the figures `recent` sums), oldest day first. pypistats
   * keeps about 180 days and has no row for a day without downloads.
   */
  days: PypiDayDownloads[];
}

export interface PypistatsClientOptions extends HttpClientOptions {
  /** The pypistats root (`PYPISTATS_URL`). @defaultValue 'https://pypistats.org' */
  baseUrl?: string;
  /** Least time between the starts of two requests, retries included. @defaultValue 2_000 (30 requests/minute) */
  minIntervalMs?: number;
  /** The clock the spacing is measured on, in ms. @defaultValue performance.now */
  clock?: () => number;
  /** Milliseconds per second of rate-limit wait; only tests shrink it. @defaultValue 1000 */
  secondMs?: number;
}

export interface PypistatsClient {
  /** Downloads of the last day, week and month; an unknown project throws `SourceError('not_found')`. */
  fetchRecent(name: string): Promise<PypiRecentDownloads>;
  /** Each project in turn, spaced by the per-minute limit, until a rate limit stops the rest. */
  fetchRecentDownloads(names: readonly string[]): Promise<Map<string, SubjectResult<PypiRecentDownloads>>>;
  /**
   * Daily downloads without mirrors (`/overall?mirrors=false`); a project pypistats has
   * no row for throws `SourceError('not_found')`, as `fetchRecent` does.
   */
  fetchOverall(name: string): Promise<PypiDailyDownloads>;
  /** `fetchOverall` for each project in turn, until a rate limit stops the rest. */
  fetchOverallDownloads(names: readonly string[]): Promise<Map<string, SubjectResult<PypiDailyDownloads>>>;
}

const recent = z.object({
  data: z.object({
    last_day: z.number().int().nonnegative(),
    last_week: z.number().int().nonnegative(),
    last_month: z.number().int().nonnegative(),
  }),
  package: z.string(),
  type: z.literal('recent_downloads'),
});

// Rows of other categories (with_mirrors, should the parameter be ignored) are skipped
// whatever else they hold; so each row is read in two steps.
const overall = z.object({
  data: z.array(z.looseObject({ category: z.string() })),
  package: z.string(),
  type: z.literal('overall_downloads'),
});
const overallRow = z.object({ category: z.literal('without_mirrors'), date: z.string(), downloads: z.number().int().nonnegative() });

export function createPypistatsClient(options: PypistatsClientOptions = {}): PypistatsClient {
  const baseUrl = (options.baseUrl ?? 'https://pypistats.org').replace(/\/+$/, '');
  const secondMs = options.secondMs ?? 1000;
  // Retries are done here, so that every attempt waits for its turn before its timeout starts.
  const http = createHttpClient('pypi', { ...options, retries: 0, rateLimitWaitMs: () => RATE_LIMIT_WAIT_SECONDS * secondMs });
  const waitTurn = requestSpacing(
    options.minIntervalMs ?? PYPISTATS_MIN_INTERVAL_MS,
    options.clock ?? (() => performance.now()),
    options.sleep ?? defaultSleep,
  );

  /** One endpoint of a project, at its turn, retried; the plain-text 404 of a query without rows is `not_found`. */
  async function ask(name: string, endpoint: string): Promise<JsonAnswer> {
    const url = `${baseUrl}/api/packages/${encodeURIComponent(normalizePypiName(name))}/${endpoint}`;
    const answer = await withRetries(async () => {
      await waitTurn();
      return http.getJson(url, { passStatuses: [404] });
    }, options);
    if (answer.status === 404) throw new SourceError('not_found', `PyPI project ${name} not found on pypistats`, { status: 404 });
    return answer;
  }

  const client: PypistatsClient = {
    fetchRecentDownloads: (names) => askEach(names, (name) => client.fetchRecent(name)),
    async fetchRecent(name) {
      const parsed = recent.safeParse((await ask(name, 'recent')).body);
      if (!parsed.success) throw new SourceError('parse', `unexpected pypistats answer for ${name}`);
      const { data } = parsed.data;
      return { package: parsed.data.package, lastDay: data.last_day, lastWeek: data.last_week, lastMonth: data.last_month };
    },
    fetchOverallDownloads: (names) => askEach(names, (name) => client.fetchOverall(name)),
    async fetchOverall(name) {
      // mirrors=false: only the `without_mirrors` rows, the category `recent` sums.
      return readOverall(name, (await ask(name, 'overall?mirrors=false')).body);
    },
  };
  return client;
}

/** The `without_mirrors` days of an `/overall` answer, oldest first; anything else in their place is a parse error. */
function readOverall(name: string, body: unknown): PypiDailyDownloads {
  const parsed = overall.safeParse(body);
  if (!parsed.success) throw new SourceError('parse', `unexpected pypistats overall answer for ${name}`);
  const byDay = new Map<string, number>();
  for (const item of parsed.data.data) {
    if (item.category !== 'without_mirrors') continue;
    const row = overallRow.safeParse(item);
    if (!row.success || !parseUtcDay(row.data.date)) {
      throw new SourceError('parse', `pypistats answered ${name} with a malformed daily row: ${JSON.stringify(item).slice(0, 120)}`);
    }
    if (byDay.has(row.data.date)) throw new SourceError('parse', `pypistats answered ${name} with ${row.data.date} twice`);
    byDay.set(row.data.date, row.data.downloads);
  }
  const days = [...byDay].map(([day, downloads]) => ({ day, downloads })).sort((a, b) => a.day.localeCompare(b.day));
  return { package: parsed.data.package, days };
}
