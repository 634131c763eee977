// A shields.io-style flat badge ("stars | 7.42k · +1.2k this week") as a standalone SVG,
// for READMEs to embed from `oss-pulse serve`. Pure and deterministic.
import { escapeHtml, px } from '../html-parts.ts';
import { badgeTextWidth } from './badge-text-width.ts';

export interface BadgeInput {
  /** The left, grey part ("stars"). */
  label: string;
  /** The right, coloured part ("7.42k"). */
  value: string;
  /** Shown after the value ("+1.2k this week"); null or absent for none. */
  change?: string | null;
  /** The right part's colour: `#rgb`, `#rrggbb` or a colour name. @defaultValue green when `change` is a rise, else blue */
  color?: string;
}

/** shields.io's colours: its label grey, its "success" green and its default blue. */
const LABEL_COLOR = '#555';
const RISING = '#2ea44f';
const STEADY = '#007ec6';
const HEIGHT = 20;
/** Room on each side of a part's text. */
const PADDING = 6;
const RADIUS = 3;
const FONT = 'Verdana,Geneva,DejaVu Sans,sans-serif';

export function renderBadge(input: BadgeInput): string {
  const change = input.change ?? '';
  const message = change ? `${input.value} · ${change}` : input.value;
  const title = change ? `${input.label}: ${input.value} (${change})` : `${input.label}: ${input.value}`;
  const labelText = badgeTextWidth(input.label);
  const messageText = badgeTextWidth(message);
  const left = Math.ceil(labelText) + 2 * PADDING;
  const width = left + Math.ceil(messageText) + 2 * PADDING;
  const color = badgeColor(input.color, change);
  // Rounded corners as paths rather than a clipPath: no ids, so any number of badges can
  // sit inline on one page without one's definitions shadowing another's.
  const r = RADIUS;
  const leftShape = `M${r},0H${left}V${HEIGHT}H${r}A${r},${r} 0 0 1 0,${HEIGHT - r}V${r}A${r},${r} 0 0 1 ${r},0Z`;
  const rightShape = `M${left},0H${width - r}A${r},${r} 0 0 1 ${width},${r}V${HEIGHT - r}A${r},${r} 0 0 1 ${width - r},${HEIGHT}H${left}Z`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<path d="${leftShape}" fill="${LABEL_COLOR}"/>`,
    `<path d="${rightShape}" fill="${escapeHtml(color)}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="${FONT}" font-size="11" text-rendering="geometricPrecision">`,
    text(input.label, left / 2, labelText),
    text(message, left + (width - left) / 2, messageText),
    '</g>',
    '</svg>',
  ].join('\n');
}

/**
 * A shadow a pixel below, then the text, as shields draws it: legible on light colours too.
 * `textLength` holds the text to the estimated width (by its letter spacing), so a font
 * wider or narrower than the estimate still fills its part without running past the edge.
 */
function text(content: string, centre: number, width: number): string {
  const fit = `textLength="${px(width)}"`;
  const escaped = escapeHtml(content);
  return (
    `<text x="${px(centre)}" y="15" fill="#010101" fill-opacity=".3" ${fit} aria-hidden="true">${escaped}</text>` +
    `<text x="${px(centre)}" y="14" ${fit}>${escaped}</text>`
  );
}

/** A rise is "+" and a non-zero figure: "+1.2k" and "+0.5" are, "+0" is not. */
function badgeColor(color: string | undefined, change: string): string {
  // Anything else could break out of the attribute or pull in a url(); it gets the default.
  if (color !== undefined && /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]+)$/i.test(color)) return color;
  const rise = /^\+([\d.,]+)/.exec(change.trim());
  return rise && /[1-9]/.test(rise[1] ?? '') ? RISING : STEADY;
}
