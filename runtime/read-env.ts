// The one reading of the environment: every variable oss-pulse uses is checked here,
// before any command does work, and every problem is reported at once (as the config
// file's are), one line each, exit 2 — not a stack trace, nor a round of retries
// against an address that can never answer. Upstreams' own variables are checked by
// what they declare they hold (`url`), so a new source brings its checks with it.
import { UPSTREAMS } from '../jobs/sources/registry.ts';
import { UsageError } from './usage-error.ts';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The settings commands act on, read from the environment once. */
export interface Settings {
  /** `LOG_LEVEL`. @defaultValue 'info' */
  logLevel: string;
  /** `REDIS_URL`; unset: the queue commands refuse to run. */
  redisUrl: string | undefined;
  /** `OSS_PULSE_QUEUE_PREFIX`, so several installations (or tests) can share one Redis. @defaultValue 'oss-pulse' */
  queuePrefix: string;
  /** `OSS_PULSE_METRICS_PORT` and `OSS_PULSE_METRICS_HOST` (default 127.0.0.1); unset port: not served. */
  metrics: { port: number; host: string } | undefined;
  /** `OSS_PULSE_LOCK_DURATION_MS`; unset: BullMQ's 30 s. */
  lockDurationMs: number | undefined;
  /** `OSS_PULSE_RETRY_DELAY_MS`; unset: 5 s. */
  retryDelayMs: number | undefined;
  /** `OSS_PULSE_PUBLIC_URL`: where the dashboard is reached, for links in alerts; unset: no links. */
  publicUrl: string | undefined;
  /** Tests only (`OSS_PULSE_SCHEDULE_IN_SECONDS=1`): schedules tick in seconds, see `ScheduleOptions`. */
  scheduleInSeconds: boolean;
  /** Every secret (tokens) the environment holds, for the logger and the database to scrub. */
  secrets: string[];
}

/** Each connection variable with the URL schemes it accepts. */
const CONNECTION_VARIABLES: readonly [string, readonly string[], string][] = [
  ['DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user@host:5432/database'],
  ['REDIS_URL', ['redis:', 'rediss:'], 'redis://host:6379'],
];

/** Reads and checks the environment; throws one UsageError listing every variable that is set but unusable. */
export function readEnv(env: NodeJS.ProcessEnv): Settings {
  const problems: string[] = [];
  const check = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL "${logLevel}" is not a log level; use one of: ${LOG_LEVELS.join(', ')}`);
  }
  for (const upstream of UPSTREAMS) {
    for (const variable of upstream.environment.filter((each) => each.holds === 'url')) {
      check(() => checkUrl(variable.name, env[variable.name], ['http:', 'https:'], 'https://host/path'));
    }
    check(() => {
      try {
        upstream.checkEnvironment?.(env);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
  }
  for (const [name, schemes, example] of CONNECTION_VARIABLES) check(() => checkUrl(name, env[name], schemes, example));
  check(() => checkUrl('OSS_PULSE_PUBLIC_URL', env.OSS_PULSE_PUBLIC_URL, ['http:', 'https:'], 'https://pulse.example.org'));
  const port = check(() => optionalPort(env.OSS_PULSE_METRICS_PORT));
  const settings: Settings = {
    logLevel,
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.OSS_PULSE_QUEUE_PREFIX || 'oss-pulse',
    metrics: port === undefined ? undefined : { port, host: env.OSS_PULSE_METRICS_HOST || '127.0.0.1' },
    lockDurationMs: check(() => optionalNumber('OSS_PULSE_LOCK_DURATION_MS', env.OSS_PULSE_LOCK_DURATION_MS)),
    retryDelayMs: check(() => optionalNumber('OSS_PULSE_RETRY_DELAY_MS', env.OSS_PULSE_RETRY_DELAY_MS)),
    publicUrl: env.OSS_PULSE_PUBLIC_URL || undefined,
    scheduleInSeconds: env.OSS_PULSE_SCHEDULE_IN_SECONDS === '1',
    secrets: secretsOf(env),
  };
  if (problems.length === 1) throw new UsageError(problems[0]);
  if (problems.length > 1) throw new UsageError(`${problems.length} environment variables are wrong:\n  ${problems.join('\n  ')}`);
  return settings;
}

/** Every secret the environment holds (each variable an upstream marks secret; a comma-separated one is a list). */
export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  const names = UPSTREAMS.flatMap((upstream) => upstream.environment.filter((variable) => variable.holds === 'secret').map((variable) => variable.name));
  return names.flatMap((name) => (env[name] ?? '').split(',').map((secret) => secret.trim())).filter((secret) => secret.length > 0);
}

function checkUrl(name: string, value: string | undefined, schemes: readonly string[], example: string): void {
  if (!value) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not a URL (expected ${example})`);
  }
  if (!schemes.includes(url.protocol)) {
    const allowed = schemes.map((scheme) => `${scheme}//`).join(' or ');
    throw new UsageError(`${name} must start with ${allowed} (got ${url.protocol}//)`);
  }
  if (url.hostname === '' && name !== 'DATABASE_URL') throw new UsageError(`${name} has no host (expected ${example})`);
}

function optionalNumber(name: string, text: string | undefined): number | undefined {
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number (got "${text}")`);
  return value;
}

function optionalPort(text: string | undefined): number | undefined {
  const port = optionalNumber('OSS_PULSE_METRICS_PORT', text);
  if (port !== undefined && (!Number.isInteger(port) || port > 65_535)) throw new UsageError(`OSS_PULSE_METRICS_PORT is not a port: "${text}"`);
  return port;
}
