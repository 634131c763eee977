import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { DeliveryRetryOptions } from './channels/deliver-with-retries.ts';
import type { DeliveryDeps } from './deliver-event.ts';
import { deliverInProcess } from './deliver-in-process.ts';
import { recordDigest } from './digest.ts';
import { evaluateAlerts } from './evaluate-alerts.ts';

/**
 * After rounds that stored figures of `kinds`, in-process: judge the rules, record what
 * fired, and deliver it. Alerts never fail a round: a problem here is logged, and the
 * figures stay stored.
 */
export async function alertAfterRounds(
  deps: DeliveryDeps & { logger: Logger; config: Config; retry?: DeliveryRetryOptions },
  kinds: readonly string[],
): Promise<void> {
  if (deps.config.alerts.length === 0 || kinds.length === 0) return;
  try {
    const events = await evaluateAlerts(deps.db, deps.config, deps.now(), kinds);
    for (const { event, channels } of events) deps.logger.info({ event: event.id, rule: event.rule, channels }, `alert: ${event.message}`);
    await deliverInProcess(deps, events, deps.retry);
  } catch (error) {
    deps.logger.error({ kinds }, `alerts could not be evaluated: ${(error as Error).message}`);
  }
}

/** After the report of `week` is written, in-process: the digest, recorded once and sent to the `digest:` channels. */
export async function digestAfterReport(deps: DeliveryDeps & { logger: Logger; config: Config; retry?: DeliveryRetryOptions }, week: string): Promise<void> {
  try {
    const digests = await recordDigest(deps.db, deps.config, week, deps.now());
    await deliverInProcess(deps, digests, deps.retry);
  } catch (error) {
    deps.logger.error({ week }, `the digest could not be sent: ${(error as Error).message}`);
  }
}
