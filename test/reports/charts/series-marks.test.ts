import { describe, expect, it } from 'vitest';
import { endMarker, seriesLine } from '../../../reports/charts/series-marks.ts';

const p = (x: number, y: number, backfill = false) => ({ x, y, backfill });

describe('seriesLine', () => {
  it('draws an observed series as one solid path', () => {
    expect(seriesLine([p(0, 10), p(5, 8), p(10, 6)], '#0072b2')).toBe(
      '<path d="M0,10L5,8L10,6" fill="none" stroke="#0072b2" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>',
    );
  });

  it('splits into dashed and solid runs, the segment into the first observation dashed', () => {
    const svg = seriesLine([p(0, 0, true), p(1, 1, true), p(2, 2), p(3, 3), p(4, 4, true)], '#000');
    const runs = [...svg.matchAll(/d="([^"]+)"[^>]*?( stroke-dasharray="5 4")?( stroke-opacity="0.6")?\/>/g)].map((m) => [m[1], Boolean(m[2])]);
    expect(runs).toEqual([
      ['M0,0L1,1L2,2', true],
      ['M2,2L3,3', false],
      ['M3,3L4,4', true],
    ]);
  });

  it('draws nothing for a single point (its marker is the dot)', () => {
    expect(seriesLine([p(1, 1)], '#000')).toBe('');
    expect(seriesLine([], '#000')).toBe('');
  });
});

describe('endMarker', () => {
  it('is a dot, then a square, then a diamond, round by round', () => {
    expect(endMarker(0, 10, 20, '#c', '#bg')).toBe('<circle cx="10" cy="20" r="4" fill="#c" stroke="#bg" stroke-width="1.5"/>');
    expect(endMarker(1, 10, 20, '#c', '#bg')).toMatch(/^<rect x="6.5" y="16.5" width="7" height="7" /);
    expect(endMarker(2, 10, 20, '#c', '#bg')).toMatch(/^<path d="M10,15L15,20L10,25L5,20Z" /);
    expect(endMarker(3, 10, 20, '#c', '#bg')).toMatch(/^<circle /);
  });
});
