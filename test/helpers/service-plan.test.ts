import { describe, expect, it } from 'vitest';
import {
  candidatesFor,
  everyServiceFound,
  hidePassword,
  planServices,
  unavailableMessage,
  type ProbedCandidate,
  type ProbeResult,
  type StarterAvailability,
} from './service-plan.ts';

const LOCAL = { postgres: 'postgres://postgres@127.0.0.1:5432/postgres', redis: 'redis://127.0.0.1:6379' };
const COMPOSE = { postgres: 'postgres://oss_pulse:oss_pulse@127.0.0.1:5432/oss_pulse', redis: 'redis://127.0.0.1:6379' };
const UP: ProbeResult = { state: 'up' };
const REFUSED: ProbeResult = { state: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:5432' };
const NO_ROLE: ProbeResult = { state: 'rejects', reason: 'role "oss_pulse" does not exist' };
const NOTHING: StarterAvailability = { local: [], compose: false };
const EVERYTHING: StarterAvailability = { local: ['postgres', 'redis'], compose: true };

function local(result: ProbeResult, url = LOCAL.postgres): ProbedCandidate {
  return { url, source: 'default', result };
}
function compose(result: ProbeResult): ProbedCandidate {
  return { url: COMPOSE.postgres, source: 'compose', result };
}
const redisUp = [local(UP, LOCAL.redis)];
const redisDown = [local(REFUSED, LOCAL.redis)];

describe('candidatesFor', () => {
  it('tries the local default, then where Compose publishes', () => {
    expect(candidatesFor('postgres', {}, { default: LOCAL.postgres, compose: COMPOSE.postgres })).toEqual([
      { url: LOCAL.postgres, source: 'default' },
      { url: COMPOSE.postgres, source: 'compose' },
    ]);
  });

  it('tries one address once when Compose publishes where the default is (Redis)', () => {
    expect(candidatesFor('redis', {}, { default: LOCAL.redis, compose: COMPOSE.redis })).toEqual([{ url: LOCAL.redis, source: 'default' }]);
  });

  it('tries only the URL the developer set', () => {
    const env = { TEST_DATABASE_URL: 'postgres://me@db.internal/tests' };
    expect(candidatesFor('postgres', env, { default: LOCAL.postgres, compose: COMPOSE.postgres })).toEqual([{ url: env.TEST_DATABASE_URL, source: 'env' }]);
  });
});

describe('planServices', () => {
  it('uses what answers, and needs no starter then', () => {
    const probed = { postgres: [local(UP)], redis: redisUp };
    expect(everyServiceFound(probed)).toBe(true);
    expect(planServices(probed, NOTHING, hidePassword)).toEqual({
      ok: true,
      decisions: [
        { service: 'postgres', action: 'use', url: LOCAL.postgres },
        { service: 'redis', action: 'use', url: LOCAL.redis },
      ],
    });
  });

  it('uses a Compose stack that is already up when the local role is turned away', () => {
    const plan = planServices({ postgres: [local(NO_ROLE), compose(UP)], redis: redisUp }, NOTHING, hidePassword);
    expect(plan).toMatchObject({ ok: true, decisions: [{ service: 'postgres', action: 'use', url: COMPOSE.postgres }, { action: 'use' }] });
  });

  it('starts the local server of a missing service rather than Compose, and only that one', () => {
    const probed = { postgres: [local(UP)], redis: redisDown };
    expect(everyServiceFound(probed)).toBe(false);
    expect(planServices(probed, EVERYTHING, hidePassword)).toEqual({
      ok: true,
      decisions: [
        { service: 'postgres', action: 'use', url: LOCAL.postgres },
        { service: 'redis', action: 'start', via: 'local', url: LOCAL.redis },
      ],
    });
  });

  it('starts through Compose without a local server, and then connects as Compose publishes', () => {
    const plan = planServices({ postgres: [local(REFUSED), compose(REFUSED)], redis: redisDown }, { local: [], compose: true }, hidePassword);
    expect(plan).toEqual({
      ok: true,
      decisions: [
        { service: 'postgres', action: 'start', via: 'compose', url: COMPOSE.postgres },
        { service: 'redis', action: 'start', via: 'compose', url: LOCAL.redis },
      ],
    });
  });

  it('mixes: a local Redis, Postgres through Compose', () => {
    const plan = planServices({ postgres: [local(REFUSED), compose(REFUSED)], redis: redisDown }, { local: ['redis'], compose: true }, hidePassword);
    expect(plan).toMatchObject({ ok: true, decisions: [{ service: 'postgres', via: 'compose' }, { service: 'redis', via: 'local' }] });
  });

  it('with nothing to start with, names each missing service and why', () => {
    const plan = planServices({ postgres: [local(REFUSED), compose(REFUSED)], redis: redisDown }, NOTHING, hidePassword);
    expect(plan).toEqual({
      ok: false,
      problems: [
        {
          service: 'postgres',
          problem:
            'nothing answers at postgres://postgres@127.0.0.1:5432/postgres nor postgres://oss_pulse:***@127.0.0.1:5432/oss_pulse (connect ECONNREFUSED 127.0.0.1:5432), and neither pg_ctlcluster nor a Docker engine with Compose is here to start it',
        },
        {
          service: 'redis',
          problem: 'nothing answers at redis://127.0.0.1:6379 (connect ECONNREFUSED 127.0.0.1:5432), and neither redis-server nor a Docker engine with Compose is here to start it',
        },
      ],
    });
  });

  it('never starts anything in place of a server the developer named', () => {
    const named: ProbedCandidate = { url: 'postgres://me:secret@127.0.0.1:5433/tests', source: 'env', result: REFUSED };
    const plan = planServices({ postgres: [named], redis: redisUp }, EVERYTHING, hidePassword);
    expect(plan).toEqual({
      ok: false,
      problems: [{ service: 'postgres', problem: 'TEST_DATABASE_URL is set, but nothing answers at postgres://me:***@127.0.0.1:5433/tests (connect ECONNREFUSED 127.0.0.1:5432)' }],
    });
  });

  it('starts nothing where a server holds the port but turns the tests away', () => {
    const wrongPassword: ProbeResult = { state: 'rejects', reason: 'password authentication failed for user "postgres"' };
    const plan = planServices({ postgres: [local(wrongPassword), compose(NO_ROLE)], redis: redisUp }, EVERYTHING, hidePassword);
    expect(plan).toEqual({
      ok: false,
      problems: [
        {
          service: 'postgres',
          problem:
            'a server answers but turns the tests away at postgres://postgres@127.0.0.1:5432/postgres (password authentication failed for user "postgres") and postgres://oss_pulse:***@127.0.0.1:5432/oss_pulse (role "oss_pulse" does not exist)',
        },
      ],
    });
  });
});

describe('unavailableMessage', () => {
  it('says what is missing, then both ways to get it and the variables', () => {
    const message = unavailableMessage([{ service: 'redis', problem: 'nothing answers at redis://127.0.0.1:6379 (connect ECONNREFUSED)' }], LOCAL);
    expect(message).toBe(
      [
        'The tests need PostgreSQL 15 and Redis 7, and could not get them:',
        '  - Redis: nothing answers at redis://127.0.0.1:6379 (connect ECONNREFUSED).',
        'Either',
        '  - install PostgreSQL 15 and Redis 7 (Debian: apt-get install postgresql-15 redis-server), reachable as postgres://postgres@127.0.0.1:5432/postgres',
        '    (trust auth for local TCP) and redis://127.0.0.1:6379; the tests start them when they are installed but stopped, or',
        '  - install Docker with Compose and run `docker compose up -d postgres redis` (the tests run it themselves when',
        '    Docker is there, and stop what they started), or',
        '  - set TEST_DATABASE_URL and TEST_REDIS_URL to servers you have (the Postgres role must be allowed to create databases).',
      ].join('\n'),
    );
  });
});
