import { redactUrl } from '../../schema/redact-url.ts';
/**
 * What the test suite's global setup decides about Postgres and Redis, without doing any
 * of it: which address to use, what to start and how, or the one message that says why
 * the suite cannot run. Pure, so every case is a unit test (test/helpers/service-plan.test.ts).
 *
 * Terms:
 * - service: Postgres or Redis, the two servers the tests need.
 * - candidate: an address where a service may already answer, tried in order: the
 *   TEST_*_URL the developer set (then the only one), else the helpers' default (a local
 *   server) and the address `docker compose up -d` publishes.
 * - probe: one quick connection attempt to a candidate.
 * - starter: a way to bring a service up here: its local server (`pg_ctlcluster`,
 *   `redis-server`) or Docker Compose.
 */

export type ServiceName = 'postgres' | 'redis';

export const SERVICE_NAMES: readonly ServiceName[] = ['postgres', 'redis'];

/** `down`: nothing answered (refused, timed out, still starting). `rejects`: a server answered and turned us away. */
export type ProbeResult = { state: 'up' } | { state: 'down' | 'rejects'; reason: string };

export interface Candidate {
  url: string;
  source: 'env' | 'default' | 'compose';
}

export interface ProbedCandidate extends Candidate {
  result: ProbeResult;
}

export type StartVia = 'local' | 'compose';

/** What can start services here; looked up only when a service is missing. */
export interface StarterAvailability {
  /** Services whose own server is installed here. */
  local: readonly ServiceName[];
  /** A Docker engine with Compose is reachable. */
  compose: boolean;
}

export type ServiceDecision =
  | { service: ServiceName; action: 'use'; url: string }
  | { service: ServiceName; action: 'start'; via: StartVia; url: string };

export interface ServiceProblem {
  service: ServiceName;
  problem: string;
}

export type ServicePlan = { ok: true; decisions: ServiceDecision[] } | { ok: false; problems: ServiceProblem[] };

export const ENV_VARIABLE: Record<ServiceName, string> = { postgres: 'TEST_DATABASE_URL', redis: 'TEST_REDIS_URL' };
export const DISPLAY_NAME: Record<ServiceName, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

/** The addresses to try for `service`, in order; a URL the developer set is the only one. */
export function candidatesFor(service: ServiceName, env: Record<string, string | undefined>, defaults: Record<'default' | 'compose', string>): Candidate[] {
  const configured = env[ENV_VARIABLE[service]];
  if (configured) return [{ url: configured, source: 'env' }];
  const candidates: Candidate[] = [{ url: defaults.default, source: 'default' }];
  // Redis has one address either way; trying it twice would only double the wait.
  if (defaults.compose !== defaults.default) candidates.push({ url: defaults.compose, source: 'compose' });
  return candidates;
}

/** True when a probe found every service: the usual case, which needs no starter. */
export function everyServiceFound(probed: Record<ServiceName, ProbedCandidate[]>): boolean {
  return SERVICE_NAMES.every((service) => probed[service].some((candidate) => candidate.result.state === 'up'));
}

/**
 * For each service: use the first candidate that answers; else start it, preferring its
 * local server (what CI and a developer's machine have) over Compose; else a problem.
 * `redact` hides passwords in the addresses a problem names.
 */
export function planServices(
  probed: Record<ServiceName, ProbedCandidate[]>,
  starters: StarterAvailability,
  redact: (url: string) => string,
): ServicePlan {
  const decisions: ServiceDecision[] = [];
  const problems: ServiceProblem[] = [];
  for (const service of SERVICE_NAMES) {
    const outcome = decideOne(service, probed[service], starters, redact);
    if ('problem' in outcome) problems.push(outcome);
    else decisions.push(outcome);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, decisions };
}

function decideOne(
  service: ServiceName,
  candidates: ProbedCandidate[],
  starters: StarterAvailability,
  redact: (url: string) => string,
): ServiceDecision | ServiceProblem {
  const answering = candidates.find((candidate) => candidate.result.state === 'up');
  if (answering) return { service, action: 'use', url: answering.url };
  const seen = (state: 'down' | 'rejects') => {
    const matching = candidates.flatMap(({ url, result }) => (result.state === state ? [{ url: redact(url), reason: result.reason }] : []));
    const joiner = state === 'down' ? ' nor ' : ' and ';
    // Both addresses of one port usually fail alike: say the reason once.
    if (new Set(matching.map(({ reason }) => reason)).size === 1) return `${matching.map(({ url }) => url).join(joiner)} (${matching[0]?.reason})`;
    return matching.map(({ url, reason }) => `${url} (${reason})`).join(joiner);
  };
  const configured = candidates.find((candidate) => candidate.source === 'env');
  if (configured && configured.result.state !== 'up') {
    // The developer chose this server: starting another one elsewhere would test against the wrong one.
    const what = configured.result.state === 'down' ? 'nothing answers at' : 'the server turns the tests away at';
    return { service, problem: `${ENV_VARIABLE[service]} is set, but ${what} ${seen(configured.result.state)}` };
  }
  if (candidates.some((candidate) => candidate.result.state === 'rejects')) {
    // The port is taken by a server that turns us away: a second one could not bind it.
    return { service, problem: `a server answers but turns the tests away at ${seen('rejects')}` };
  }
  const local = candidates.find((candidate) => candidate.source === 'default');
  // Compose publishes Redis where the local default is, so Redis has no compose candidate of its own.
  const compose = candidates.find((candidate) => candidate.source === 'compose') ?? local;
  if (local && starters.local.includes(service)) return { service, action: 'start', via: 'local', url: local.url };
  if (compose && starters.compose) return { service, action: 'start', via: 'compose', url: compose.url };
  return {
    service,
    problem: `nothing answers at ${seen('down')}, and neither ${LOCAL_STARTER[service]} nor a Docker engine with Compose is here to start it`,
  };
}

const LOCAL_STARTER: Record<ServiceName, string> = { postgres: 'pg_ctlcluster', redis: 'redis-server' };

/**
 * The one message that stops the suite: what is missing, then every way to provide it.
 * `localUrls` are the helpers' defaults, which a local install must answer at.
 */
export function unavailableMessage(problems: ServiceProblem[], localUrls: Record<ServiceName, string>): string {
  return [
    'The tests need PostgreSQL 15 and Redis 7, and could not get them:',
    ...problems.map(({ service, problem }) => `  - ${DISPLAY_NAME[service]}: ${problem}.`),
    'Either',
    `  - install PostgreSQL 15 and Redis 7 (Debian: apt-get install postgresql-15 redis-server), reachable as ${localUrls.postgres}`,
    `    (trust auth for local TCP) and ${localUrls.redis}; the tests start them when they are installed but stopped, or`,
    '  - install Docker with Compose and run `docker compose up -d postgres redis` (the tests run it themselves when',
    '    Docker is there, and stop what they started), or',
    '  - set TEST_DATABASE_URL and TEST_REDIS_URL to servers you have (the Postgres role must be allowed to create databases).',
  ].join('\n');
}

/**
 * The URL with its password hidden, for messages. schema/db.ts has the same for the CLI,
 * but loading it brings drizzle and PGlite (most of a second) into every test run's setup.
 */
export const hidePassword = redactUrl;
