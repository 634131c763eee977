import { describe, expect, it } from 'vitest';
import { badgeTextWidth } from '../../../reports/charts/badge-text-width.ts';
import { renderBadge } from '../../../reports/charts/badge.ts';
import { elementsOf, rootNumber, texts } from '../../helpers/svg-reading.ts';

const ELEMENTS = new Set(['svg', 'title', 'path', 'g', 'text']);
const fills = (svg: string) => [...svg.matchAll(/<path d="[^"]+" fill="([^"]+)"\/>/g)].map((m) => m[1]);
/** The two parts' right edges, from their paths. */
const partEdges = (svg: string) => [...svg.matchAll(/<path d="M([\d.]+),0H([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('renderBadge', () => {
  it('is a standalone SVG with the label, the value and the change, and an accessible name', () => {
    const svg = renderBadge({ label: 'stars', value: '7.42k', change: '+1.2k this week' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" viewBox="0 0 \d+ 20" role="img" aria-label="stars: 7.42k \(\+1.2k this week\)">/);
    expect(svg).toContain('<title>stars: 7.42k (+1.2k this week)</title>');
    expect(texts(svg).map((t) => t.text)).toEqual(['stars', 'stars', '7.42k · +1.2k this week', '7.42k · +1.2k this week']);
    expect(svg).not.toMatch(/\sid=|url\(/);
    expect(elementsOf(svg, ELEMENTS)).toContain('text');
    expect(renderBadge({ label: 'stars', value: '950' })).toContain('<title>stars: 950</title>');
  });

  it('draws a shadow a pixel under each text, as shields does', () => {
    const [shadow, text] = texts(renderBadge({ label: 'stars', value: '950' }));
    expect(shadow?.attributes).toContain('fill="#010101" fill-opacity=".3"');
    expect([shadow?.x, shadow?.y]).toEqual([text?.x, (text?.y ?? 0) + 1]);
  });

  it('sizes each part to its text, wide letters taking more room, so nothing is clipped', () => {
    const narrow = renderBadge({ label: 'iiiiii', value: 'llllll' });
    const wide = renderBadge({ label: 'WWWWWW', value: 'mmmmmm' });
    expect(rootNumber(wide, 'width')).toBeGreaterThan(rootNumber(narrow, 'width') + 80);
    for (const svg of [narrow, wide, renderBadge({ label: 'downloads', value: '1.23M', change: '+0 this week' })]) {
      const [[, leftEdge = 0] = [], [rightStart = 0] = []] = partEdges(svg);
      const width = rootNumber(svg, 'width');
      const [, label, , message] = texts(svg);
      const fit = (t: typeof label) => Number(/textLength="([\d.]+)"/.exec(t?.attributes ?? '')?.[1]);
      expect(fit(label)).toBe(badgeTextWidth(label?.text ?? ''));
      // Each text, centred in its part, keeps at least 5 px to either edge.
      expect((label?.x ?? 0) - fit(label) / 2).toBeGreaterThanOrEqual(5);
      expect((label?.x ?? 0) + fit(label) / 2).toBeLessThanOrEqual(leftEdge - 5);
      expect((message?.x ?? 0) - fit(message) / 2).toBeGreaterThanOrEqual(rightStart + 5);
      expect((message?.x ?? 0) + fit(message) / 2).toBeLessThanOrEqual(width - 5);
    }
  });

  it('is green for a rise and blue otherwise, unless given a colour', () => {
    const right = (input: Parameters<typeof renderBadge>[0]) => fills(renderBadge(input))[1];
    expect(right({ label: 'stars', value: '1', change: '+1.2k this week' })).toBe('#2ea44f');
    expect(right({ label: 'stars', value: '1', change: '+0.5 this week' })).toBe('#2ea44f');
    expect(right({ label: 'stars', value: '1', change: '+0 this week' })).toBe('#007ec6');
    expect(right({ label: 'stars', value: '1', change: '-12 this week' })).toBe('#007ec6');
    expect(right({ label: 'stars', value: '1', change: null })).toBe('#007ec6');
    expect(right({ label: 'stars', value: '1' })).toBe('#007ec6');
    expect(right({ label: 'stars', value: '1', color: '#e05d44' })).toBe('#e05d44');
    expect(right({ label: 'stars', value: '1', color: 'orange' })).toBe('orange');
    expect(fills(renderBadge({ label: 'stars', value: '1' }))[0]).toBe('#555');
  });

  it('escapes every string and refuses a colour that is not one', () => {
    const svg = renderBadge({ label: '<script>alert(1)</script>', value: '" onload="x', change: "' onclick='y", color: 'red" onload="x' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toMatch(/onload="|onclick='/);
    expect(() => elementsOf(svg, ELEMENTS)).not.toThrow();
    expect(fills(svg)[1]).toBe('#007ec6');
    expect(texts(svg)[1]?.text).toBe('<script>alert(1)</script>');
    expect(fills(renderBadge({ label: 'a', value: 'b', color: 'url(http://evil/x)' }))[1]).toBe('#007ec6');
  });

  it('gives the same bytes for the same input', () => {
    const input = { label: 'stars', value: '7.42k', change: '+1.2k this week' };
    expect(renderBadge(input)).toBe(renderBadge({ ...input }));
  });
});
