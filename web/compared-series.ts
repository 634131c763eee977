// Series read side by side (compare, chart embeds), each as the API gives it alone.
import type { SeriesRef } from '../config/config-series.ts';
import type { Database } from '../schema/db.ts';
import { type DayPoint, readDayPoints, readWeekPoints, type WeekPoint } from './queries.ts';
import { type Align, type Interval, MAX_SERIES } from './request-params.ts';
import { resolveSeries } from './resolve-series.ts';

export type Point = DayPoint | WeekPoint;

export function readPoints(db: Database, subject: { id: number; kind: string; key: string }, metric: string, interval: Interval, range: { from?: string; to?: string }): Promise<Point[]> {
  return interval === 'day' ? readDayPoints(db, subject.id, metric, range) : readWeekPoints(db, subject, metric, range);
}

export interface ComparedSeries {
  ref: string;
  kind: string;
  key: string;
  label: string;
  metric: string;
  /** With `align=first`, each point also has `day`: days since the series' first point in the range. */
  points: (Point & { day?: number })[];
}

/** The series of a comparison, each read as it is stored (in request order). */
export async function readComparedSeries(db: Database, refs: SeriesRef[], interval: Interval, range: { from?: string; to?: string }, align: Align): Promise<ComparedSeries[]> {
  const out: ComparedSeries[] = [];
  for (const ref of refs.slice(0, MAX_SERIES)) {
    const { subject } = await resolveSeries(db, ref);
    const points = await readPoints(db, subject, ref.metric, interval, range);
    const first = points[0] ? Date.parse(`${points[0].t}T00:00:00Z`) : 0;
    out.push({
      ref: `${ref.kind}:${subject.key}@${ref.metric}`,
      kind: ref.kind,
      key: subject.key,
      label: subject.label,
      metric: ref.metric,
      points: align === 'first' ? points.map((point) => ({ ...point, day: Math.round((Date.parse(`${point.t}T00:00:00Z`) - first) / 86_400_000) })) : points,
    });
  }
  return out;
}
