import { askEach } from '../../clients/ask-each.ts';
import { createHttpClient, type HttpClientOptions, type JsonAnswer, retryAfterHeaderMs } from '../../clients/http-json.ts';
import { requestSpacing } from '../../clients/request-spacing.ts';
import { defaultSleep, withRetries } from '../../clients/retry.ts';
import { SourceError } from '../../clients/source-error.ts';
import type { SubjectResult } from '../../clients/subject-result.ts';
import { type CrateDayDownloads, type CrateSnapshot, errorDetail, readCrate, readDailyDownloads } from './crates-answers.ts';

/** crates.io's crawler policy: at most one request a second. */
export const CRATES_MIN_INTERVAL_MS = 1_000;
/**
 * The `User-Agent` the crawler policy asks for: the tool, and a way to reach whoever
 * runs it when they gave one. Requests without a `User-Agent` are refused (403).
 */
export function cratesUserAgent(contact?: string): string {
  // A header value holds printable ASCII only: anything else would make every request fail.
  const printable = contact?.replace(/[^\x20-\x7e]/g, '').trim();
  return `oss-pulse (open-source ecosystem metrics collector${printable ? `; contact: ${printable}` : ''})`;
}
export const CRATES_USER_AGENT = cratesUserAgent();
/** A 429 without `Retry-After` waits this long: a guess, as for the other upstreams that name no wait. */
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

export interface CratesClientOptions extends HttpClientOptions {
  /** crates.io's root (`CRATES_URL`). @defaultValue 'https://crates.io' */
  baseUrl?: string;
  /** Sent with every request. @defaultValue CRATES_USER_AGENT */
  userAgent?: string;
  /** Least time between the starts of two requests, retries included. @defaultValue 1_000 (the crawler policy's pace) */
  minIntervalMs?: number;
  /** The clock the spacing is measured on, in ms. @defaultValue performance.now */
  clock?: () => number;
  /** Milliseconds per second of rate-limit wait (`Retry-After`); only tests shrink it. @defaultValue 1000 */
  secondMs?: number;
}

export interface CratesClient {
  /** All-time and 90-day downloads of one crate; an unknown one throws `SourceError('not_found')`. */
  fetchCrate(name: string): Promise<CrateSnapshot>;
  /** Each crate in turn, a second apart, until a rate limit stops the rest. */
  fetchCrates(names: readonly string[]): Promise<Map<string, SubjectResult<CrateSnapshot>>>;
  /** Downloads per UTC day of the last 90 days crates.io keeps, all versions together, in day order. */
  fetchDailyDownloads(name: string): Promise<CrateDayDownloads[]>;
}

export function createCratesClient(options: CratesClientOptions = {}): CratesClient {
  const baseUrl = (options.baseUrl ?? 'https://crates.io').replace(/\/+$/, '');
  const secondMs = options.secondMs ?? 1000;
  // Retries are done here, so that every attempt waits for its turn before its timeout starts.
  const http = createHttpClient('crates', {
    ...options,
    retries: 0,
    headers: { ...options.headers, 'user-agent': options.userAgent ?? CRATES_USER_AGENT },
    rateLimitWaitMs: (headers) => ((retryAfterHeaderMs(headers) ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000) / 1000) * secondMs,
  });
  const waitTurn = requestSpacing(
    options.minIntervalMs ?? CRATES_MIN_INTERVAL_MS,
    options.clock ?? (() => performance.now()),
    options.sleep ?? defaultSleep,
  );

  /** GET a path of one crate; its 404 is `not_found`, with crates.io's own words. */
  async function getCrateJson(name: string, path: string): Promise<JsonAnswer> {
    const answer = await withRetries(async () => {
      await waitTurn();
      return http.getJson(`${baseUrl}/api/v1/crates/${encodeURIComponent(name)}${path}`, { passStatuses: [404] });
    }, options);
    if (answer.status === 404) {
      const detail = errorDetail(answer.body) ?? `crate ${name} not found`;
      throw new SourceError('not_found', `crates.io: ${detail}`, { status: 404 });
    }
    return answer;
  }

  const client: CratesClient = {
    fetchCrates: (names) => askEach(names, (name) => client.fetchCrate(name)),
    async fetchCrate(name) {
      // `include=downloads` leaves out the list of every version (hundreds for some crates) and keeps `recent_downloads`.
      const crate = readCrate((await getCrateJson(name, '?include=downloads')).body);
      if (!crate) throw new SourceError('parse', `unexpected crates.io answer for ${name}`);
      return crate;
    },
    async fetchDailyDownloads(name) {
      const days = readDailyDownloads((await getCrateJson(name, '/downloads')).body);
      if (!days) throw new SourceError('parse', `unexpected crates.io downloads answer for ${name}`);
      return days;
    },
  };
  return client;
}
