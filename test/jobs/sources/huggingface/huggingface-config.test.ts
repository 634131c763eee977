import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../config/config.ts';
import { metricsOf } from '../../../../config/config-series.ts';
import { defaultConfigYaml } from '../../../../config/default-watchlist.ts';
import { kindSpec, kindsOf, sourceNamed } from '../../../../jobs/sources/registry.ts';
import { errorOf, parse } from '../../../helpers/parse-config.ts';

describe('huggingface.datasets and huggingface.spaces in oss-pulse.yaml', () => {
  it('the built-in watchlist has a LLaMA-era instruction dataset and the Open LLM Leaderboard Space', () => {
    expect(DEFAULT_CONFIG.huggingface.datasets).toEqual(['tatsu-lab/alpaca', 'databricks/databricks-dolly-15k']);
    expect(DEFAULT_CONFIG.huggingface.spaces).toEqual(['open-llm-leaderboard/open_llm_leaderboard']);
    expect(defaultConfigYaml()).toMatch(/^ {2}datasets:\n {4}- tatsu-lab\/alpaca$/m);
  });

  it('declares hf_dataset and hf_space beside hf_model, with their metrics and report titles', () => {
    expect(kindsOf(sourceNamed('huggingface'))).toEqual(['hf_model', 'hf_dataset', 'hf_space']);
    expect(metricsOf('hf_dataset')).toEqual(['downloads_all_time', 'downloads_30d', 'likes']);
    expect(metricsOf('hf_space')).toEqual(['likes']);
    expect(kindSpec('hf_dataset').title).toBe('Hugging Face datasets');
    expect(kindSpec('hf_space').title).toBe('Hugging Face Spaces');
    expect(kindSpec('hf_dataset').metrics.find((m) => m.name === 'downloads_30d')?.windowDays).toBe(30);
  });

  it('left out, both lists are empty', () => {
    expect(parse({ huggingface: { models: ['a/b'] } }).huggingface).toEqual({ models: ['a/b'], authors: [], datasets: [], spaces: [] });
  });

  it.each([
    ['datasets', 'alpaca', 'is not an org/name Hugging Face dataset id'],
    ['datasets', 'tatsu-lab/alpaca/extra', 'is not an org/name Hugging Face dataset id'],
    ['datasets', `x'); DROP TABLE samples; --`, 'is not an org/name Hugging Face dataset id'],
    ['spaces', 'open-llm-leaderboard/', 'is not an org/name Hugging Face Space id'],
    ['spaces', '<script>/x', 'is not an org/name Hugging Face Space id'],
    ['spaces', '=HYPERLINK("http://evil.example")/x', 'is not an org/name Hugging Face Space id'],
  ])('rejects huggingface.%s entry %j with the key path', (list, name, problem) => {
    const message = errorOf({ huggingface: { [list]: ['ok/ok', name] } });
    expect(message).toContain(`oss-pulse.yaml: huggingface.${list}[1]: `);
    expect(message).toContain(problem);
  });

  it('rejects two spellings of one dataset or Space (the Hub ignores case)', () => {
    expect(errorOf({ huggingface: { datasets: ['tatsu-lab/alpaca', 'Tatsu-Lab/Alpaca'] } })).toContain(
      'huggingface.datasets[1]: duplicate of huggingface.datasets[0]',
    );
    expect(errorOf({ huggingface: { spaces: ['a/b', 'A/B'] } })).toContain('huggingface.spaces[1]: duplicate of huggingface.spaces[0]');
  });

  it('names every list in the unknown-key message', () => {
    expect(errorOf({ huggingface: { space: ['a/b'] } })).toContain('huggingface.space: unknown key; expected one of: models, authors, datasets, spaces');
  });

  it('resolves series references to the configured spelling, with the default metrics', () => {
    const config = parse({
      huggingface: { datasets: ['tatsu-lab/alpaca'], spaces: ['open-llm-leaderboard/open_llm_leaderboard'] },
      comparisons: [
        { name: 'd', series: ['hf_dataset:Tatsu-Lab/alpaca', 'hf_dataset:tatsu-lab/alpaca@downloads_30d'] },
        { name: 's', series: ['hf_space:open-llm-leaderboard/open_llm_leaderboard', 'hf_dataset:tatsu-lab/alpaca@likes'] },
      ],
    });
    expect(config.comparisons.map((c) => c.series)).toEqual([
      [
        { kind: 'hf_dataset', key: 'tatsu-lab/alpaca', metric: 'downloads_all_time' },
        { kind: 'hf_dataset', key: 'tatsu-lab/alpaca', metric: 'downloads_30d' },
      ],
      [
        { kind: 'hf_space', key: 'open-llm-leaderboard/open_llm_leaderboard', metric: 'likes' },
        { kind: 'hf_dataset', key: 'tatsu-lab/alpaca', metric: 'likes' },
      ],
    ]);
  });

  it.each([
    [['hf_dataset:tatsu-lab/alpaca', 'hf_dataset:databricks/databricks-dolly-15k'], '"databricks/databricks-dolly-15k" is not in huggingface.datasets'],
    [['hf_space:a/b', 'hf_space:c/d'], '"c/d" is not in huggingface.spaces'],
    [['hf_space:a/b', 'hf_space:a/b@downloads_30d'], '"downloads_30d" is not a metric of hf_space (expected one of: likes)'],
    // A dataset is not a model: the lists do not stand in for each other.
    [['hf_dataset:tatsu-lab/alpaca', 'hf_model:tatsu-lab/alpaca'], '"tatsu-lab/alpaca" is not in huggingface.models or huggingface.authors'],
  ])('rejects %j', (series, problem) => {
    const message = errorOf({ huggingface: { datasets: ['tatsu-lab/alpaca'], spaces: ['a/b'] }, comparisons: [{ name: 'c', series }] });
    expect(message).toContain(problem);
  });
});
