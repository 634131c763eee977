// The marks of one series on a time chart: its line (solid where observed, dashed where
// backfilled) and its end marker, whose shape tells apart series that share a colour.
import { px } from '../html-parts.ts';

/** A point already in pixels. */
export interface PlacedPoint {
  x: number;
  y: number;
  backfill: boolean;
}

/** Segments touching an estimate are drawn as estimates: the line into the first observation is still a guess. */
const BACKFILL_STYLE = ' stroke-dasharray="5 4" stroke-opacity="0.6"';

/**
 * One path per run of observed or backfilled segments, so each run can carry its own
 * dash. A series of one point draws no line; its end marker is the dot.
 */
export function seriesLine(points: PlacedPoint[], color: string): string {
  const runs: { backfill: boolean; points: PlacedPoint[] }[] = [];
  points.forEach((point, i) => {
    const previous = points[i - 1];
    if (!previous) return;
    const backfill = previous.backfill || point.backfill;
    const run = runs.at(-1);
    if (run && run.backfill === backfill) run.points.push(point);
    else runs.push({ backfill, points: [previous, point] });
  });
  return runs
    .map(({ backfill, points: run }) => {
      const d = run.map((p, i) => `${i ? 'L' : 'M'}${px(p.x)},${px(p.y)}`).join('');
      return `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${backfill ? BACKFILL_STYLE : ''}/>`;
    })
    .join('');
}

/**
 * Circle, square, diamond: the palette has seven colours, so the eighth series repeats
 * the first colour and is told apart by its marker (dashes already mean "backfilled").
 * `outline` is the background colour, lifting the marker off lines that cross it.
 */
export function endMarker(round: number, x: number, y: number, color: string, outline: string): string {
  const paint = `fill="${color}" stroke="${outline}" stroke-width="1.5"`;
  switch (round % 3) {
    case 1:
      return `<rect x="${px(x - 3.5)}" y="${px(y - 3.5)}" width="7" height="7" ${paint}/>`;
    case 2:
      return `<path d="M${px(x)},${px(y - 5)}L${px(x + 5)},${px(y)}L${px(x)},${px(y + 5)}L${px(x - 5)},${px(y)}Z" ${paint}/>`;
    default:
      return `<circle cx="${px(x)}" cy="${px(y)}" r="4" ${paint}/>`;
  }
}
