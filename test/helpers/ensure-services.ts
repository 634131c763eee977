import {
  candidatesFor,
  DISPLAY_NAME,
  everyServiceFound,
  planServices,
  unavailableMessage,
  type ProbedCandidate,
  type ProbeResult,
  type ServiceDecision,
  type ServiceName,
  type ServiceProblem,
  type StartVia,
} from './service-plan.ts';
import type { Starters } from './service-starters.ts';

/** Everything that touches the machine, passed in so that tests can stand in for it. */
export interface EnsureServicesDeps {
  env: Record<string, string | undefined>;
  /** The helpers' defaults (a local server), and where `docker compose up -d` publishes each service. */
  addresses: { local: Record<ServiceName, string>; compose: Record<ServiceName, string> };
  probe(service: ServiceName, url: string): Promise<ProbeResult>;
  /** Probes until the service answers or `timeoutMs` passes, and returns the last result. */
  waitUntilUp(service: ServiceName, url: string, timeoutMs: number): Promise<ProbeResult>;
  findStarters(): Promise<Starters>;
  redact(url: string): string;
  log(line: string): void;
}

export type EnsuredServices =
  | { ok: true; urls: Record<ServiceName, string>; teardown(): Promise<void> }
  | { ok: false; message: string };

/**
 * A local server is up in a second or two; a first `docker compose up` also initialises
 * Postgres's volume, which restarts the server once before it takes connections.
 */
const WAIT_AFTER_START_MS: Record<StartVia, number> = { local: 30_000, compose: 120_000 };

/**
 * Finds Postgres and Redis, starts the missing ones where this machine can, and says in
 * one message why not when it cannot. `teardown` stops what Compose started, and nothing
 * else: a local server it started is this machine's own service, left running as a boot
 * would, since another test run on the machine may be using it by then.
 */
export async function ensureServices(deps: EnsureServicesDeps): Promise<EnsuredServices> {
  const probed = await probeCandidates(deps);
  const starters = everyServiceFound(probed) ? undefined : await deps.findStarters();
  const plan = planServices(probed, starters ?? { local: [], compose: false }, deps.redact);
  if (!plan.ok) return { ok: false, message: unavailableMessage(plan.problems, deps.addresses.local) };

  const urls = Object.fromEntries(plan.decisions.map(({ service, url }) => [service, url])) as Record<ServiceName, string>;
  const startedByCompose: ServiceName[] = [];
  const problems: ServiceProblem[] = [];
  for (const via of ['local', 'compose'] as const) {
    const services = plan.decisions.filter((decision): decision is Extract<ServiceDecision, { action: 'start' }> => decision.action === 'start' && decision.via === via);
    if (services.length === 0 || !starters) continue;
    const names = services.map(({ service }) => service);
    const command = starters.command(via, names);
    deps.log(`starting ${names.map((name) => DISPLAY_NAME[name]).join(' and ')}: ${command}`);
    if (via === 'compose') startedByCompose.push(...names);
    const failure = await starters.start(via, names).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    for (const { service, url } of services) {
      // After a failed start, one probe still: a test run beside this one may have started it meanwhile.
      const result = await deps.waitUntilUp(service, url, failure ? 0 : WAIT_AFTER_START_MS[via]);
      if (result.state === 'up') continue;
      const seconds = WAIT_AFTER_START_MS[via] / 1000;
      problems.push({ service, problem: failure ?? `\`${command}\` ran, but ${deps.redact(url)} did not answer within ${seconds} s (${result.reason})` });
    }
  }

  const stopCompose = () => (starters && startedByCompose.length > 0 ? starters.stopCompose(startedByCompose) : Promise.resolve());
  if (problems.length > 0) {
    await stopCompose().catch(() => {});
    return { ok: false, message: unavailableMessage(problems, deps.addresses.local) };
  }
  return { ok: true, urls, teardown: stopCompose };
}

/** Each service's candidates in order, stopping at the first that answers; both services at once. */
async function probeCandidates(deps: EnsureServicesDeps): Promise<Record<ServiceName, ProbedCandidate[]>> {
  const probeOne = async (service: ServiceName): Promise<ProbedCandidate[]> => {
    const addresses = { default: deps.addresses.local[service], compose: deps.addresses.compose[service] };
    const probed: ProbedCandidate[] = [];
    for (const candidate of candidatesFor(service, deps.env, addresses)) {
      const result = await deps.probe(service, candidate.url);
      probed.push({ ...candidate, result });
      if (result.state === 'up') break;
    }
    return probed;
  };
  const [postgres, redis] = await Promise.all([probeOne('postgres'), probeOne('redis')]);
  return { postgres, redis };
}
