// Every environment variable oss-pulse reads, in one list: `oss-pulse --help` prints it,
// and a test holds the README's Environment table to it row by row, so neither drifts.
// The texts are the README's cells (Markdown: `code` in backticks).

import type { EnvironmentVariable } from '../jobs/clients/upstream.ts';
import { UPSTREAMS } from '../jobs/sources/registry.ts';

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  { name: 'DATABASE_URL', meaning: 'Postgres connection', default: 'unset: embedded PGlite in `$OSS_PULSE_DATA_DIR`' },
  { name: 'OSS_PULSE_DATA_DIR', meaning: 'folder of the embedded database', default: '`./.oss-pulse/db`' },
  { name: 'OSS_PULSE_CONFIG', meaning: 'configuration file', default: '`./oss-pulse.yaml`, else the built-in watchlist' },
  // Each upstream's own: tokens and API roots.
  ...UPSTREAMS.flatMap((upstream) => upstream.environment),
  {
    name: 'REDIS_URL',
    meaning: 'Redis for the queues (`redis://[user:password@]host:port[/db]`; a database index the server refuses is an error)',
    default: 'unset: `worker`, `schedule`, `enqueue` exit 2 with a clear message',
  },
  { name: 'LOG_LEVEL', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`', default: '`info`' },
  { name: 'OSS_PULSE_METRICS_PORT', meaning: 'the worker serves `/metrics` and `/healthz` on this port', default: 'unset: not served' },
  {
    name: 'OSS_PULSE_METRICS_HOST',
    meaning: 'the address `/metrics` listens on (`0.0.0.0` opens it to the network; the compose file does so on its own network)',
    default: '`127.0.0.1`',
  },
  { name: 'OSS_PULSE_PUBLIC_URL', meaning: 'where the dashboard is reached (`https://pulse.example.org`), for links in alerts', default: 'unset: alerts carry no links' },
  { name: 'OSS_PULSE_QUEUE_PREFIX', meaning: 'BullMQ key prefix, to share one Redis between installations', default: '`oss-pulse`' },
  {
    name: 'OSS_PULSE_LOCK_DURATION_MS',
    meaning: "how long a job's lock lasts unrenewed: how soon a killed worker's jobs are picked up",
    default: '`30000`',
  },
  { name: 'OSS_PULSE_RETRY_DELAY_MS', meaning: 'first retry delay of a failed job or alert delivery (doubles each attempt, with jitter)', default: '`5000`' },
  // GitHub's secondary limits, kept per token by every worker together (see "Request pacing").
];
