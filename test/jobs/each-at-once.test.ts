import { describe, expect, it } from 'vitest';
import { eachAtOnce } from '../../jobs/each-at-once.ts';

/** A task that finishes when the test says so, recording how many run together. */
function gate() {
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const work = async () => {
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>((resolve) => waiting.push(resolve));
    running--;
  };
  const releaseAll = async () => {
    while (waiting.length > 0) {
      waiting.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { work, releaseAll, peak: () => peak };
}

describe('eachAtOnce', () => {
  it('runs every item, never more than the limit at once', async () => {
    const tasks = gate();
    const done = eachAtOnce([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, tasks.work);
    await new Promise((resolve) => setImmediate(resolve));
    while (tasks.peak() < 4) await new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; round < 5; round++) await tasks.releaseAll();
    await done;
    expect(tasks.peak()).toBe(4);
  });

  it('with a limit of 1, runs the items in order, one after another', async () => {
    const order: number[] = [];
    await eachAtOnce([1, 2, 3], 1, async (item) => {
      order.push(item);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(-item);
    });
    expect(order).toEqual([1, -1, 2, -2, 3, -3]);
  });

  it('lets the running items settle, starts no new one, then throws the first failure', async () => {
    const settled: number[] = [];
    const started: number[] = [];
    const run = eachAtOnce([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 1) throw new Error('batch 1 failed');
      await new Promise((resolve) => setTimeout(resolve, 5));
      settled.push(item);
    });
    await expect(run).rejects.toThrow('batch 1 failed');
    expect(started).toEqual([1, 2]);
    expect(settled).toEqual([2]);
  });
});
