import { sql } from 'drizzle-orm';
import type { SeriesRef } from '../config/config-series.ts';
import { type Database, isoTimestamp, queryRows } from '../schema/db.ts';
import { notFound } from './http-error.ts';
import { findSubjectRecord, readSeriesSpans, type SeriesSpan, type SubjectRecord } from './queries.ts';

export interface ResolvedSeries {
  subject: SubjectRecord;
  metric: string;
  span: SeriesSpan;
}

/** The stored series a reference names (by its current key or a former one); a 404 when there is none. */
export async function resolveSeries(db: Database, ref: SeriesRef): Promise<ResolvedSeries> {
  const exact = await readExactSeries(db, ref);
  if (exact) return exact;
  const subject = await findSubjectRecord(db, ref.kind, ref.key);
  if (!subject) throw notFound(`no ${ref.kind} "${ref.key}" has been collected`);
  const span = (await readSeriesSpans(db, subject.id)).find((candidate) => candidate.metric === ref.metric);
  if (!span) throw notFound(`${ref.kind} "${subject.key}" has no ${ref.metric} figures`);
  return { subject, metric: ref.metric, span };
}

/** The common case in one statement (each request's round trips are most of its time): the key as stored, the metric present. */
async function readExactSeries(db: Database, ref: SeriesRef): Promise<ResolvedSeries | undefined> {
  const [row] = await queryRows<{
    id: number | string;
    label: string;
    status: 'active' | 'not_found';
    aliases: string[];
    first_seen_at: string | Date;
    last_seen_at: string | Date | null;
    first_observed_at: string | Date;
    last_observed_at: string | Date;
    last_value: number | string;
  }>(
    db,
    sql`SELECT s.id, s.label, s.status, s.aliases, s.first_seen_at, s.last_seen_at, se.first_observed_at, se.last_observed_at, se.last_value
        FROM subjects s JOIN series se ON se.subject_id = s.id AND se.metric = ${ref.metric}
        WHERE s.kind = ${ref.kind} AND s.key = ${ref.key}`,
  );
  if (!row) return undefined;
  return {
    subject: {
      id: Number(row.id),
      kind: ref.kind,
      key: ref.key,
      label: row.label,
      status: row.status,
      aliases: row.aliases,
      first_seen_at: isoTimestamp(row.first_seen_at),
      last_seen_at: row.last_seen_at === null ? null : isoTimestamp(row.last_seen_at),
    },
    metric: ref.metric,
    span: { metric: ref.metric, first_observed_at: isoTimestamp(row.first_observed_at), last_observed_at: isoTimestamp(row.last_observed_at), last_value: Number(row.last_value) },
  };
}
