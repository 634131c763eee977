// Every environment variable oss-pulse reads, in one list: `oss-pulse --help` prints it,
// and a test holds the README's Environment table to it row by row, so neither drifts.
// The texts are the README's cells (Markdown: `code` in backticks).

export interface EnvironmentVariable {
  name: string;
  meaning: string;
  /** What applies when the variable is unset or empty; "unset: ..." when that is not a value. */
  default: string;
}

export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  { name: 'DATABASE_URL', meaning: 'Postgres connection', default: 'unset: embedded PGlite in `$OSS_PULSE_DATA_DIR`' },
  { name: 'OSS_PULSE_DATA_DIR', meaning: 'folder of the embedded database', default: '`./.oss-pulse/db`' },
  { name: 'OSS_PULSE_CONFIG', meaning: 'configuration file', default: '`./oss-pulse.yaml`, else the built-in watchlist' },
  {
    name: 'GITHUB_TOKEN',
    meaning: 'one token, or several separated by commas (a pool: used in turn; a refused or spent token is skipped)',
    default: 'unset: REST only, 60 requests/hour, a warning',
  },
  { name: 'HF_TOKEN', meaning: 'Hugging Face token (`hf_...`)', default: 'unset: anonymous' },
  { name: 'GITHUB_API_URL', meaning: 'GitHub API root (GitHub Enterprise: `https://HOST/api/v3`)', default: '`https://api.github.com`' },
  { name: 'HF_ENDPOINT', meaning: 'Hugging Face Hub root', default: '`https://huggingface.co`' },
  { name: 'MODELSCOPE_ENDPOINT', meaning: 'ModelScope root', default: '`https://modelscope.cn`' },
  { name: 'NPM_DOWNLOADS_URL', meaning: 'npm download counts API root', default: '`https://api.npmjs.org`' },
  { name: 'PYPISTATS_URL', meaning: 'pypistats root', default: '`https://pypistats.org`' },
  {
    name: 'PYPI_URL',
    meaning: 'PyPI root (its JSON API tells a project without downloads from one that does not exist)',
    default: '`https://pypi.org`',
  },
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
  { name: 'OSS_PULSE_QUEUE_PREFIX', meaning: 'BullMQ key prefix, to share one Redis between installations', default: '`oss-pulse`' },
  {
    name: 'OSS_PULSE_LOCK_DURATION_MS',
    meaning: "how long a job's lock lasts unrenewed: how soon a killed worker's jobs are picked up",
    default: '`30000`',
  },
  { name: 'OSS_PULSE_RETRY_DELAY_MS', meaning: 'first retry delay of a failed job (doubles each attempt, with jitter)', default: '`5000`' },
];
