import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../schema/db.ts';
import type { AlertEvent } from './alert-event.ts';

/** An event just recorded, and the channels it is to be delivered to. */
export interface NewEvent {
  event: AlertEvent;
  channels: string[];
}

/**
 * Inserts the events not recorded yet, and a pending delivery for each of their
 * channels, in one transaction. An id already present (the same occurrence found by a
 * re-run, a retried job or another worker) inserts nothing and is not returned, so it
 * is not sent again.
 */
export async function recordEvents(db: Database, found: NewEvent[], now: Date): Promise<NewEvent[]> {
  if (found.length === 0) return [];
  return db.transaction(async (tx) => {
    const created: NewEvent[] = [];
    for (const entry of found) {
      const { event } = entry;
      const inserted = await queryRows<{ id: string }>(
        tx as unknown as Database,
        sql`INSERT INTO alert_events (id, rule, kind, key, label, metric, value, previous_value, delta, week, observed_at, message, created_at)
            VALUES (${event.id}, ${event.rule}, ${event.kind}, ${event.key}, ${event.label}, ${event.metric}, ${event.value}, ${event.previous_value},
                    ${event.delta}, ${event.week}, ${event.observed_at}, ${event.message}, ${now.toISOString()})
            ON CONFLICT (id) DO NOTHING RETURNING id`,
      );
      if (inserted.length === 0) continue;
      for (const channel of entry.channels) {
        await tx.execute(
          sql`INSERT INTO deliveries (event_id, channel, status, attempts, updated_at) VALUES (${event.id}, ${channel}, 'pending', 0, ${now.toISOString()})
              ON CONFLICT DO NOTHING`,
        );
      }
      created.push(entry);
    }
    return created;
  });
}
