// Reading back the SVG the chart renderers write, for assertions on what a viewer would see.

export interface SvgText {
  x: number;
  y: number;
  /** The text with tspans flattened and entities decoded. */
  text: string;
  attributes: string;
}

/** The inside of the first `<g class="name">`; the renderers nest no group inside these. */
export function group(svg: string, name: string): string | undefined {
  return new RegExp(`<g class="${name}"[^>]*>([\\s\\S]*?)</g>`).exec(svg)?.[1];
}

/** Every group of that class, in order. */
export function groups(svg: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<g class="${name}"[^>]*>([\\s\\S]*?)</g>`, 'g'))].map((m) => m[1] ?? '');
}

export const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '');

export function texts(markup: string): SvgText[] {
  return [...markup.matchAll(/<text([^>]*)>([\s\S]*?)<\/text>/g)].map(([, attributes = '', inner = '']) => ({
    x: Number(/\sx="([-\d.]+)"/.exec(attributes)?.[1]),
    y: Number(/\sy="([-\d.]+)"/.exec(attributes)?.[1]),
    text: decode(inner.replace(/<[^>]+>/g, (tag) => (/dx=/.test(tag) ? ' ' : ''))),
    attributes,
  }));
}

/** A number attribute of the root element. */
export function rootNumber(svg: string, attribute: string): number {
  return Number(new RegExp(`^<svg[^>]*\\s${attribute}="([\\d.]+)"`).exec(svg)?.[1]);
}

/**
 * Every `<` must open or close an element of `allowed`, with double-quoted attributes
 * only: a label that became markup shows up here as an unknown tag or a stray quote.
 */
export function elementsOf(svg: string, allowed: Set<string>): string[] {
  const found: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*\/?>/y;
  for (let i = svg.indexOf('<'); i !== -1; i = svg.indexOf('<', i + 1)) {
    tag.lastIndex = i;
    const match = tag.exec(svg);
    if (!match || !allowed.has(match[2] ?? '')) throw new Error(`unexpected markup at ${i}: ${svg.slice(i, i + 60)}`);
    found.push(match[2] ?? '');
  }
  return found;
}
