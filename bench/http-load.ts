// HTTP load for the dashboard bench: autocannon against a running server, each
// request's path chosen by the caller, latencies kept to the microsecond.
import autocannon from 'autocannon';

/** A request unanswered this long counts as an error (autocannon's default is 10 s). */
const TIMEOUT_S = 30;

export interface LoadOptions {
  /** Concurrent keep-alive connections. */
  connections: number;
  durationS: number;
}

export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  /** autocannon's `requests.average`: the mean of its per-second counts. */
  requestsPerS: number;
  requests: number;
}

/**
 * Sends requests to `origin` for `durationS` seconds on `connections` connections, each
 * to the path `nextPath()` returns; throws on any error, timeout or non-2xx answer.
 * Resolves once the requests cut off at the end have had time to finish on the server,
 * so the next run starts on an idle one.
 */
export async function loadRoute(origin: string, nextPath: () => string, options: LoadOptions): Promise<LoadFigures> {
  const instance = autocannon({
    url: origin,
    connections: options.connections,
    duration: options.durationS,
    timeout: TIMEOUT_S,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  // autocannon's histogram holds whole milliseconds; its `response` event has the exact time.
  const times: number[] = [];
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) times.push(ms);
  });
  const result = check(await instance, 'run');
  if (times.length === 0) throw new Error(`dashboard: no answer within ${options.durationS} s on ${options.connections} connections`);
  // autocannon closes its connections at the deadline; the server still serves what they had sent.
  await new Promise((resolve) => setTimeout(resolve, (1000 * options.connections * options.durationS) / times.length));
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), requestsPerS: result.requests.average, requests: times.length };
}

/** `amount` requests, not measured: compiled code paths, warm caches and pool connections. */
export async function warmUp(origin: string, nextPath: () => string, amount: number, connections: number): Promise<void> {
  check(await autocannon({ url: origin, connections, amount, timeout: TIMEOUT_S, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }] }), 'warm-up');
}

function check(result: autocannon.Result, phase: string): autocannon.Result {
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    const statuses = Object.entries(result.statusCodeStats).map(([status, { count }]) => `${status}: ${count}`).join(', ');
    throw new Error(`dashboard ${phase}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers (${statuses})`);
  }
  return result;
}

/** Nearest-rank percentile of `values` (unsorted). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Median time of `runs` sequential calls of `work`, in ms (after one untimed call, unless `untimedFirst` is false). */
export async function medianMs(runs: number, work: (run: number) => Promise<unknown>, untimedFirst = true): Promise<number> {
  if (untimedFirst) await work(-1);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work(run);
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}
