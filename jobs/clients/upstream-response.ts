import { wasNeverSent } from './reachability.ts';

/** One HTTP exchange with an upstream, as the clients report it (for run request counts, metrics and rate-limit budgets). */
export interface UpstreamResponse {
  upstream: string;
  /** HTTP status, or 'error' when no answer came (network, timeout). */
  status: number | 'error';
  headers?: Headers;
}

export type OnUpstreamResponse = (response: UpstreamResponse) => void;

/** Wraps `fetch` so every exchange is reported, answered or not. */
export function reportingFetch(fetchFn: typeof fetch, upstream: string, report?: OnUpstreamResponse): typeof fetch {
  if (!report) return fetchFn;
  return async (input, init) => {
    try {
      const response = await fetchFn(input, init);
      report({ upstream, status: response.status, headers: response.headers });
      return response;
    } catch (error) {
      if (!wasNeverSent(error)) report({ upstream, status: 'error' });
      throw error;
    }
  };
}
