import type { Queue } from 'bullmq';
import { recordDigest } from '../alerts/digest.ts';
import { evaluateAlerts } from '../alerts/evaluate-alerts.ts';
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
 * After a round stored figures of `kind`: judges the rules watching it, records what
 * fired and queues one delivery per event and channel. Alerts never fail a round: a
 * problem here is logged, and the figures stay stored. An event recorded but not queued
 * (Redis gone between the two) stays `pending` in `deliveries`.
 */
export async function alertAfterRound(deps: AlertAfterRoundDeps, kind: string): Promise<void> {
  const { runtime, config } = deps;
  if (config.alerts.length === 0) return;
  try {
    const events = await evaluateAlerts(runtime.db, config, runtime.now(), [kind]);
    for (const entry of events) {
      deps.onEvent?.(entry);
      runtime.logger.info({ event: entry.event.id, rule: entry.event.rule, channels: entry.channels }, `alert: ${entry.event.message}`);
    }
    await queueDeliveries(deps.notify, events);
  } catch (error) {
    runtime.logger.error({ kind }, `alerts could not be evaluated: ${(error as Error).message}`);
  }
}

/** After the report of `week` is written: the digest, recorded once, queued to the `digest:` channels. Never throws. */
export async function digestAfterReport(deps: AlertAfterRoundDeps, week: string): Promise<void> {
  try {
    await queueDeliveries(deps.notify, await recordDigest(deps.runtime.db, deps.config, week, deps.runtime.now()));
  } catch (error) {
    deps.runtime.logger.error({ week }, `the digest could not be queued: ${(error as Error).message}`);
  }
}

/** One `deliver` job per event and channel; its id is deterministic, so queuing again adds nothing. */
export async function queueDeliveries(notify: Queue, events: readonly NewEvent[]): Promise<void> {
  const jobs = events.flatMap(({ event, channels }) =>
    channels.map((channel) => ({
      name: JOB_NAMES.deliver,
      data: { eventId: event.id, channel } satisfies DeliverJobData,
      opts: { jobId: deliverJobId(event.id, channel) },
    })),
  );
  if (jobs.length > 0) await notify.addBulk(jobs);
}
