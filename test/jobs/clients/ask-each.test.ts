import { describe, expect, it } from 'vitest';
import { askEach } from '../../../jobs/clients/ask-each.ts';
import { SourceError } from '../../../jobs/clients/source-error.ts';

describe('askEach', () => {
  it('gives each key its answer or its error, in order', async () => {
    const results = await askEach(['a', 'gone', 'c'], async (key) => {
      if (key === 'gone') throw new SourceError('not_found', 'no such thing');
      return key.toUpperCase();
    });
    expect([...results]).toEqual([
      ['a', { ok: true, value: 'A' }],
      ['gone', { ok: false, error: expect.objectContaining({ kind: 'not_found' }) }],
      ['c', { ok: true, value: 'C' }],
    ]);
  });

  it('sends nothing after a rate limit: the rest fail with it, its wait included', async () => {
    const asked: string[] = [];
    const results = await askEach(['a', 'b', 'c', 'd'], async (key) => {
      asked.push(key);
      if (key === 'b') throw new SourceError('rate_limit', 'slow down', { retryAfterMs: 30_000 });
      return key;
    });
    expect(asked).toEqual(['a', 'b']);
    expect([...results.values()].map((result) => (result.ok ? 'ok' : `${result.error.kind} ${result.error.retryAfterMs}`))).toEqual([
      'ok',
      'rate_limit 30000',
      'rate_limit 30000',
      'rate_limit 30000',
    ]);
  });

  it('turns a thrown non-SourceError into a typed failure of that key alone', async () => {
    const results = await askEach(['a', 'b'], async (key) => {
      if (key === 'a') throw new TypeError('fetch failed');
      return key;
    });
    expect(results.get('a')).toMatchObject({ ok: false, error: { kind: expect.any(String) } });
    expect(results.get('b')).toEqual({ ok: true, value: 'b' });
  });
});
