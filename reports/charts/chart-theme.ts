// Colours and type of the standalone charts. A chart shown through <img> inherits nothing
// from the page (no CSS, no font, no background), so each SVG carries all of this itself.

export type ThemeName = 'light' | 'dark';

export interface ChartTheme {
  background: string;
  /** Titles, values. */
  text: string;
  /** Axis labels, the unit, the legend's figures. */
  muted: string;
  /** The empty state's sentence. */
  faint: string;
  grid: string;
  axis: string;
  /** One per series, in order; past the end they repeat (with another end marker). */
  lines: readonly string[];
}

/**
 * The system UI font of whoever looks: it matches GitHub's own text around a README image,
 * and needs no webfont, which an SVG inside <img> could not load anyway.
 */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/**
 * Okabe–Ito hues lifted for a dark background: the darker ones (blue, vermillion, green)
 * lose contrast on #0d1117, and black vanishes, so it becomes a light grey. Blue stays
 * clearly darker than sky blue so the two remain apart.
 */
/** Okabe–Ito, told apart with any colour vision; past seven, lines repeat with another mark. */
export const LINE_COLORS: readonly string[] = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];
const DARK_LINE_COLORS: readonly string[] = ['#4aa3e8', '#f0803c', '#2cc194', '#e08fc0', '#f0b43c', '#9ad6f7', '#d0d7de'];

/** The dark theme's greys are GitHub's dark-mode ones, so the chart sits flush in a dark README. */
export const CHART_THEMES: Readonly<Record<ThemeName, ChartTheme>> = {
  light: {
    background: '#ffffff',
    text: '#1f2933',
    muted: '#52606d',
    faint: '#7b8794',
    grid: '#e4e7eb',
    axis: '#9aa5b1',
    lines: LINE_COLORS,
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#9198a1',
    faint: '#7d8590',
    grid: '#262c34',
    axis: '#4d5560',
    lines: DARK_LINE_COLORS,
  },
};

export function lineColor(theme: ChartTheme, index: number): string {
  return theme.lines[index % theme.lines.length] ?? theme.text;
}
