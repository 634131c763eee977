import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_CONFIG,
  loadConfig,
  parseConfig,
  type Config,
} from '../../config/config.ts';
import { errorOf, parse } from '../helpers/parse-config.ts';
import { metricsOf } from '../../config/config-series.ts';
import { DEFAULT_SCHEDULES, defaultConfigYaml } from '../../config/default-watchlist.ts';
import { SOURCE_NAMES } from '../../jobs/sources/registry.ts';

const SOURCE = 'oss-pulse.yaml';


const search = (query: string, label = query) => ({ query, label });

describe('default watchlist', () => {
  it('parses, and is what applies without a file', () => {
    expect(parseConfig(defaultConfigYaml(), 'default')).toEqual(DEFAULT_CONFIG);
  });

  it('covers the 14 ecosystems of the article with a GitHub keyword count each', () => {
    const labels = DEFAULT_CONFIG.github.searches.map((s) => s.label);
    expect(labels).toEqual([
      'LLaMA', 'GPT-4', 'ChatGLM', 'Qwen', 'Baichuan', 'XVERSE', 'MOSS',
      'Aquila', 'Falcon', 'MPT', 'Dolly', 'OpenLLaMA', 'RWKV', 'Stable Diffusion',
    ]);
    expect(DEFAULT_CONFIG.github.repos).toContain('THUDM/ChatGLM-6B');
    expect(DEFAULT_CONFIG.github.repos).toContain('meta-llama/llama');
    expect(DEFAULT_CONFIG.huggingface.models).toHaveLength(14);
    expect(DEFAULT_CONFIG.modelscope.models).toContain('qwen/Qwen-7B');
    expect(DEFAULT_CONFIG.npm.packages).toEqual(['openai', '@huggingface/transformers', '@anthropic-ai/sdk', 'langchain', 'ollama']);
    expect(DEFAULT_CONFIG.pypi.packages).toEqual(['transformers', 'vllm', 'llama-cpp-python', 'openai', 'modelscope']);
    expect(DEFAULT_CONFIG.crates.packages).toEqual(['candle-core', 'candle-transformers', 'tokenizers', 'llama-cpp-2', 'hf-hub']);
    expect(DEFAULT_CONFIG.dockerhub.images).toEqual(['ollama/ollama', 'vllm/vllm-openai', 'lmsysorg/sglang', 'localai/localai', 'pytorch/pytorch']);
  });

  it('compares the article series with default metrics filled in', () => {
    const [searches, stars, downloads] = DEFAULT_CONFIG.comparisons;
    expect(searches).toEqual({
      name: 'LLaMA vs GPT-4: repositories on GitHub',
      series: [
        { kind: 'github_search', key: 'llama', metric: 'repositories' },
        { kind: 'github_search', key: 'gpt-4', metric: 'repositories' },
      ],
    });
    expect(stars?.series).toEqual([
      { kind: 'github_repo', key: 'THUDM/ChatGLM-6B', metric: 'stars' },
      { kind: 'github_repo', key: 'meta-llama/llama', metric: 'stars' },
    ]);
    expect(downloads?.series.map((s) => s.metric)).toEqual(Array(4).fill('downloads_all_time'));
  });

  it('uses the documented schedules and report settings', () => {
    expect(DEFAULT_CONFIG.schedules).toEqual({
      'github-repos': '0 */6 * * *',
      'github-search': '10 0 * * *',
      'github-releases': '5 1 * * *',
      huggingface: '20 0 * * *',
      modelscope: '30 0 * * *',
      npm: '40 0 * * *',
      pypi: '50 0 * * *',
      dockerhub: '55 0 * * *',
      crates: '0 1 * * *',
      report: '0 6 * * 1',
    });
    expect(DEFAULT_CONFIG.reports).toEqual({ dir: 'oss-pulse-reports', formats: ['md', 'html', 'csv', 'json'] });
  });
});

