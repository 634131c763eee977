import type { Queue } from 'bullmq';
import { logEvents, withStranded } from '../alerts/alert-after-rounds.ts';
import { recordDigest } from '../alerts/digest.ts';
import { evaluateAlerts } from '../alerts/evaluate-alerts.ts';
import { deliveriesOf, type PendingDelivery } from '../alerts/pending-deliveries.ts';
import type { NewEvent } from '../alerts/record-events.ts';
import type { Config } from '../config/config.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import { type DeliverJobData, deliverJobId, JOB_NAMES } from './queues.ts';

export interface AlertAfterRoundDeps {
  runtime: Runtime;
  config: Config;
  notify: Queue;
  onEvent?: (event: NewEvent) => void;
}

/**
 * After a round stored figures of `kinds`: judges the rules watching it, records what
 * fired and queues one delivery per event and channel, with the deliveries an earlier
 * worker recorded and never queued (Redis gone between the two, or the worker killed).
 * Alerts never fail a round: a problem here is logged, and the figures stay stored.
 */
export async function alertAfterRound(deps: AlertAfterRoundDeps, kinds: readonly string[]): Promise<void> {
  const { runtime, config } = deps;
  if (config.alerts.length === 0) return;
  try {
    const events = await evaluateAlerts(runtime.db, config, runtime.now(), kinds);
    for (const entry of events) deps.onEvent?.(entry);
    logEvents(runtime.logger, events);
    await queueDeliveries(deps.notify, await withStranded(runtime, deliveriesOf(events)));
  } catch (error) {
    runtime.logger.error({ kinds }, `alerts could not be evaluated: ${(error as Error).message}`);
  }
}

/** After the report of `week` is written: the digest, recorded once, queued to the `digest:` channels. Never throws. */
export async function queueDigest(deps: AlertAfterRoundDeps, week: string): Promise<void> {
  try {
    await queueDeliveries(deps.notify, deliveriesOf(await recordDigest(deps.runtime.db, deps.config, week, deps.runtime.now())));
  } catch (error) {
    deps.runtime.logger.error({ week }, `the digest could not be queued: ${(error as Error).message}`);
  }
}

/** One `deliver` job per delivery; its id is deterministic, so queuing again adds nothing. */
export async function queueDeliveries(notify: Queue, deliveries: readonly PendingDelivery[]): Promise<void> {
  const jobs = deliveries.map(({ eventId, channel }) => ({
    name: JOB_NAMES.deliver,
    data: { eventId, channel } satisfies DeliverJobData,
    opts: { jobId: deliverJobId(eventId, channel) },
  }));
  if (jobs.length > 0) await notify.addBulk(jobs);
}
