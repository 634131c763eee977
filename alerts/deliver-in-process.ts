import type { Logger } from 'pino';
import { type DeliveryRetryOptions, deliverWithRetries } from './channels/deliver-with-retries.ts';
import { DeliveryError } from './channels/delivery-error.ts';
import { attemptDelivery, type DeliveryDeps, markDeliveryFailed } from './deliver-event.ts';
import type { PendingDelivery } from './pending-deliveries.ts';

export interface DeliverySummary {
  delivered: number;
  failed: number;
  dropped: number;
}

/**
 * Delivers without a queue (`collect`, `serve --collect`): each delivery in turn,
 * retried with backoff (and the receiver's `Retry-After`) a few times; what still
 * fails stays recorded as `failed`.
 */
export async function deliverInProcess(
  deps: DeliveryDeps & { logger: Logger },
  deliveries: readonly PendingDelivery[],
  retry: DeliveryRetryOptions = {},
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { delivered: 0, failed: 0, dropped: 0 };
  for (const { eventId, rule, channel } of deliveries) {
    const about = { event: eventId, rule, channel };
    try {
      if ((await deliverWithRetries(() => attemptDelivery(deps, eventId, channel), retry)) === 'delivered') {
        summary.delivered++;
        deps.logger.info(about, 'alert delivered');
      }
    } catch (error) {
      const dropped = error instanceof DeliveryError && error.kind === 'drop';
      if (dropped) summary.dropped++;
      else {
        summary.failed++;
        await markDeliveryFailed(deps.db, eventId, channel, deps.now());
      }
      const words = error instanceof DeliveryError ? error.message : 'an unexpected error while sending';
      deps.logger.warn(about, `alert not delivered (${dropped ? 'dropped' : 'failed'}): ${words}`);
    }
  }
  return summary;
}
