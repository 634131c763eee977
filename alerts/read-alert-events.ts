import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';

/** An event with what became of each of its deliveries, as `oss-pulse alerts` shows it. */
export interface EventWithDeliveries {
  id: string;
  rule: string;
  kind: string | null;
  key: string | null;
  metric: string | null;
  value: number | null;
  week: string | null;
  message: string;
  created_at: string;
  deliveries: { channel: string; status: string; attempts: number; last_error: string | null; delivered_at: string | null }[];
}

/** Events recorded at or after `since`, newest first. */
export async function readAlertEvents(db: Database, since: Date): Promise<EventWithDeliveries[]> {
  const rows = await queryRows<Omit<EventWithDeliveries, 'deliveries'> & { deliveries: EventWithDeliveries['deliveries'] | string | null }>(
    db,
    sql`SELECT e.id, e.rule, e.kind, e.key, e.metric, e.value, e.week, e.message, e.created_at,
               coalesce(json_agg(json_build_object('channel', d.channel, 'status', d.status, 'attempts', d.attempts,
                                                   'last_error', d.last_error, 'delivered_at', d.delivered_at) ORDER BY d.channel)
                        FILTER (WHERE d.channel IS NOT NULL), '[]') AS deliveries
        FROM alert_events e LEFT JOIN deliveries d ON d.event_id = e.id
        WHERE e.created_at >= ${since.toISOString()}
        GROUP BY e.id ORDER BY e.created_at DESC, e.id`,
  );
  return rows.map((row) => ({
    ...row,
    value: row.value === null ? null : Number(row.value),
    created_at: new Date(row.created_at).toISOString(),
    // node-postgres parses json; PGlite may hand it over as text.
    deliveries: typeof row.deliveries === 'string' ? JSON.parse(row.deliveries) : (row.deliveries ?? []),
  }));
}
