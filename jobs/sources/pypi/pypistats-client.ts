import { askEach } from '../../clients/ask-each.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { z } from 'zod';
import { normalizePypiName } from './pypi-names.ts';
import { createHttpClient, type HttpClientOptions } from '../../clients/http-json.ts';
import { requestSpacing } from '../../clients/request-spacing.ts';
import { defaultSleep, withRetries } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';

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

  const client: PypistatsClient = {
    fetchRecentDownloads: (names) => askEach(names, (name) => client.fetchRecent(name)),
    async fetchRecent(name) {
      const url = `${baseUrl}/api/packages/${encodeURIComponent(normalizePypiName(name))}/recent`;
      const answer = await withRetries(async () => {
        await waitTurn();
        return http.getJson(url, { passStatuses: [404] });
      }, options);
      // The 404 is a plain-text "Not Found".
      if (answer.status === 404) throw new SourceError('not_found', `PyPI project ${name} not found on pypistats`, { status: 404 });
      const parsed = recent.safeParse(answer.body);
      if (!parsed.success) throw new SourceError('parse', `unexpected pypistats answer for ${name}`);
      const { data } = parsed.data;
      return { package: parsed.data.package, lastDay: data.last_day, lastWeek: data.last_week, lastMonth: data.last_month };
    },
  };
  return client;
}
