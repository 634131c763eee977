import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { DeliveryRetryOptions } from './channels/deliver-with-retries.ts';
import type { DeliveryDeps } from './deliver-event.ts';
import { deliverInProcess } from './deliver-in-process.ts';
import { recordDigest } from './digest.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';
import { claimStrandedDeliveries, deliveriesOf, type PendingDelivery } from './pending-deliveries.ts';
import type { NewEvent } from './record-events.ts';

export type InProcessAlertDeps = DeliveryDeps & { logger: Logger; config: Config; retry?: DeliveryRetryOptions };

/**
 * After rounds that stored figures of `kinds`, in-process: judge the rules, record what
 * fired, and deliver it, with what an earlier process left undelivered. Alerts never
 * fail a round: a problem here is logged, and the figures stay stored.
 */
export async function alertAfterRounds(deps: InProcessAlertDeps, kinds: readonly string[]): Promise<void> {
  if (deps.config.alerts.length === 0 || kinds.length === 0) return;
  try {
    const events = await evaluateAlerts(deps.db, deps.config, deps.now(), kinds);
    logEvents(deps.logger, events);
    await deliverInProcess(deps, await withStranded(deps, deliveriesOf(events)), deps.retry);
  } catch (error) {
    deps.logger.error({ kinds }, `alerts could not be evaluated: ${(error as Error).message}`);
  }
}

/** After the report of `week` is written, in-process: the digest, recorded once and sent to the `digest:` channels. */
export async function sendDigest(deps: InProcessAlertDeps, week: string): Promise<void> {
  try {
    const digests = await recordDigest(deps.db, deps.config, week, deps.now());
    await deliverInProcess(deps, deliveriesOf(digests), deps.retry);
  } catch (error) {
    deps.logger.error({ week }, `the digest could not be sent: ${(error as Error).message}`);
  }
}

export function logEvents(logger: Logger, events: readonly NewEvent[]): void {
  for (const { event, channels } of events) logger.info({ event: event.id, rule: event.rule, channels }, `alert: ${event.message}`);
}

/** `deliveries`, then those an earlier process recorded and never sent (said in the log). */
export async function withStranded(deps: { db: DeliveryDeps['db']; now: () => Date; logger: Logger }, deliveries: PendingDelivery[]): Promise<PendingDelivery[]> {
  const stranded = await claimStrandedDeliveries(deps.db, deps.now());
  if (stranded.length > 0) deps.logger.warn({ deliveries: stranded.length }, 'taking over deliveries an earlier run recorded and never sent');
  return [...deliveries, ...stranded];
}
