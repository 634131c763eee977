// Text width at 11 px Verdana, the badge font, without measuring: an SVG string has no layout.

/**
 * Advance widths in px at 11 px (Verdana's advances over its 2048-unit em, × 11, to 0.1 px),
 * grouped by width. Verdana is wider than DejaVu Sans, its usual stand-in on Linux, so the
 * estimate errs toward room to spare; the badge also sets `textLength` to it.
 */
const GROUPS: readonly [number, string][] = [
  [3.0, "'il"],
  [3.8, 'j'],
  [3.9, ' f'],
  [4.0, ',.·'],
  [4.3, '!t'],
  [4.6, 'I'],
  [4.7, ':;r'],
  [4.9, 'J'],
  [5.0, '"-'],
  [5.5, '()[]|'],
  [5.7, 'cs'],
  [5.8, 'z'],
  [6.0, '?'],
  [6.3, 'FL'],
  [6.4, 'kvxy'],
  [6.6, 'PTYae'],
  [6.7, 'o'],
  [6.8, 'bdgpq'],
  [7.0, '$*/E\\_`hnu{}–0123456789'],
  [7.5, 'ABSVXZ'],
  [7.6, 'K'],
  [7.7, 'CR'],
  [8.0, '&'],
  [8.1, 'U'],
  [8.2, 'N'],
  [8.3, 'H'],
  [8.5, 'DG'],
  [8.7, 'OQ'],
  [8.8, '…'],
  [9.0, '#+<=>^w~×'],
  [9.3, 'M'],
  [10.7, 'm'],
  [10.9, 'W'],
  [11.0, '@—→'],
  [11.8, '%'],
];

const WIDTHS = new Map(GROUPS.flatMap(([width, chars]) => Array.from(chars, (char) => [char, width] as const)));

/** Any other Latin-ish character: about a capital's width, so unknown text is not squeezed. */
const FALLBACK = 7.5;
/** CJK, Hangul, kana and emoji take a full em. */
const FULL_WIDTH = 11;

function charWidth(char: string): number {
  const known = WIDTHS.get(char);
  if (known !== undefined) return known;
  // An accented letter is about as wide as its base letter: "é" as "e".
  const base = WIDTHS.get(char.normalize('NFD').charAt(0));
  if (base !== undefined) return base;
  return (char.codePointAt(0) ?? 0) >= 0x1100 ? FULL_WIDTH : FALLBACK;
}

/** Estimated width in px of `text` at 11 px Verdana. */
export function badgeTextWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return Math.round(width * 10) / 10;
}
