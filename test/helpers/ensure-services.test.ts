import { describe, expect, it } from 'vitest';
import { ensureServices, type EnsureServicesDeps } from './ensure-services.ts';
import { hidePassword, type ProbeResult, type ServiceName, type StartVia } from './service-plan.ts';
import type { Starters } from './service-starters.ts';

const LOCAL = { postgres: 'postgres://postgres@127.0.0.1:5432/postgres', redis: 'redis://127.0.0.1:6379' };
const COMPOSE = { postgres: 'postgres://oss_pulse:oss_pulse@127.0.0.1:5432/oss_pulse', redis: 'redis://127.0.0.1:6379' };

/**
 * A machine whose servers answer at the URLs in `answering`; starting a service makes
 * its URL answer unless `startFails`/`neverComesUp` say otherwise. Records every call.
 */
function fakeMachine(options: { answering?: string[]; local?: ServiceName[]; compose?: boolean; startFails?: boolean; neverComesUp?: boolean; env?: Record<string, string> }) {
  const answering = new Set(options.answering ?? []);
  const calls: string[] = [];
  const urlAfterStart = (via: StartVia, service: ServiceName) => (via === 'compose' ? COMPOSE : LOCAL)[service];
  const starters: Starters = {
    local: options.local ?? [],
    compose: options.compose ?? false,
    command: (via, services) => `start ${via} ${services.join(' ')}`,
    start: async (via, services) => {
      calls.push(`start ${via} ${services.join(' ')}`);
      if (options.startFails) throw new Error(`\`start ${via}\` failed: permission denied`);
      if (!options.neverComesUp) for (const service of services) answering.add(urlAfterStart(via, service));
    },
    stopCompose: async (services) => {
      calls.push(`stop compose ${services.join(' ')}`);
    },
  };
  const probe = async (_service: ServiceName, url: string): Promise<ProbeResult> =>
    answering.has(url) ? { state: 'up' } : { state: 'down', reason: 'connect ECONNREFUSED' };
  const deps: EnsureServicesDeps = {
    env: options.env ?? {},
    addresses: { local: LOCAL, compose: COMPOSE },
    probe,
    waitUntilUp: async (service, url, timeoutMs) => {
      calls.push(`wait ${service} ${timeoutMs}`);
      return probe(service, url);
    },
    findStarters: async () => {
      calls.push('find starters');
      return starters;
    },
    redact: hidePassword,
    log: (line) => calls.push(`log ${line}`),
  };
  return { deps, calls, answering };
}

describe('ensureServices', () => {
  it('when both answer, looks for no starter, starts and stops nothing', async () => {
    const machine = fakeMachine({ answering: [LOCAL.postgres, LOCAL.redis], local: ['postgres', 'redis'], compose: true });
    const services = await ensureServices(machine.deps);
    expect(services).toMatchObject({ ok: true, urls: LOCAL });
    if (services.ok) await services.teardown();
    expect(machine.calls).toEqual([]);
  });

  it('starts a stopped local Redis, waits for it, and leaves it running', async () => {
    const machine = fakeMachine({ answering: [LOCAL.postgres], local: ['postgres', 'redis'], compose: true });
    const services = await ensureServices(machine.deps);
    expect(services).toMatchObject({ ok: true, urls: LOCAL });
    if (services.ok) await services.teardown();
    expect(machine.calls).toEqual(['find starters', 'log starting Redis: start local redis', 'start local redis', 'wait redis 30000']);
  });

  it('starts both through Compose in one command, points the tests at them, and stops them at the end', async () => {
    const machine = fakeMachine({ compose: true });
    const services = await ensureServices(machine.deps);
    expect(services).toMatchObject({ ok: true, urls: COMPOSE });
    expect(machine.calls).toEqual([
      'find starters',
      'log starting PostgreSQL and Redis: start compose postgres redis',
      'start compose postgres redis',
      'wait postgres 120000',
      'wait redis 120000',
    ]);
    if (services.ok) await services.teardown();
    expect(machine.calls.at(-1)).toBe('stop compose postgres redis');
  });

  it('stops only what Compose started, not a local Redis that was already up', async () => {
    const machine = fakeMachine({ answering: [LOCAL.redis], compose: true });
    const services = await ensureServices(machine.deps);
    expect(services).toMatchObject({ ok: true, urls: { postgres: COMPOSE.postgres, redis: LOCAL.redis } });
    if (services.ok) await services.teardown();
    expect(machine.calls.at(-1)).toBe('stop compose postgres');
  });

  it('with no way to start, gives the one message and tries nothing', async () => {
    const machine = fakeMachine({});
    const services = await ensureServices(machine.deps);
    expect(services.ok).toBe(false);
    if (!services.ok) {
      expect(services.message).toMatch(/^The tests need PostgreSQL 15 and Redis 7, and could not get them:\n {2}- PostgreSQL: nothing answers at .*\n {2}- Redis: nothing answers at /);
      expect(services.message).toContain('docker compose up -d postgres redis');
      expect(services.message).toContain('TEST_DATABASE_URL and TEST_REDIS_URL');
    }
    expect(machine.calls).toEqual(['find starters']);
  });

  it('says why a start failed, probes once more, and stops what Compose may have started', async () => {
    const machine = fakeMachine({ answering: [LOCAL.redis], compose: true, startFails: true });
    const services = await ensureServices(machine.deps);
    expect(services.ok).toBe(false);
    if (!services.ok) expect(services.message).toContain('  - PostgreSQL: `start compose` failed: permission denied.\nEither');
    expect(machine.calls.slice(-2)).toEqual(['wait postgres 0', 'stop compose postgres']);
  });

  it('takes a failed start in good part when the service answers all the same (another run started it)', async () => {
    const machine = fakeMachine({ answering: [LOCAL.postgres], local: ['redis'], startFails: true });
    machine.deps.waitUntilUp = async () => ({ state: 'up' });
    expect(await ensureServices(machine.deps)).toMatchObject({ ok: true, urls: LOCAL });
  });

  it('says so when a started service never answers', async () => {
    const machine = fakeMachine({ answering: [LOCAL.redis], local: ['postgres'], neverComesUp: true });
    const services = await ensureServices(machine.deps);
    expect(services.ok).toBe(false);
    if (!services.ok) {
      expect(services.message).toContain(
        '  - PostgreSQL: `start local postgres` ran, but postgres://postgres@127.0.0.1:5432/postgres did not answer within 30 s (connect ECONNREFUSED).',
      );
    }
  });

  it('uses the servers the developer named, and starts nothing for them', async () => {
    const named = { TEST_DATABASE_URL: 'postgres://me:secret@127.0.0.1:5433/tests', TEST_REDIS_URL: 'redis://127.0.0.1:6380' };
    const machine = fakeMachine({ answering: [named.TEST_DATABASE_URL], local: ['postgres', 'redis'], env: named });
    const services = await ensureServices(machine.deps);
    expect(services.ok).toBe(false);
    if (!services.ok) expect(services.message).toContain('  - Redis: TEST_REDIS_URL is set, but nothing answers at redis://127.0.0.1:6380 (connect ECONNREFUSED).');
    expect(machine.calls.filter((call) => call.startsWith('start'))).toEqual([]);
  });
});
