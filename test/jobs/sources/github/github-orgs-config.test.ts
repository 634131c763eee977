import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../config/config.ts';
import { defaultConfigYaml } from '../../../../config/default-watchlist.ts';
import { errorOf, parse } from '../../../helpers/parse-config.ts';

describe('github.orgs in oss-pulse.yaml', () => {
  it('accepts GitHub logins, and leaves orgs empty when left out', () => {
    expect(parse({ github: { orgs: ['THUDM', 'meta-llama', 'a', 'x'.repeat(39)] } }).github.orgs).toEqual(['THUDM', 'meta-llama', 'a', 'x'.repeat(39)]);
    expect(parse({ github: { repos: ['a/b'] } }).github.orgs).toEqual([]);
    expect(parse('github:\n  orgs:\n').github.orgs).toEqual([]);
  });

  it.each([['THUDM/ChatGLM-6B'], ['-dash'], ['dash-'], ['two--dashes'], ['has space'], ['x'.repeat(40)], [''], ['ünicode']])('rejects %j with the key path', (login) => {
    const message = errorOf({ github: { orgs: ['THUDM', login] } });
    expect(message).toContain('oss-pulse.yaml: github.orgs[1]: ');
    expect(message).toContain('is not a GitHub user or organisation login');
  });

  it('rejects two spellings of one login, and names orgs among the known keys', () => {
    expect(errorOf({ github: { orgs: ['THUDM', 'thudm'] } })).toContain('github.orgs[1]: duplicate of github.orgs[0]');
    expect(errorOf({ github: { org: ['THUDM'] } })).toMatch(/github\.org: unknown key; expected one of: .*orgs/);
  });

  it('lets a series name any repository of a listed organisation, under its own spelling', () => {
    const config = parse({
      github: { orgs: ['THUDM'] },
      comparisons: [{ name: 'GLM', series: ['github_repo:thudm/GLM-4', 'github_repo:THUDM/CogVLM@forks'] }],
    });
    expect(config.comparisons[0]?.series).toEqual([
      { kind: 'github_repo', key: 'thudm/GLM-4', metric: 'stars' },
      { kind: 'github_repo', key: 'THUDM/CogVLM', metric: 'forks' },
    ]);
    expect(errorOf({ github: { orgs: ['THUDM'] }, comparisons: [{ name: 'x', series: ['github_repo:other/CogVLM', 'github_repo:THUDM/a'] }] })).toContain('github.repos or github.orgs');
  });

  it('watches THUDM by default, as the starter file says', () => {
    expect(DEFAULT_CONFIG.github.orgs).toEqual(['THUDM']);
    expect(defaultConfigYaml()).toMatch(/\n {2}orgs:\n {4}- THUDM /);
  });
});
