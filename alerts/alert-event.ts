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

/** An event as it is stored and sent (the webhook's JSON fields, plus the label for messages). */
export interface AlertEvent {
  id: string;
  rule: string;
  kind: string | null;
  key: string | null;
  label: string | null;
  metric: string | null;
  value: number | null;
  previous_value: number | null;
  delta: number | null;
  /** The ISO week the occurrence belongs to. */
  week: string | null;
  /** When the figure that made it was taken. */
  observed_at: string | null;
  /** One plain sentence saying what happened, with the figures. */
  message: string;
}

/**
 * The deterministic id of an occurrence: a digest of the rule's name and what the
 * occurrence is about (series, level and crossing time; series and week; ...). NUL
 * separates the parts, which no name holds.
 */
export function eventId(rule: string, ...about: string[]): string {
  return `evt_${createHash('sha256').update([rule, ...about].join('\u0000')).digest('hex').slice(0, 32)}`;
}
