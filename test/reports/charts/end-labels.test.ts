import { describe, expect, it } from 'vitest';
import { estimateWidth, spreadLabels, truncateLabel } from '../../../reports/charts/end-labels.ts';

describe('truncateLabel', () => {
  it('keeps labels of up to 28 characters and cuts longer ones to 28 with "…"', () => {
    expect(truncateLabel('a'.repeat(28))).toBe('a'.repeat(28));
    expect(truncateLabel('b'.repeat(29))).toBe(`${'b'.repeat(27)}…`);
    expect(truncateLabel('abcdef', 4)).toBe('abc…');
  });

  it('counts code points, so an emoji is never split', () => {
    expect(truncateLabel('🦙🦙🦙🦙', 3)).toBe('🦙🦙…');
  });

  it('estimates widths per kind of character, capitals and digits wider than lower case', () => {
    expect(estimateWidth('🦙a')).toBe(12 + 6.8);
    expect(estimateWidth('THUDM')).toBeCloseTo(8.1 * 4 + 10.9);
    expect(estimateWidth('44,812')).toBeCloseTo(7.7 * 5 + 3.9);
    // Measured in Chromium with DejaVu Sans at 12 px: 169 px for the whole label.
    expect(estimateWidth('THUDM/ChatGLM-6B 44,812')).toBeGreaterThanOrEqual(165);
  });
});

describe('spreadLabels', () => {
  const GAP = 15;

  it('leaves labels alone that are already apart', () => {
    expect(spreadLabels([10, 100, 50], GAP, 0, 200)).toEqual([10, 100, 50]);
  });

  it('centres a clash on where its labels want to be, keeping input order', () => {
    expect(spreadLabels([100, 100], GAP, 0, 200)).toEqual([92.5, 107.5]);
    expect(spreadLabels([104, 100, 102], GAP, 0, 200)).toEqual([117, 87, 102]);
  });

  it('merges a block into the one above when pushing it reaches that one', () => {
    const placed = spreadLabels([50, 60, 70, 71, 72], GAP, 0, 300);
    const sorted = [...placed].sort((a, b) => a - b);
    sorted.slice(1).forEach((y, i) => expect(y - (sorted[i] ?? 0)).toBeCloseTo(GAP, 9));
    // The stack's centre stays at the labels' mean.
    expect(placed.reduce((a, b) => a + b) / placed.length).toBeCloseTo((50 + 60 + 70 + 71 + 72) / 5, 9);
  });

  it('keeps labels inside the bounds when they fit', () => {
    expect(spreadLabels([199, 200, 200], GAP, 0, 200)).toEqual([170, 185, 200]);
    expect(spreadLabels([-5, 0], GAP, 0, 200)).toEqual([0, 15]);
  });

  it('runs past the bottom, never the top, when they cannot fit', () => {
    const placed = spreadLabels([5, 5, 5, 5], GAP, 0, 30);
    expect(placed).toEqual([0, 15, 30, 45]);
  });
});
