// Labels at the right end of a chart's lines: text fitting and vertical placement.

/** Longer names are cut, so one long name cannot squeeze the plot to a sliver. */
export const END_LABEL_MAX_CHARS = 28;
/** One 12 px line: labels closer than this touch. */
export const END_LABEL_LINE = 15;

/** `text` cut to `max` characters, the last being "…"; counted in code points, so no emoji is split. */
export function truncateLabel(text: string, max = END_LABEL_MAX_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Widths of 12 px text by kind of character, as Chromium lays out DejaVu Sans (what
 * system-ui is on Debian, and the widest usual fallback: macOS's and Windows' fonts run
 * narrower, so there a label only gains room).
 */
const CHAR_WIDTHS: [RegExp, number][] = [
  [/[mwMW]/, 10.9],
  [/[A-Z]/, 8.1],
  [/[0-9]/, 7.7],
  [/[ijlft.,:;'|! ]/, 3.9],
  [/[-_/()]/, 4.8],
  [/[+=<>~]/, 10],
  [/[a-z]/, 6.8],
  // Other Latin punctuation and letters with accents, about a lower-case letter's width.
  [/[\u0020-\u024f]/, 6.8],
];
/** Anything wider (CJK, emoji): a full em. */
const FULL_WIDTH = 12;

/** The width `text` takes at 12 px, estimated per character; counted in code points. */
export function estimateWidth(text: string): number {
  return Array.from(text).reduce((sum, char) => sum + (CHAR_WIDTHS.find(([pattern]) => pattern.test(char))?.[1] ?? FULL_WIDTH), 0);
}

/**
 * Vertical positions for labels that want to sit at `desired` (centres, in pixels), at
 * least `gap` apart and inside [top, bottom] when they fit there; returned in input order.
 *
 * Greedy from the top: each label joins the block above it when they would overlap, and a
 * block sits where its members want to be on average (the least-squares place for a
 * stack), clamped to the bounds. A block that moves up can reach the one above, so merging
 * repeats until no two blocks touch. With distinct lines ending far apart nothing moves.
 */
export function spreadLabels(desired: number[], gap: number, top: number, bottom: number): number[] {
  const order = desired.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  interface Block {
    members: number[];
    /** Sum over members of (desired - rank × gap): its mean is the block's unclamped top. */
    sum: number;
    start: number;
  }
  const place = (block: Block) => {
    const n = block.members.length;
    // Top wins when the stack is taller than the room: labels then run past the bottom, not off the top.
    block.start = Math.max(top, Math.min(block.sum / n, bottom - (n - 1) * gap));
  };
  const blocks: Block[] = [];
  for (const { y, i } of order) {
    const block: Block = { members: [i], sum: y, start: y };
    place(block);
    blocks.push(block);
    for (let above = blocks.at(-2), below = blocks.at(-1); above && below; above = blocks.at(-2), below = blocks.at(-1)) {
      if (above.start + above.members.length * gap <= below.start) break;
      above.sum += below.sum - above.members.length * gap * below.members.length;
      above.members.push(...below.members);
      place(above);
      blocks.pop();
    }
  }
  const placed = new Array<number>(desired.length).fill(0);
  for (const block of blocks) block.members.forEach((i, rank) => (placed[i] = block.start + rank * gap));
  return placed;
}