describe('parseConfig: shape and defaults', () => {
  it('exports the kinds, metrics and sources of the SPEC', () => {
    expect(metricsOf('github_repo')[0]).toBe('stars');
    expect(metricsOf('pypi_package')).toEqual(['downloads_7d', 'downloads_1d', 'downloads_30d']);
    expect(SOURCE_NAMES).toEqual(['github-repos', 'github-search', 'github-releases', 'huggingface', 'modelscope', 'npm', 'pypi', 'dockerhub', 'crates']);
  });

  it('fills every section left out or left empty', () => {
    const empty: Config = {
      github: { repos: [], orgs: [], releases: [], searches: [] },
      huggingface: { models: [], authors: [], datasets: [], spaces: [] },
      modelscope: { models: [] },
      npm: { packages: [] },
      pypi: { packages: [] },
      dockerhub: { images: [] },
      crates: { packages: [] },
      comparisons: [],
      schedules: { ...DEFAULT_SCHEDULES },
      reports: { dir: 'oss-pulse-reports', formats: ['md', 'html', 'csv', 'json'] },
      alerts: [],
      channels: [],
      digest: null,
    };
    expect(parse('')).toEqual(empty);
    expect(parse('# nothing yet\n')).toEqual(empty);
    expect(parse('github:\nnpm:\n  packages:\nschedules:\n  npm:\n')).toEqual(empty);
    expect(parse({ schedules: { npm: '5 4 * * *' } }).schedules).toEqual({ ...DEFAULT_SCHEDULES, npm: '5 4 * * *' });
  });

  it('turns a plain search string into a query labelled by itself', () => {
    const config = parse('github:\n  searches:\n    - llama\n    - { query: "gpt-4", label: GPT-4 }\n    - { query: rwkv }\n');
    expect(config.github.searches).toEqual([search('llama'), search('gpt-4', 'GPT-4'), search('rwkv')]);
  });

  it('reads the example of the SPEC', () => {
    const config = parse(`
github:
  repos: [THUDM/ChatGLM-6B, meta-llama/llama]
  searches: [llama, { query: "gpt-4", label: GPT-4 }]
huggingface:
  models: [THUDM/chatglm-6b, meta-llama/Llama-2-7b-hf]
  authors: [THUDM]
modelscope:
  models: [qwen/Qwen-7B]
npm:
  packages: [openai, "@huggingface/transformers"]
pypi:
  packages: [transformers]
comparisons:
  - name: "ChatGLM-6B vs LLaMA: stars"
    series: ["github_repo:THUDM/ChatGLM-6B", "github_repo:meta-llama/llama@stars"]
reports:
  formats: [md, csv]
`);
    expect(config.npm.packages).toEqual(['openai', '@huggingface/transformers']);
    expect(config.reports).toEqual({ dir: 'oss-pulse-reports', formats: ['md', 'csv'] });
  });
});

