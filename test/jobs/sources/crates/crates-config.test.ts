import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG } from '../../../../config/config.ts';
import { errorOf, parse } from '../../../helpers/parse-config.ts';
import { defaultConfigYaml } from '../../../../config/default-watchlist.ts';
import { canonicalCrateName, checkCrateName } from '../../../../jobs/sources/crates/crate-names.ts';

describe('crates.packages in oss-pulse.yaml', () => {
  it('accepts the names crates.io accepts', () => {
    const names = ['candle-core', 'llama-cpp-2', 'serde_json', 'Inflector', 'a', `a${'b'.repeat(63)}`];
    expect(parse({ crates: { packages: names } }).crates.packages).toEqual(names);
  });

  it.each([
    ['1password', 'is not a crate name'],
    ['-dash', 'is not a crate name'],
    ['_under', 'is not a crate name'],
    ['has space', 'is not a crate name'],
    ['dotted.name', 'is not a crate name'],
    ['ünicode', 'is not a crate name'],
    ['', 'is not a crate name'],
    [`a${'b'.repeat(64)}`, "is longer than crates.io's 64 characters"],
  ])('rejects %j with the key path', (name, problem) => {
    const message = errorOf({ crates: { packages: ['candle-core', name] } });
    expect(message).toContain('oss-pulse.yaml: crates.packages[1]: ');
    expect(message).toContain(problem);
  });

  it('rejects two spellings crates.io reads as one crate', () => {
    expect(errorOf({ crates: { packages: ['candle-core', 'Candle_Core'] } })).toContain('crates.packages[1]: duplicate of crates.packages[0]');
  });

  it('rejects unknown keys under crates', () => {
    expect(errorOf({ crates: { crates: ['x'] } })).toContain('crates.crates: unknown key; expected one of: packages');
  });

  it('resolves a series reference to the configured spelling, with all-time downloads as the default metric', () => {
    const config = parse({
      crates: { packages: ['Candle_Core', 'tokenizers'] },
      comparisons: [{ name: 'Rust ML', series: ['crate:candle-core', 'crate:tokenizers@downloads_90d'] }],
    });
    expect(config.comparisons[0]?.series).toEqual([
      { kind: 'crate', key: 'Candle_Core', metric: 'downloads_all_time' },
      { kind: 'crate', key: 'tokenizers', metric: 'downloads_90d' },
    ]);
    expect(() => parse({ crates: { packages: ['tokenizers'] }, comparisons: [{ name: 'x', series: ['crate:tokenizers@stars', 'crate:tokenizers'] }] })).toThrow(
      ConfigError,
    );
  });

  it('watches a few LLM crates by default, collected daily after the other sources', () => {
    expect(DEFAULT_CONFIG.crates.packages).toEqual(['candle-core', 'candle-transformers', 'tokenizers', 'llama-cpp-2', 'hf-hub']);
    expect(DEFAULT_CONFIG.schedules.crates).toBe('0 1 * * *');
    expect(defaultConfigYaml()).toContain('crates:\n  # All-time and 90-day downloads of these Rust crates on crates.io.\n  packages:\n    - candle-core');
  });
});

describe('crate names', () => {
  it('reads case and `-`/`_` away, as crates.io finds crates', () => {
    expect(canonicalCrateName('Candle-Core')).toBe(canonicalCrateName('candle_core'));
    expect(canonicalCrateName('candle-core')).not.toBe(canonicalCrateName('candlecore'));
  });

  it('says what is wrong with a name', () => {
    expect(checkCrateName('tokenizers')).toBeUndefined();
    expect(checkCrateName('9lives')).toBe('"9lives" is not a crate name (ASCII letters, digits, - and _, starting with a letter)');
  });
});
