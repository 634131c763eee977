import { createServer, type Server } from 'node:http';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { UpstreamResponse } from '../jobs/clients/upstream-response.ts';

/** What became of one delivery job's run: `retry` is tried again later, `failed` after the last try. */
export type DeliveryStatus = 'delivered' | 'retry' | 'dropped' | 'failed';

/** The worker's Prometheus metrics. */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly jobs = new Counter({
    name: 'oss_pulse_jobs_total',
    help: 'Jobs processed, by queue, job name and outcome (completed, failed, rate_limited).',
    labelNames: ['queue', 'name', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'oss_pulse_upstream_requests_total',
    help: 'HTTP exchanges with upstream APIs, by upstream and status ("error" when no answer came).',
    labelNames: ['upstream', 'status'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitWaits = new Counter({
    name: 'oss_pulse_rate_limit_waits_total',
    help: 'Times a queue was paused for an upstream rate limit.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  private readonly rateLimitSeconds = new Counter({
    name: 'oss_pulse_rate_limit_wait_seconds_total',
    help: 'Seconds of queue pause requested by upstream rate limits.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  private readonly samples = new Counter({
    name: 'oss_pulse_samples_written_total',
    help: 'Samples stored, by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  private readonly alertEvents = new Counter({
    name: 'oss_pulse_alert_events_total',
    help: 'Alert events recorded, by rule.',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'oss_pulse_deliveries_total',
    help: 'Delivery attempts of alert events, by channel and outcome (delivered, retry, dropped, failed).',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'oss_pulse_' });
  }

  job(queue: string, name: string, outcome: 'completed' | 'failed' | 'rate_limited'): void {
    this.jobs.inc({ queue, name, outcome });
  }

  upstreamResponse(response: UpstreamResponse): void {
    this.requests.inc({ upstream: response.upstream, status: String(response.status) });
  }

  rateLimited(queue: string, waitMs: number): void {
    this.rateLimitWaits.inc({ queue });
    this.rateLimitSeconds.inc({ queue }, waitMs / 1000);
  }

  samplesWritten(source: string, count: number): void {
    this.samples.inc({ source }, count);
  }

  alertEvent(rule: string): void {
    this.alertEvents.inc({ rule });
  }

  delivery(channel: string, status: DeliveryStatus): void {
    this.deliveries.inc({ channel, status });
  }
}

/**
 * Serves `/metrics` (Prometheus text) and `/healthz` (200 when `health()` says ok, else 503)
 * on `host`: the loopback unless told otherwise, since the figures and the health checks'
 * error messages are nobody else's business (`OSS_PULSE_METRICS_HOST=0.0.0.0` opens it).
 */
export async function serveMetrics(
  { port, host = '127.0.0.1' }: { port: number; host?: string },
  metrics: WorkerMetrics,
  health: () => Promise<{ ok: boolean; checks: Record<string, string> }>,
): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.url === '/metrics') {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(await metrics.registry.metrics());
      } else if (request.url === '/healthz') {
        const result = await health();
        response.writeHead(result.ok ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      } else {
        response.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
