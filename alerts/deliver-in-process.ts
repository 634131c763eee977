import type { Logger } from 'pino';
import { type DeliveryRetryOptions, deliverWithRetries } from './channels/deliver-with-retries.ts';
import { DeliveryError } from './channels/delivery-error.ts';
import { attemptDelivery, type DeliveryDeps, markDeliveryFailed } from './deliver-event.ts';
import type { NewEvent } from './record-events.ts';

export interface DeliverySummary {
  delivered: number;
  failed: number;
  dropped: number;
}

/**
 * Delivers new events without a queue (`collect`, `serve --collect`): each event to
 * each of its channels, one after another, retried with backoff (and the receiver's
 * `Retry-After`) a few times; what still fails stays recorded as `failed`.
 */
export async function deliverInProcess(
  deps: DeliveryDeps & { logger: Logger },
  events: NewEvent[],
  retry: DeliveryRetryOptions = {},
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { delivered: 0, failed: 0, dropped: 0 };
  for (const { event, channels } of events) {
    for (const channel of channels) {
      try {
        if ((await deliverWithRetries(() => attemptDelivery(deps, event.id, channel), retry)) === 'delivered') {
          summary.delivered++;
          deps.logger.info({ event: event.id, rule: event.rule, channel }, 'alert delivered');
        }
      } catch (error) {
        const dropped = error instanceof DeliveryError && error.kind === 'drop';
        if (dropped) summary.dropped++;
        else {
          summary.failed++;
          await markDeliveryFailed(deps.db, event.id, channel, deps.now());
        }
        const words = error instanceof DeliveryError ? error.message : 'an unexpected error while sending';
        deps.logger.warn({ event: event.id, rule: event.rule, channel }, `alert not delivered (${dropped ? 'dropped' : 'failed'}): ${words}`);
      }
    }
  }
  return summary;
}
