// What a deployment gives every `oss-pulse` process of a test: a working directory with
// the config, and an environment pointing at the fake upstreams, the test database and
// Redis under a queue prefix of its own.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FakeUpstream } from '../fake-upstream/index.ts';
import { tempWorkdir } from './cli.ts';
import { TEST_REDIS_URL } from './redis.ts';

export interface Deployment {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function deployment(
  configYaml: string,
  where: { up: FakeUpstream; databaseUrl: string; prefix: string },
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Deployment> {
  const cwd = await tempWorkdir();
  const configPath = join(cwd, 'oss-pulse.yaml');
  await writeFile(configPath, configYaml);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...where.up.env(),
    DATABASE_URL: where.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    OSS_PULSE_CONFIG: configPath,
    OSS_PULSE_QUEUE_PREFIX: where.prefix,
    OSS_PULSE_METRICS_PORT: '',
    // debug: `job started` lines show which process ran which job.
    LOG_LEVEL: 'debug',
    // A dead worker's job is picked up again within a few seconds; a live one renews its
    // lock every second, so a busy machine (CI beside other work) does not lose it.
    OSS_PULSE_LOCK_DURATION_MS: '2000',
    ...extraEnv,
  };
  return { cwd, env };
}
