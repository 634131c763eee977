// The deliveries a process is to make: those of the events it just recorded, and those
// an earlier process recorded and never got to.
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';
import type { NewEvent } from './record-events.ts';

/** One event to one channel, as `deliveries` has it. */
export interface PendingDelivery {
  eventId: string;
  rule: string;
  channel: string;
}

/**
 * How long a delivery may stay `pending` untouched before another process takes it
 * over: longer than a sender's retries in-process, so two processes never send one
 * delivery at once; a queued one is re-queued under its own job id, which adds nothing
 * while its job lives.
 */
export const STRANDED_AFTER_MS = 10 * 60_000;

export function deliveriesOf(events: readonly NewEvent[]): PendingDelivery[] {
  return events.flatMap(({ event, channels }) => channels.map((channel) => ({ eventId: event.id, rule: event.rule, channel })));
}

/**
 * The deliveries left `pending` by a process that stopped between recording an event
 * and sending it (killed, or Redis gone before the job was queued), claimed for this
 * one: their `updated_at` moves to now, so a second process looking at the same time
 * finds none of them.
 */
export async function claimStrandedDeliveries(db: Database, now: Date): Promise<PendingDelivery[]> {
  const before = new Date(now.getTime() - STRANDED_AFTER_MS).toISOString();
  const rows = await queryRows<{ event_id: string; channel: string; rule: string }>(
    db,
    sql`UPDATE deliveries d SET updated_at = ${now.toISOString()}
        FROM alert_events e
        WHERE e.id = d.event_id AND d.status = 'pending' AND d.updated_at < ${before}
        RETURNING d.event_id, d.channel, e.rule`,
  );
  return rows
    .map((row) => ({ eventId: row.event_id, rule: row.rule, channel: row.channel }))
    .sort((a, b) => a.eventId.localeCompare(b.eventId) || a.channel.localeCompare(b.channel));
}
