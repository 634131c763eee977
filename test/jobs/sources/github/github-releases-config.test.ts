import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../config/config.ts';
import { defaultConfigYaml } from '../../../../config/default-watchlist.ts';
import { kindSpec } from '../../../../jobs/sources/registry.ts';
import { errorOf, parse } from '../../../helpers/parse-config.ts';

describe('github.releases in oss-pulse.yaml', () => {
  it('is a list of owner/name beside repos and searches, empty unless asked for', () => {
    const config = parse({ github: { repos: ['a/b'], releases: ['ggml-org/llama.cpp', 'a/b'] } });
    expect(config.github.releases).toEqual(['ggml-org/llama.cpp', 'a/b']);
    expect(config.github.repos).toEqual(['a/b']);
    expect(parse({ github: { repos: ['a/b'] } }).github.releases).toEqual([]);
    expect(parse('github:\n  releases:\n').github.releases).toEqual([]);
  });

  it.each(['foo', 'a/b/c', '-owner/x', 'https://github.com/a/b', ''])('rejects %j, naming github.releases[i]', (name) => {
    const message = errorOf({ github: { releases: ['a/b', name] } });
    expect(message).toContain('oss-pulse.yaml: github.releases[1]: ');
    expect(message).toContain('is not an owner/name repository name');
  });

  it('rejects two spellings GitHub reads as one repository', () => {
    expect(errorOf({ github: { releases: ['ggml-org/llama.cpp', 'GGML-org/Llama.cpp'] } })).toContain('github.releases[1]: duplicate of github.releases[0]');
  });

  it('names the line of a bad entry in YAML', () => {
    expect(errorOf('github:\n  releases:\n    - a/b\n    - nope\n')).toContain('github.releases[1]: "nope" is not an owner/name repository name (line 4)');
  });

  it('makes release_downloads a metric of github_repo, after the github-repos ones, with stars still the default', () => {
    const metrics = kindSpec('github_repo').metrics;
    expect(metrics[0].name).toBe('stars');
    expect(metrics.find((metric) => metric.name === 'release_downloads')).toEqual({ name: 'release_downloads', unit: 'downloads', title: 'release downloads' });
  });

  it('resolves a series reference to a repository listed only under releases', () => {
    const config = parse({
      github: { repos: ['ollama/ollama'], releases: ['ggml-org/llama.cpp', 'ollama/ollama'] },
      comparisons: [{ name: 'Runtimes: release downloads', series: ['github_repo:GGML-ORG/llama.cpp@release_downloads', 'github_repo:ollama/ollama@release_downloads'] }],
    });
    expect(config.comparisons[0]?.series).toEqual([
      { kind: 'github_repo', key: 'ggml-org/llama.cpp', metric: 'release_downloads' },
      { kind: 'github_repo', key: 'ollama/ollama', metric: 'release_downloads' },
    ]);
    // release_downloads of a repository not listed under releases is never collected.
    expect(errorOf({ github: { repos: ['a/b'] }, comparisons: [{ name: 'x', series: ['github_repo:a/b@release_downloads', 'github_repo:a/b'] }] })).toContain('github.releases');
  });

  it('watches llama.cpp by default, as GitHub spells it now, collected daily at 01:05', () => {
    expect(DEFAULT_CONFIG.github.releases).toEqual(['ggml-org/llama.cpp']);
    expect(DEFAULT_CONFIG.schedules['github-releases']).toBe('5 1 * * *');
    expect(defaultConfigYaml()).toMatch(/\n {2}releases:\n {4}- ggml-org\/llama\.cpp/);
  });
});