describe('parseConfig: errors name the file and the key path', () => {
  it.each([
    [{ githb: {} }, 'oss-pulse.yaml: githb: unknown key'],
    [{ github: { reposs: [] } }, 'oss-pulse.yaml: github.reposs: unknown key; expected one of: repos, orgs, searches, releases'],
    [{ github: { searches: [{ query: 'x', colour: 'red' }] } }, 'github.searches[0].colour: unknown key'],
    [{ huggingface: { model: [] } }, 'huggingface.model: unknown key'],
    [{ comparisons: [{ name: 'x', series: [], extra: 1 }] }, 'comparisons[0].extra: unknown key'],
    [{ schedules: { nightly: '0 0 * * *' } }, 'schedules.nightly: unknown key'],
    [{ reports: { format: ['md'] } }, 'reports.format: unknown key'],
    [{ 'odd key': 1 }, '["odd key"]: unknown key'],
  ])('rejects unknown keys: %j', (config, message) => {
    expect(errorOf(config)).toContain(message);
  });

  it.each([
    [['a/b'], 'oss-pulse.yaml: line 1: expected a mapping, got a list'],
    [{ github: ['a/b'] }, 'github: expected a mapping, got a list'],
    [{ github: { repos: 'a/b' } }, 'github.repos: expected a list, got "a/b"'],
    [{ npm: { packages: [42] } }, 'npm.packages[0]: expected a string, got 42'],
    [{ github: { searches: [7] } }, 'github.searches[0]: expected a query string or { query, label }'],
    [{ github: { searches: [{ label: 'x' }] } }, 'github.searches[0].query: missing; expected a string'],
    [{ comparisons: [{ name: 'x' }] }, 'comparisons[0].series: missing; expected a list'],
    [{ schedules: { npm: 5 } }, 'schedules.npm: expected a string, got 5'],
  ])('rejects wrong types: %j', (config, message) => {
    expect(errorOf(config)).toContain(message);
  });

  it('reports every problem at once, one line each, with the line in the file', () => {
    const message = errorOf('github:\n  repos:\n    - a/b\n    - nope\n  reposs: []\nreports:\n  formats: [pdf]\n');
    expect(message.split('\n')).toEqual([
      'oss-pulse.yaml: github.repos[1]: "nope" is not an owner/name repository name (line 4)',
      'oss-pulse.yaml: github.reposs: unknown key; expected one of: repos, orgs, searches, releases (line 5)',
      'oss-pulse.yaml: reports.formats[0]: "pdf" is not one of: md, html, csv, json (line 7)',
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    expect(errorOf('github:\n  repos: [a/b\nnpm: {}\n')).toMatch(/^oss-pulse\.yaml: line \d+: YAML syntax error: /);
    expect(errorOf('npm: {}\nnpm: {}\n')).toMatch(/^oss-pulse\.yaml: line 2: YAML syntax error: Map keys must be unique/);
    expect(errorOf('a: *missing\n')).toContain('oss-pulse.yaml: ');
  });

  it('throws a ConfigError that lists its problems', () => {
    try {
      parse({ github: { repos: ['x'] } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).source).toBe(SOURCE);
      expect((error as ConfigError).problems).toEqual([
        { path: 'github.repos[0]', message: '"x" is not an owner/name repository name', line: 1 },
      ]);
    }
  });
});

describe('parseConfig: names', () => {
  const valid = (section: string, key: string, names: string[]) => () => {
    expect(() => parse({ [section]: { [key]: names } })).not.toThrow();
  };
  const invalid = (section: string, key: string, name: string, what: string) => {
    expect(errorOf({ [section]: { [key]: ['ok/ok', name] } })).toContain(
      `${section}.${key}[1]: ${JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name)} ${what}`,
    );
  };

  it('accepts GitHub owner/name', valid('github', 'repos', ['a/b', 'Open-MOSS/MOSS.v2_x-y', `${'a'.repeat(39)}/x`, `o/${'r'.repeat(100)}`, 'o/.github']));
  it.each(['foo', 'a/b/c', '-owner/x', 'owner-/x', 'ow--ner/x', 'ow_ner/x', `${'a'.repeat(40)}/x`, `o/${'r'.repeat(101)}`, 'o/.', 'o/..', 'o/na me', 'https://github.com/a/b', ''])(
    'rejects GitHub repo %j',
    (name) => invalid('github', 'repos', name, 'is not an owner/name repository name'),
  );

  it('accepts Hub and ModelScope ids', valid('huggingface', 'models', ['THUDM/chatglm-6b', 'openlm-research/open_llama_7b', 'org/model.v1', '01-ai/Yi-6B']));
  it.each(['chatglm', 'org/', '/name', 'a/b/c', 'org/na me', 'org/-x', 'org/x--y', 'org/x..y', 'org/x.'])('rejects Hub model %j', (name) =>
    invalid('huggingface', 'models', name, 'is not an org/name Hugging Face model id'),
  );
  it('rejects ModelScope ids without an owner', () => invalid('modelscope', 'models', 'Qwen-7B', 'is not an org/name ModelScope model id'));
  it('rejects malformed Hub authors', () => {
    expect(errorOf({ huggingface: { authors: ['TH UDM'] } })).toContain('huggingface.authors[0]: "TH UDM" is not a user or organisation name');
  });

  it('accepts npm names', valid('npm', 'packages', ['openai', '@huggingface/transformers', 'lodash.merge', 'x'.repeat(214)]));
  it.each(['Foo', '.hidden', '_private', 'a b', '@scope', '@Scope/x', '@scope/', 'x'.repeat(215), 'a/b'])('rejects npm name %j', (name) => {
    expect(errorOf({ npm: { packages: [name] } })).toContain('npm.packages[0]: ');
    expect(errorOf({ npm: { packages: [name] } })).toContain('is not an npm package name');
  });

  it('accepts PyPI names', valid('pypi', 'packages', ['transformers', 'Django', 'zope.interface', 'a', 'torch_geometric']));
  it.each(['foo bar', '-foo', 'foo-', '', 'föö'])('rejects PyPI name %j', (name) => {
    expect(errorOf({ pypi: { packages: [name] } })).toContain('pypi.packages[0]: ');
    expect(errorOf({ pypi: { packages: [name] } })).toContain('is not a PyPI project name');
  });
});

describe('parseConfig: duplicates', () => {
  it.each([
    [{ github: { repos: ['THUDM/ChatGLM-6B', 'a/b', 'thudm/chatglm-6b'] } }, 'github.repos[2]: duplicate of github.repos[0]'],
    [{ github: { searches: ['llama', { query: ' LLaMA ', label: 'x' }] } }, 'github.searches[1]: duplicate of github.searches[0]'],
    [{ huggingface: { models: ['Qwen/Qwen-7B', 'qwen/qwen-7b'] } }, 'huggingface.models[1]: duplicate of huggingface.models[0]'],
    [{ huggingface: { authors: ['THUDM', 'thudm'] } }, 'huggingface.authors[1]: duplicate of huggingface.authors[0]'],
    [{ modelscope: { models: ['qwen/Qwen-7B', 'Qwen/Qwen-7B'] } }, 'modelscope.models[1]: duplicate of modelscope.models[0]'],
    [{ npm: { packages: ['openai', 'openai'] } }, 'npm.packages[1]: duplicate of npm.packages[0]'],
    [{ pypi: { packages: ['Foo.Bar', 'x', 'foo__bar'] } }, 'pypi.packages[2]: duplicate of pypi.packages[0]'],
    [{ reports: { formats: ['md', 'csv', 'md'] } }, 'reports.formats[2]: duplicate of reports.formats[0]'],
    [
      { github: { searches: [{ query: 'llama', label: 'LLaMA' }, 'gpt-4', { query: 'llama2', label: ' llama ' }] } },
      'github.searches[2]: label " llama " is already used by github.searches[0]',
    ],
    [{ github: { searches: ['gpt-4', { query: 'openai gpt-4', label: 'gpt-4' }] } }, 'github.searches[1]: label "gpt-4" is already used by github.searches[0]'],
  ])('rejects %j', (config, message) => {
    expect(errorOf(config)).toContain(message);
  });
});

describe('parseConfig: searches and labels', () => {
  it('rejects empty queries and queries over GitHub\'s 256 characters', () => {
    expect(errorOf({ github: { searches: [''] } })).toContain('github.searches[0].query: search query must not be empty');
    expect(errorOf({ github: { searches: [{ query: '   ' }] } })).toContain('github.searches[0].query: search query must not be empty');
    expect(errorOf({ github: { searches: ['x'.repeat(257)] } })).toContain('github.searches[0].query: search query is 257 characters');
    expect(parse({ github: { searches: ['x'.repeat(256)] } }).github.searches[0]?.query).toHaveLength(256);
  });

  it('rejects a 10,000-character query with a short message', () => {
    const message = errorOf({ github: { searches: [{ query: 'a'.repeat(10_000), label: 'long' }] } });
    expect(message).toContain('github.searches[0].query: search query is 10000 characters; GitHub allows at most 256');
    expect(message.length).toBeLessThan(300);
  });

  it('rejects empty and overlong labels', () => {
    expect(errorOf({ github: { searches: [{ query: 'x', label: ' ' }] } })).toContain('github.searches[0].label: must not be empty');
    expect(errorOf({ github: { searches: [{ query: 'x', label: 'L'.repeat(201) }] } })).toContain(
      'github.searches[0].label: longer than 200 characters',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    '=HYPERLINK("http://evil.example","click")',
    "'; drop table subjects; --",
    '+1+1',
    '@SUM(A1:A2)',
    '-2',
    '"quoted" & \\backslash\\ \u202Eright-to-left',
  ])('keeps the hostile label %j byte-identical', (hostile) => {
    const config = parse({
      github: { repos: ['a/b'], searches: [{ query: hostile, label: hostile }] },
      comparisons: [{ name: hostile, series: ['github_repo:a/b@stars', 'github_repo:a/b@forks'] }],
    });
    expect(config.github.searches[0]).toEqual({ query: hostile, label: hostile });
    expect(config.comparisons[0]?.name).toBe(hostile);
  });
});

describe('parseConfig: schedules', () => {
  it.each(['61 * * * *', 'every day', '', '* * * *', '* * * * * *', '0 0 * * * *', '* * * * * * *', '0 0 30 2 *', '*/0 * * * *', '@secondly', '@minutely'])('rejects cron %j', (cron) => {
    expect(errorOf({ schedules: { npm: cron } })).toMatch(/^oss-pulse\.yaml: schedules\.npm: ".*" is not a cron expression/);
  });

  it.each(['*/15 * * * *', '@daily', '@weekly', '0 6 * * mon'])('accepts cron %j', (cron) => {
    expect(parse({ schedules: { report: cron } }).schedules.report).toBe(cron);
  });
});

describe('parseConfig: comparisons', () => {
  const watchlist = {
    github: { repos: ['THUDM/ChatGLM-6B', 'meta-llama/llama'], searches: ['llama', 'gpt-4', 'user@host'] },
    huggingface: { models: ['Qwen/Qwen-7B'], authors: ['THUDM'] },
    modelscope: { models: ['qwen/Qwen-7B'] },
    npm: { packages: ['@huggingface/transformers', 'openai'] },
    pypi: { packages: ['Foo.Bar', 'torch'] },
  };
  const compare = (...series: string[]) => ({ ...watchlist, comparisons: [{ name: 'c', series }] });

  it('resolves references to the configured spelling and fills default metrics', () => {
    const config = parse(
      compare(
        'github_repo:thudm/chatglm-6b',
        'github_search:LLaMA',
        'github_search:user@host',
        'hf_model:THUDM/chatglm2-6b@likes',
        'hf_model:qwen/qwen-7b',
        'modelscope_model:qwen/Qwen-7B@likes',
        'npm_package:@huggingface/transformers@downloads_30d',
        'pypi_package:foo_bar@downloads_1d',
      ),
    );
    expect(config.comparisons[0]?.series).toEqual([
      { kind: 'github_repo', key: 'THUDM/ChatGLM-6B', metric: 'stars' },
      { kind: 'github_search', key: 'llama', metric: 'repositories' },
      { kind: 'github_search', key: 'user@host', metric: 'repositories' },
      { kind: 'hf_model', key: 'THUDM/chatglm2-6b', metric: 'likes' },
      { kind: 'hf_model', key: 'Qwen/Qwen-7B', metric: 'downloads_all_time' },
      { kind: 'modelscope_model', key: 'qwen/Qwen-7B', metric: 'likes' },
      { kind: 'npm_package', key: '@huggingface/transformers', metric: 'downloads_30d' },
      { kind: 'pypi_package', key: 'Foo.Bar', metric: 'downloads_1d' },
    ]);
  });

  it.each([
    [['github_repo:meta-llama/llama', 'nonsense'], 'comparisons[0].series[1]: "nonsense" is not a KIND:KEY[@METRIC] series reference'],
    [['github_repo:meta-llama/llama', 'gitlab_repo:a/b'], 'comparisons[0].series[1]: "gitlab_repo" is not a subject kind'],
    [['github_repo:meta-llama/llama', 'github_repo:THUDM/ChatGLM-6B@downloads'], '"downloads" is not a metric of github_repo (expected one of: stars, forks, watchers, open_issues, release_downloads)'],
    [['github_search:llama', 'github_search:gpt-4@stars'], 'comparisons[0].series[1]: "stars" is not a metric of github_search'],
    [['github_repo:meta-llama/llama', 'github_repo:'], 'comparisons[0].series[1]: "github_repo:" has no key'],
    [['github_repo:meta-llama/llama', 'github_repo:openai/gpt-4'], 'comparisons[0].series[1]: "openai/gpt-4" is not in github.repos'],
    [['github_search:llama', 'github_search:mistral'], 'comparisons[0].series[1]: "mistral" is not in github.searches'],
    [['hf_model:Qwen/Qwen-7B', 'hf_model:tiiuae/falcon-7b'], '"tiiuae/falcon-7b" is not in huggingface.models or huggingface.authors'],
    [['hf_model:Qwen/Qwen-7B', 'hf_model:THUDM'], '"THUDM" is not in huggingface.models or huggingface.authors'],
    [['modelscope_model:qwen/Qwen-7B', 'modelscope_model:qwen/Qwen-14B'], '"qwen/Qwen-14B" is not in modelscope.models'],
    [['npm_package:openai', 'npm_package:react'], 'comparisons[0].series[1]: "react" is not in npm.packages'],
    [['pypi_package:torch', 'pypi_package:numpy'], 'comparisons[0].series[1]: "numpy" is not in pypi.packages'],
    [['github_repo:meta-llama/llama'], 'comparisons[0].series: a comparison needs at least 2 series'],
    [['github_repo:meta-llama/llama', 'github_repo:Meta-Llama/Llama@stars'], 'comparisons[0].series[1]: series listed twice'],
  ])('rejects %j', (series, message) => {
    expect(errorOf(compare(...series))).toContain(message);
  });

  it('rejects empty and repeated comparison names', () => {
    const series = ['npm_package:openai', 'pypi_package:torch'];
    expect(errorOf({ ...watchlist, comparisons: [{ name: '', series }] })).toContain('comparisons[0].name: must not be empty');
    expect(errorOf({ ...watchlist, comparisons: [{ name: 'a', series }, { name: 'b', series }, { name: 'a', series }] })).toContain(
      'comparisons[2]: duplicate of comparisons[0]',
    );
  });
});

describe('parseConfig: reports', () => {
  it.each([
    [{ reports: { formats: ['md', 'pdf'] } }, 'reports.formats[1]: "pdf" is not one of: md, html, csv, json'],
    [{ reports: { formats: [] } }, 'reports.formats: list at least one format'],
    [{ reports: { dir: '' } }, 'reports.dir: must not be empty'],
  ])('rejects %j', (config, message) => {
    expect(errorOf(config)).toContain(message);
  });
});

describe('loadConfig', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'oss-pulse-config-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  // Each file watches a different package, so the test can tell which one was read.
  const watching = (name: string) => `npm:\n  packages: [${name}]\n`;
  const write = (name: string, text: string) => writeFile(join(cwd, name), text);
  const packagesOf = ({ config }: { config: Config }) => config.npm.packages;

  it('prefers --config, then $OSS_PULSE_CONFIG, then ./oss-pulse.yaml, then the built-in watchlist', async () => {
    await write('flag.yaml', watching('from-flag'));
    await write('env.yaml', watching('from-env'));
    await write('oss-pulse.yaml', watching('from-cwd'));
    const env = { OSS_PULSE_CONFIG: join(cwd, 'env.yaml') };

    const fromFlag = await loadConfig({ path: 'flag.yaml', env, cwd });
    expect(packagesOf(fromFlag)).toEqual(['from-flag']);
    expect(fromFlag.source).toBe('flag.yaml');

    const fromEnv = await loadConfig({ env, cwd });
    expect(packagesOf(fromEnv)).toEqual(['from-env']);
    expect(fromEnv.source).toBe(join(cwd, 'env.yaml'));

    const fromCwd = await loadConfig({ env: { OSS_PULSE_CONFIG: '' }, cwd });
    expect(packagesOf(fromCwd)).toEqual(['from-cwd']);
    expect(fromCwd.source).toBe('oss-pulse.yaml');

    await rm(join(cwd, 'oss-pulse.yaml'));
    expect(await loadConfig({ env: {}, cwd })).toEqual({ config: DEFAULT_CONFIG, source: 'built-in default watchlist' });
  });

  it('requires a file named by --config or $OSS_PULSE_CONFIG to exist', async () => {
    await write('oss-pulse.yaml', watching('from-cwd'));
    await expect(loadConfig({ path: 'missing.yaml', env: {}, cwd })).rejects.toThrow(
      new ConfigError('missing.yaml', [{ path: '', message: 'no such file (named by --config)' }]),
    );
    await expect(loadConfig({ env: { OSS_PULSE_CONFIG: 'gone.yaml' }, cwd })).rejects.toThrow(
      'gone.yaml: no such file (named by $OSS_PULSE_CONFIG)',
    );
  });

  it('names the file in validation errors and refuses a directory', async () => {
    await write('oss-pulse.yaml', 'github:\n  repos: [nope]\n');
    await expect(loadConfig({ env: {}, cwd })).rejects.toThrow(
      'oss-pulse.yaml: github.repos[0]: "nope" is not an owner/name repository name (line 2)',
    );
    await mkdir(join(cwd, 'conf.d'));
    await expect(loadConfig({ path: 'conf.d', env: {}, cwd })).rejects.toThrow('conf.d: is a directory');
  });
});
