// What the crates.io answer reader makes of answers with a figure left out: the other
// figure stays, the missing one is undefined (its metric fails alone), never 0.
import { describe, expect, it } from 'vitest';
import { readCrate } from '../../../../jobs/sources/crates/crates-answers.ts';

describe('readCrate', () => {
  it('reads both figures, and a null 90-day sum as no download in the window', () => {
    expect(readCrate({ crate: { name: 'candle-core', downloads: 1040, recent_downloads: 40 } })).toEqual({ name: 'candle-core', downloads: 1040, recentDownloads: 40 });
    expect(readCrate({ crate: { name: 'quiet', downloads: 12, recent_downloads: null } })).toEqual({ name: 'quiet', downloads: 12, recentDownloads: 0 });
  });

  it('keeps the crate when one figure is left out or odd: that figure alone is missing', () => {
    expect(readCrate({ crate: { name: 'candle-core', recent_downloads: 40 } })).toEqual({ name: 'candle-core', downloads: undefined, recentDownloads: 40 });
    expect(readCrate({ crate: { name: 'candle-core', downloads: 1040 } })).toEqual({ name: 'candle-core', downloads: 1040, recentDownloads: undefined });
    expect(readCrate({ crate: { name: 'candle-core', downloads: '1040', recent_downloads: -1 } })).toEqual({ name: 'candle-core', downloads: undefined, recentDownloads: undefined });
  });

  it('is no crate without a name', () => {
    expect(readCrate({ crate: { downloads: 1 } })).toBeUndefined();
    expect(readCrate({ errors: [{ detail: 'crate `x` does not exist' }] })).toBeUndefined();
  });
});
