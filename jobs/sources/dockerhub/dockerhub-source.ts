import { z } from 'zod';
import { chunks } from '../../chunks.ts';
import { toOutcome } from '../../observation.ts';
import { defineSource } from '../source.ts';
import { checked, list } from '../watchlist.ts';
import { dockerhubUpstream } from './dockerhub-upstream.ts';
import { canonicalImageName, checkImageName } from './image-names.ts';

export interface DockerHubBatch {
  images: string[];
}

/** One call per repository, a second apart: a job is about a minute of calls. */
const IMAGES_PER_JOB = 60;

/**
 * Pulls and stars of Docker Hub repositories. Docker Hub keeps no history of either,
 * so there is no backfill: a series starts with the first `collect`.
 */
export const dockerhubSource = defineSource({
  source: 'dockerhub',
  upstream: dockerhubUpstream,
  kinds: [
    {
      name: 'docker_image',
      title: 'Docker images',
      metrics: [
        { name: 'pulls', title: 'pulls', unit: 'pulls' },
        { name: 'stars', title: 'stars', unit: 'stars' },
      ],
      configuredIn: 'dockerhub.images',
      listed: (watchlist) => watchlist.images,
      find: (watchlist, key) => watchlist.images.find((name) => name === canonicalImageName(key)),
    },
  ],
  watchlist: {
    section: 'dockerhub',
    // A bare official image name means `library/NAME`, as `docker pull` reads it: the list holds the full name.
    shape: { images: list(checked(z.string(), checkImageName).transform(canonicalImageName), 'dockerhub.images', (name) => name) },
    defaultYaml: `
  # Pulls and stars of these images on Docker Hub (namespace/name; an official
  # image's bare name, such as postgres, means library/postgres).
  images:
    - ollama/ollama                 # Ollama
    - vllm/vllm-openai              # vLLM's OpenAI-compatible server
    - lmsysorg/sglang               # SGLang
    - localai/localai               # LocalAI
    - pytorch/pytorch               # PyTorch
`,
  },
  defaultSchedule: '55 0 * * *',
  plan: (watchlist): DockerHubBatch[] => chunks(watchlist.images, IMAGES_PER_JOB).map((images) => ({ images })),
  subjects: (batch) => batch.images,
  async collect(batch, { client, now }) {
    const results = await client.fetchRepositories(batch.images);
    const observedAt = now();
    return toOutcome(
      'docker_image',
      results,
      (requested, repository) => ({
        kind: 'docker_image',
        key: repository.name ?? requested,
        label: repository.name ?? requested,
        configuredKey: requested,
        metrics: { pulls: repository.pulls, stars: repository.stars },
        observedAt,
      }),
      'Docker Hub',
    );
  },
});
