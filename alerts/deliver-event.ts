// One attempt to deliver one event to one channel, and what became of it in `deliveries`.
import { sql } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import { seriesPath } from '../reports/series-path.ts';
import { type Database, queryRows } from '../schema/db.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertMessage } from './channels/alert-message.ts';
import { DeliveryError } from './channels/delivery-error.ts';
import { digestMessage, isDigestEvent } from './digest.ts';
import { type ChannelDeps, sendToChannel } from './send-to-channel.ts';

export interface DeliveryDeps extends ChannelDeps {
  db: Database;
  /** Its channels; all of it for a digest, whose report is rendered again. */
  config: Config;
  now: () => Date;
  /** `OSS_PULSE_PUBLIC_URL`: messages link to the series on the dashboard. */
  publicUrl?: string;
}

/** Where a process finds its channels: their variables, the network, and the dashboard's address. */
export type ChannelAccess = Partial<ChannelDeps> & { publicUrl?: string };

/** What deliveries are made with. Without variables every channel's address is unset, so every delivery is dropped. */
export function deliveryDeps(base: Pick<DeliveryDeps, 'db' | 'config' | 'now'>, access: ChannelAccess = {}): DeliveryDeps {
  return {
    ...base,
    env: access.env ?? {},
    fetch: access.fetch ?? globalThis.fetch,
    timeoutMs: access.timeoutMs,
    createTransport: access.createTransport,
    publicUrl: access.publicUrl,
  };
}

export type AttemptOutcome = 'delivered' | 'already';

/**
 * Sends the event to the channel unless `deliveries` says it went already (or was
 * dropped), and records the attempt: `delivered` on success, `dropped` on an answer
 * that retrying cannot change, else `pending` with the error, and the error is thrown
 * for the caller to retry. A delivery recorded `delivered` is never sent again.
 */
export async function attemptDelivery(deps: DeliveryDeps, eventId: string, channelName: string): Promise<AttemptOutcome> {
  const { db } = deps;
  const [state] = await queryRows<{ status: string }>(db, sql`SELECT status FROM deliveries WHERE event_id = ${eventId} AND channel = ${channelName}`);
  if (!state || state.status === 'delivered' || state.status === 'dropped') return 'already';
  const [event] = await queryRows<AlertEvent & { value: string | number | null }>(
    db,
    sql`SELECT id, rule, kind, key, label, metric, value, previous_value, delta, week, observed_at, message FROM alert_events WHERE id = ${eventId}`,
  );
  const channel = deps.config.channels.find((candidate) => candidate.name === channelName);
  if (!event || !channel) {
    await record(deps, eventId, channelName, 'dropped', event ? `channel "${channelName}" is no longer in the config` : 'the event is gone');
    return 'already';
  }
  try {
    const message = isDigestEvent(event) && event.week ? await digestMessage(deps.db, deps.config, event.week, deps.now(), deps.publicUrl) : messageOf(event, deps.publicUrl);
    await sendToChannel(channel, message, deps);
  } catch (error) {
    const dropped = error instanceof DeliveryError && error.kind === 'drop';
    // DeliveryErrors name the channel, never its address; anything else is a bug, said by its name only.
    const words = error instanceof DeliveryError ? error.message : `${(error as Error).name ?? 'Error'} while sending`;
    await record(deps, eventId, channelName, dropped ? 'dropped' : 'pending', words);
    throw error;
  }
  await record(deps, eventId, channelName, 'delivered', null);
  return 'delivered';
}

/** After the last retry: the delivery stays failed until someone sends it again. */
export async function markDeliveryFailed(db: Database, eventId: string, channel: string, now: Date): Promise<void> {
  await db.execute(
    sql`UPDATE deliveries SET status = 'failed', updated_at = ${now.toISOString()} WHERE event_id = ${eventId} AND channel = ${channel} AND status = 'pending'`,
  );
}

async function record(deps: DeliveryDeps, eventId: string, channel: string, status: 'delivered' | 'dropped' | 'pending', error: string | null): Promise<void> {
  const now = deps.now().toISOString();
  // `status <> 'delivered'`: a success is never overwritten, whoever records after it.
  await deps.db.execute(
    sql`UPDATE deliveries SET status = ${status}, attempts = attempts + 1, last_error = ${error},
               delivered_at = ${status === 'delivered' ? now : null}, updated_at = ${now}
        WHERE event_id = ${eventId} AND channel = ${channel} AND status <> 'delivered'`,
  );
}

function messageOf(row: AlertEvent & { value: string | number | null }, publicUrl: string | undefined): AlertMessage {
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const url = publicUrl && row.kind && row.key ? `${publicUrl.replace(/\/+$/, '')}${seriesPath('/series', row.kind, row.key)}` : undefined;
  return {
    id: row.id,
    rule: row.rule,
    kind: row.kind,
    key: row.key,
    label: row.label,
    metric: row.metric,
    value: number(row.value),
    previous_value: number(row.previous_value),
    delta: number(row.delta),
    week: row.week,
    observed_at: row.observed_at === null ? null : new Date(row.observed_at).toISOString(),
    title: row.rule,
    message: row.message,
    ...(url ? { url } : {}),
  };
}
