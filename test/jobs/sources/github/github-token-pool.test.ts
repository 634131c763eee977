import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../../jobs/clients/source-error.ts';
import { TokenPool } from '../../../../jobs/sources/github/github-token-pool.ts';

/**
 * A pool of named tokens whose calls answer with the token's name, or throw what
 * `refuse` says for it; `calls` lists the tokens called, in order.
 */
function pool(names: string[], refuse: (name: string, call: number) => SourceError | undefined = () => undefined) {
  const clock = { now: 1_000 };
  const calls: string[] = [];
  const skipped: string[] = [];
  const tokens = new TokenPool(names, () => clock.now, (message) => skipped.push(message));
  const run = () =>
    tokens.run(async (name) => {
      calls.push(name);
      const error = refuse(name, calls.filter((called) => called === name).length);
      if (error) throw error;
      return name;
    });
  const runs = async (n: number) => {
    const served: string[] = [];
    for (let i = 0; i < n; i++) served.push(await run());
    return served;
  };
  return { tokens, clock, calls, skipped, run, runs };
}

const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('TokenPool', () => {
  it('uses the tokens in turn', async () => {
    const { runs, calls } = pool(['A', 'B', 'C']);
    expect(await runs(5)).toEqual(['A', 'B', 'C', 'A', 'B']);
    expect(calls).toEqual(['A', 'B', 'C', 'A', 'B']);
  });

  it('drops a token GitHub refuses (401) and serves that request with another', async () => {
    const { tokens, runs, calls, skipped } = pool(['A', 'B', 'C'], (name) => (name === 'B' ? new SourceError('auth', 'Bad credentials', { status: 401 }) : undefined));
    const served = await runs(6);
    expect(served[1]).not.toBe('B');
    expect(served).not.toContain('B');
    expect(calls.filter((name) => name === 'B')).toHaveLength(1);
    expect(new Set(served.slice(2))).toEqual(new Set(['A', 'C']));
    expect(skipped).toEqual(['GitHub token #2 was refused (Bad credentials); continuing without it']);
    expect(tokens.hasSpare()).toBe(true);
  });

  it('rests a rate-limited token until its reset while the others carry on', async () => {
    const { tokens, clock, runs, calls, skipped } = pool(['A', 'B'], (name, call) =>
      name === 'A' && call === 1 ? new SourceError('rate_limit', 'spent', { retryAfterMs: 5_000 }) : undefined,
    );
    expect(await runs(1)).toEqual(['B']);
    expect(skipped).toEqual(['GitHub token #1 is rate limited; switching tokens']);
    expect(tokens.hasSpare()).toBe(false);
    clock.now = 5_999;
    expect(await runs(3)).toEqual(['B', 'B', 'B']);
    clock.now = 6_000;
    expect(tokens.hasSpare()).toBe(true);
    expect(new Set(await runs(2))).toEqual(new Set(['A', 'B']));
    expect(calls.filter((name) => name === 'A')).toHaveLength(2);
  });

  it('rests a token a minute when its rate limit names no reset', async () => {
    const { clock, runs } = pool(['A', 'B'], (name, call) => (name === 'A' && call === 1 ? new SourceError('rate_limit', 'spent') : undefined));
    expect(await runs(1)).toEqual(['B']);
    clock.now = 1_000 + 59_999;
    expect(await runs(2)).toEqual(['B', 'B']);
    clock.now = 1_000 + 60_000;
    expect(new Set(await runs(2))).toEqual(new Set(['A', 'B']));
  });

  it('gives a lone token its rate limit back at once, without resting it', async () => {
    const limit = new SourceError('rate_limit', 'spent', { retryAfterMs: 5_000 });
    const { run, calls } = pool(['A'], (_name, call) => (call === 1 ? limit : undefined));
    expect(await caught(run())).toBe(limit);
    expect(await run()).toBe('A');
    expect(calls).toEqual(['A', 'A']);
  });

  it('fails with auth, calling nothing, once every token was refused', async () => {
    const { run, calls } = pool(['A', 'B'], (name) => new SourceError('auth', `Bad credentials ${name}`, { status: 401 }));
    const first = await caught(run());
    expect(first).toMatchObject({ kind: 'auth', message: 'Bad credentials B' });
    expect(calls).toEqual(['A', 'B']);
    const later = await caught(run());
    expect(later).toBeInstanceOf(SourceError);
    expect(later).toMatchObject({ kind: 'auth', message: 'every GitHub token was refused' });
    expect(calls).toEqual(['A', 'B']);
  });

  it('fails with the soonest reset, calling nothing, while every token is rate limited', async () => {
    const { clock, run, calls } = pool(['A', 'B'], (name, call) =>
      call === 1 ? new SourceError('rate_limit', `spent ${name}`, { retryAfterMs: name === 'A' ? 5_000 : 3_000 }) : undefined,
    );
    expect(await caught(run())).toMatchObject({ kind: 'rate_limit', message: 'spent B' });
    clock.now = 2_000;
    expect(await caught(run())).toMatchObject({ kind: 'rate_limit', message: 'every GitHub token is rate limited', retryAfterMs: 2_000 });
    expect(calls).toEqual(['A', 'B']);
    clock.now = 4_000; // B's reset (1_000 + 3_000) has passed, A's has not
    expect(await run()).toBe('B');
  });

  it('throws any other failure at once, without trying another token', async () => {
    const { run, calls } = pool(['A', 'B'], (name) => (name === 'A' ? new SourceError('http', 'GitHub answered 502', { status: 502 }) : undefined));
    expect(await caught(run())).toMatchObject({ kind: 'http', status: 502 });
    expect(calls).toEqual(['A']);
  });
});
