// Settings read from the environment, checked before any command does work: a typo
// in a URL or a log level is a one-line error and exit 2, not a stack trace or a
// round of retries against an address that can never answer.
import { UsageError } from '../cli/cli-context.ts';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Upstream roots: each must be an http(s) URL. */
const UPSTREAM_URL_VARIABLES = [
  'GITHUB_API_URL',
  'HF_ENDPOINT',
  'MODELSCOPE_ENDPOINT',
  'NPM_DOWNLOADS_URL',
  'PYPISTATS_URL',
  'PYPI_URL',
] as const;

/** Each variable with the URL schemes it accepts. */
const CONNECTION_VARIABLES: readonly [string, readonly string[], string][] = [
  ['DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://user@host:5432/database'],
  ['REDIS_URL', ['redis:', 'rediss:'], 'redis://host:6379'],
];

/**
 * Throws a UsageError naming the first variable that is set but unusable: an
 * unknown `LOG_LEVEL`, an upstream root that is not an http(s) URL, a
 * `DATABASE_URL` or `REDIS_URL` of the wrong scheme. Unset or empty means default.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): void {
  const level = env.LOG_LEVEL;
  if (level && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`LOG_LEVEL "${level}" is not a log level; use one of: ${LOG_LEVELS.join(', ')}`);
  }
  for (const name of UPSTREAM_URL_VARIABLES) checkUrl(name, env[name], ['http:', 'https:'], 'https://host/path');
  for (const [name, schemes, example] of CONNECTION_VARIABLES) checkUrl(name, env[name], schemes, example);
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
