import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServiceUrls } from './helpers/compose-services.ts';
import { ensureServices } from './helpers/ensure-services.ts';
import { DEFAULT_TEST_DATABASE_URL, DEFAULT_TEST_REDIS_URL } from './helpers/service-defaults.ts';
import { hidePassword } from './helpers/service-plan.ts';
import { probeService, waitUntilUp } from './helpers/service-probes.ts';
import { findStarters } from './helpers/service-starters.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * vitest's globalSetup: makes sure Postgres and Redis answer before any test file runs
 * (finding them, else starting them), and stops what it started through Compose at the end.
 */
export async function setup(): Promise<() => Promise<void>> {
  const local = { postgres: DEFAULT_TEST_DATABASE_URL, redis: DEFAULT_TEST_REDIS_URL };
  const log = (line: string) => process.stderr.write(`test services: ${line}\n`);
  const services = await ensureServices({
    env: process.env,
    addresses: { local, compose: composeServiceUrls(readFileSync(`${projectRoot}/docker-compose.yml`, 'utf8')) },
    probe: probeService,
    waitUntilUp,
    findStarters: () => findStarters({ projectRoot, redisUrl: local.redis }),
    redact: hidePassword,
    log,
  });
  if (!services.ok) {
    // Thrown, vitest would print it under "No test files found" and a stack; this is the whole story.
    process.stderr.write(`\n${services.message}\n\n`);
    process.exit(1);
  }
  // The test workers vitest forks after this inherit these, so every helper and test
  // reaches the servers found or started here.
  process.env.TEST_DATABASE_URL = services.urls.postgres;
  process.env.TEST_REDIS_URL = services.urls.redis;
  return async () => {
    await services.teardown().catch((error: unknown) => log(`could not stop what it started: ${String(error)}`));
  };
}
