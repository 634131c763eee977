/**
 * Terminology
 * - rule: one entry of the config's `alerts:`: a target (a series, every series of a
 *   kind and metric, or a comparison) and a condition (a level crossed, a spike, a
 *   new leader, a subject gone).
 * - occurrence: one time a rule's condition is met: one crossing, one week's spike,
 *   one change of leader, one disappearance.
 * - event: an occurrence as recorded in `alert_events`, once: its id is made from what
 *   the occurrence is about, so finding it again (a re-run, a retried job, a second
 *   worker) finds the same id and records nothing.
 * - delivery: one event sent to one channel, recorded in `deliveries`.
 */
import { createHash } from 'node:crypto';
import type { AlertMessage } from './channels/alert-message.ts';

/**
 * An event as it is stored in `alert_events` and sent: the message every channel gets
 * (the webhook's JSON fields), without what is added at sending (a headline, a link).
 */
export type AlertEvent = Omit<AlertMessage, 'title' | 'url'>;

/**
 * The deterministic id of an occurrence: a digest of the rule's name and what the
 * occurrence is about (series, level and crossing time; series and week; ...). NUL
 * separates the parts, which no name holds.
 */
export function eventId(rule: string, ...about: string[]): string {
  return `evt_${createHash('sha256').update([rule, ...about].join('\u0000')).digest('hex').slice(0, 32)}`;
}
