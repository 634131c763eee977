import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { DeliveryError } from '../alerts/channels/delivery-error.ts';
import { attemptDelivery, type AttemptOutcome, type DeliveryDeps, markDeliveryFailed } from '../alerts/deliver-event.ts';
import type { Logger } from '../runtime/logger.ts';
import type { DeliveryStatus } from './metrics.ts';
import type { DeliverJobData } from './queues.ts';

export interface NotifyProcessorDeps {
  delivery: DeliveryDeps;
  logger: Logger;
  onDelivery?: (channel: string, status: DeliveryStatus) => void;
}

/**
 * Runs of one delivery job that may be postponed by a receiver's `Retry-After` without
 * spending an attempt, per attempt allowed: a receiver answering 429 for ever still ends
 * in `failed` instead of a job that never finishes.
 */
const POSTPONES_PER_ATTEMPT = 2;

/**
 * Sends one event to one channel. `deliveries` keeps the truth: a job run again (a
 * stalled or killed worker) finds the delivery recorded and sends nothing. A refusal
 * for good fails the job at once (recorded `dropped`); a transient fault waits for the
 * receiver's `Retry-After` when it gave one, else BullMQ's exponential backoff; after
 * the last attempt the delivery is recorded `failed`.
 */
export async function processDelivery(job: Job<DeliverJobData>, token: string, deps: NotifyProcessorDeps): Promise<AttemptOutcome> {
  const { eventId, channel } = job.data;
  const log = deps.logger.child({ jobId: job.id, event: eventId, channel });
  try {
    const outcome = await attemptDelivery(deps.delivery, eventId, channel);
    if (outcome === 'delivered') {
      deps.onDelivery?.(channel, 'delivered');
      log.info('alert delivered');
    }
    return outcome;
  } catch (error) {
    // DeliveryErrors name the channel, never its address; anything else is said by its name only.
    const words = error instanceof DeliveryError ? error.message : `${(error as Error).name ?? 'Error'} while sending`;
    if (error instanceof DeliveryError && error.kind === 'drop') {
      deps.onDelivery?.(channel, 'dropped');
      log.warn(`alert not delivered (dropped): ${words}`);
      throw new UnrecoverableError(words);
    }
    const attempts = job.opts.attempts ?? 1;
    const retryAfterMs = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined && job.attemptsStarted <= attempts * POSTPONES_PER_ATTEMPT) {
      deps.onDelivery?.(channel, 'retry');
      log.info({ retryAfterMs }, `alert delivery postponed as the receiver asked: ${words}`);
      await job.moveToDelayed(Date.now() + retryAfterMs, token);
      throw new DelayedError();
    }
    if (job.attemptsMade + 1 >= attempts) {
      await markDeliveryFailed(deps.delivery.db, eventId, channel, deps.delivery.now());
      deps.onDelivery?.(channel, 'failed');
      log.warn(`alert not delivered (failed after ${attempts} attempts): ${words}`);
    } else {
      deps.onDelivery?.(channel, 'retry');
    }
    throw new Error(words);
  }
}
