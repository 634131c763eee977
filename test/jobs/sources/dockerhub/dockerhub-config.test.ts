import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG } from '../../../../config/config.ts';
import { defaultConfigYaml } from '../../../../config/default-watchlist.ts';
import { canonicalImageName, checkImageName } from '../../../../jobs/sources/dockerhub/image-names.ts';
import { runCli, tempWorkdir } from '../../../helpers/cli.ts';
import { errorOf, parse } from '../../../helpers/parse-config.ts';

describe('dockerhub.images in oss-pulse.yaml', () => {
  it('accepts namespace/name, and reads an official image’s bare name as library/NAME', () => {
    const images = ['ollama/ollama', 'vllm/vllm-openai', 'postgres', 'library/redis', 'a__b/c.d-e', 'bitnami/pytorch'];
    expect(parse({ dockerhub: { images } }).dockerhub.images).toEqual([
      'ollama/ollama',
      'vllm/vllm-openai',
      'library/postgres',
      'library/redis',
      'a__b/c.d-e',
      'bitnami/pytorch',
    ]);
  });

  it.each([
    ['Ollama/Ollama', '"Ollama/Ollama" is not lowercase, as Docker Hub names are ("ollama/ollama")'],
    ['ollama/ollama:latest', '"ollama/ollama:latest" names a tag or digest: write the repository alone ("ollama/ollama")'],
    ['postgres@sha256:abc', 'names a tag or digest: write the repository alone ("postgres")'],
    ['Ollama/Ollama:0.5', 'names a tag or digest: write the repository alone ("ollama/ollama")'],
    ['=HYPERLINK("http://evil.example","click")', 'is not a Docker Hub image name'],
    ['ghcr.io/huggingface/text-generation-inference', 'is on another registry (ghcr.io), not Docker Hub'],
    ['localhost:5000/mine', 'is on another registry (localhost:5000), not Docker Hub'],
    ['docker.io/library/postgres', 'starts with a host: write the repository alone ("library/postgres")'],
    ['a/b/c', 'has more than two parts: Docker Hub repositories are namespace/name'],
    ['ollama/', 'is not a Docker Hub image name'],
    ['-dash/x', 'is not a Docker Hub image name'],
    ['ollama/c..d', 'is not a Docker Hub image name'],
    ['', 'is not a Docker Hub image name'],
    ["x'); DROP TABLE samples; --", 'is not a Docker Hub image name'],
    ['<script>/x', 'is not a Docker Hub image name'],
    [`a/${'b'.repeat(254)}`, 'is longer than the 255 characters an image name may have'],
  ])('rejects %j with the key path', (name, problem) => {
    const message = errorOf({ dockerhub: { images: ['ollama/ollama', name] } });
    expect(message).toContain('oss-pulse.yaml: dockerhub.images[1]: ');
    expect(message).toContain(problem);
  });

  it('rejects two spellings of one repository', () => {
    expect(errorOf({ dockerhub: { images: ['library/postgres', 'postgres'] } })).toContain('dockerhub.images[1]: duplicate of dockerhub.images[0]');
  });

  it('rejects unknown keys under dockerhub', () => {
    expect(errorOf({ dockerhub: { repositories: ['x/y'] } })).toContain('dockerhub.repositories: unknown key; expected one of: images');
  });

  it('resolves a series reference, bare official names included, with pulls as the default metric', () => {
    const config = parse({
      dockerhub: { images: ['postgres', 'ollama/ollama'] },
      comparisons: [{ name: 'Pulls', series: ['docker_image:postgres', 'docker_image:ollama/ollama@stars'] }],
    });
    expect(config.comparisons[0]?.series).toEqual([
      { kind: 'docker_image', key: 'library/postgres', metric: 'pulls' },
      { kind: 'docker_image', key: 'ollama/ollama', metric: 'stars' },
    ]);
    expect(() => parse({ dockerhub: { images: ['ollama/ollama'] }, comparisons: [{ name: 'x', series: ['docker_image:ollama/ollama@downloads_7d', 'docker_image:ollama/ollama'] }] })).toThrow(
      ConfigError,
    );
  });

  it('watches a few LLM serving images that are on Docker Hub by default, collected daily between PyPI and crates.io', () => {
    expect(DEFAULT_CONFIG.dockerhub.images).toEqual(['ollama/ollama', 'vllm/vllm-openai', 'lmsysorg/sglang', 'localai/localai', 'pytorch/pytorch']);
    expect(DEFAULT_CONFIG.schedules.dockerhub).toBe('55 0 * * *');
    expect(defaultConfigYaml()).toContain('dockerhub:\n  # Pulls and stars of these images on Docker Hub (namespace/name; an official\n');
    expect(defaultConfigYaml()).toContain('  dockerhub: "55 0 * * *"\n');
  });
});

describe('image names', () => {
  it('read a bare name as the official image and case away', () => {
    expect(canonicalImageName('postgres')).toBe('library/postgres');
    expect(canonicalImageName('Ollama/Ollama')).toBe('ollama/ollama');
    expect(canonicalImageName('library/postgres')).toBe('library/postgres');
  });

  it('say what is wrong with a name', () => {
    expect(checkImageName('ollama/ollama')).toBeUndefined();
    expect(checkImageName('postgres')).toBeUndefined();
    expect(checkImageName('ollama ollama')).toMatch(/^"ollama ollama" is not a Docker Hub image name/);
  });
});

describe('DOCKERHUB_URL', () => {
  it('must be an http(s) URL: exit 2 naming it, nothing written', async () => {
    const cwd = await tempWorkdir();
    const result = await runCli(['collect'], { env: { PATH: process.env.PATH, DATABASE_URL: '', DOCKERHUB_URL: 'hub.docker.com' }, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DOCKERHUB_URL is not a URL');
    expect(await readdir(cwd)).toEqual([]);
  });
});
