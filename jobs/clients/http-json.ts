import { type RetryOptions, withRetries } from './retry.ts';
import { passGate, type RateLimitGate } from './rate-limit-gate.ts';
import { SourceError } from './source-error.ts';
import { type OnUpstreamResponse, reportingFetch } from './upstream-response.ts';

export type FetchLike = typeof fetch;

export interface HttpClientOptions extends RetryOptions {
  /** @defaultValue globalThis.fetch */
  fetch?: FetchLike;
  /** Per request. @defaultValue 30_000 */
  timeoutMs?: number;
  /** Headers sent with every request (e.g. authorization). Never logged. */
  headers?: Record<string, string>;
  /** Called once per HTTP exchange, retries included (request counts, metrics, budgets). */
  onResponse?: OnUpstreamResponse;
  /** Consulted before each request (budgets shared by workers). */
  gate?: RateLimitGate;
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The final URL, after redirects. */
  url: string;
  body: unknown;
}

export interface HttpClient {
  /**
   * GET a JSON document. Answers with a status in `passStatuses` are returned as they
   * are (for the caller to interpret, e.g. 404 as not found); 429 is a rate limit whose
   * wait `rateLimitWaitMs` reads from the headers; other failures are SourceErrors.
   */
  getJson(url: string, options?: { passStatuses?: readonly number[] }): Promise<JsonAnswer>;
}

export function createHttpClient(
  upstream: string,
  options: HttpClientOptions & { rateLimitWaitMs?: (headers: Headers) => number | undefined },
): HttpClient {
  const fetchFn = reportingFetch(options.fetch ?? globalThis.fetch, upstream, options.onResponse);
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function once(url: string, passStatuses: readonly number[]): Promise<JsonAnswer> {
    await passGate(options.gate, upstream, 'api');
    const response = await fetchFn(url, {
      headers: { accept: 'application/json', ...options.headers },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status === 429) {
      throw new SourceError('rate_limit', `rate limited by ${new URL(url).host}`, {
        status: 429,
        retryAfterMs: options.rateLimitWaitMs?.(response.headers) ?? retryAfterHeaderMs(response.headers),
      });
    }
    if (!response.ok && !passStatuses.includes(response.status)) {
      throw new SourceError('http', `HTTP ${response.status}: ${summarize(text)}`, { status: response.status });
    }
    return { status: response.status, headers: response.headers, url: response.url || url, body: parseJson(text, response) };
  }

  return {
    getJson: (url, { passStatuses = [] } = {}) => withRetries(() => once(url, passStatuses), options),
  };
}

function parseJson(text: string, response: Response): unknown {
  if (!response.ok) {
    try {
      return JSON.parse(text);
    } catch {
      return text; // error pages are often HTML or plain text
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SourceError('parse', `invalid JSON from ${new URL(response.url || 'http://upstream').host} (${text.length} bytes)`, { cause: error });
  }
}

/** `retry-after` in seconds (or an HTTP date). */
export function retryAfterHeaderMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A short, single-line excerpt of an error body for messages. */
export function summarize(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}
