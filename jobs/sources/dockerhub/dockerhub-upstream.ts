import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createDockerHubClient, type DockerHubClient, DOCKERHUB_MIN_INTERVAL_MS } from './dockerhub-client.ts';

/** Docker Hub's API, one repository per call, a second apart. */
export const dockerhubUpstream: Upstream<DockerHubClient> = {
  name: 'dockerhub',
  environment: [{ name: 'DOCKERHUB_URL', meaning: 'Docker Hub API root', default: '`https://hub.docker.com`', holds: 'url' }],
  createClient: (context) =>
    createDockerHubClient({
      ...httpOptions(context, 'dockerhub'),
      baseUrl: setting(context.env, 'DOCKERHUB_URL'),
      // Tests, which shrink a second (`secondMs`), shrink the pace too.
      minIntervalMs: (DOCKERHUB_MIN_INTERVAL_MS / 1000) * (context.secondMs ?? 1000),
      // `X-RateLimit-Reset` is read against the collector's clock, the one samples are stamped with.
      now: () => context.now().getTime(),
      secondMs: context.secondMs,
    }),
};
