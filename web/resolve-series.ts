import type { SeriesRef } from '../config/config-series.ts';
import type { Database } from '../schema/db.ts';
import { notFound } from './http-error.ts';
import { findSubjectRecord, readSeriesSpans, type SeriesSpan, type SubjectRecord } from './queries.ts';

export interface ResolvedSeries {
  subject: SubjectRecord;
  metric: string;
  span: SeriesSpan;
}

/** The stored series a reference names (by its current key or a former one); a 404 when there is none. */
export async function resolveSeries(db: Database, ref: SeriesRef): Promise<ResolvedSeries> {
  const subject = await findSubjectRecord(db, ref.kind, ref.key);
  if (!subject) throw notFound(`no ${ref.kind} "${ref.key}" has been collected`);
  const span = (await readSeriesSpans(db, subject.id)).find((candidate) => candidate.metric === ref.metric);
  if (!span) throw notFound(`${ref.kind} "${subject.key}" has no ${ref.metric} figures`);
  return { subject, metric: ref.metric, span };
}
