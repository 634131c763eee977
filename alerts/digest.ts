// The weekly digest: the report of a week, sent to the `digest:` channels once, as an
// event of its own (so `deliveries` records it like any alert).
import type { Config } from '../config/config.ts';
import { parseIsoWeek } from '../jobs/iso-week.ts';
import { renderHtml } from '../reports/render-html.ts';
import { renderMarkdown } from '../reports/render-markdown.ts';
import { loadReport } from '../reports/write-report.ts';
import type { Database } from '../schema/db.ts';
import { type AlertEvent, eventId } from './alert-event.ts';
import type { DigestMessage } from './channels/alert-message.ts';
import { type NewEvent, recordEvents } from './record-events.ts';

/** The digest's rule name in `alert_events`; its events are about no series (`kind` is NULL), which no rule's are. */
export const DIGEST_RULE = 'weekly digest';

export function isDigestEvent(event: Pick<AlertEvent, 'rule' | 'kind'>): boolean {
  return event.rule === DIGEST_RULE && event.kind === null;
}

/** Records the digest of `week` once, with a pending delivery per digest channel; [] when there is no digest or it was recorded. */
export async function recordDigest(db: Database, config: Config, week: string, now: Date): Promise<NewEvent[]> {
  const channels = config.digest?.channels ?? [];
  if (channels.length === 0) return [];
  const event: AlertEvent = {
    id: eventId(DIGEST_RULE, week),
    rule: DIGEST_RULE,
    kind: null,
    key: null,
    label: null,
    metric: null,
    value: null,
    previous_value: null,
    delta: null,
    week,
    observed_at: null,
    message: `Weekly report ${week}`,
  };
  return recordEvents(db, [{ event, channels }], now);
}

/**
 * The digest as sent: the week's report rendered again from the database (a report is
 * a pure function of the data and the week), in Markdown and HTML.
 */
export async function digestMessage(db: Database, config: Config, week: string, now: Date, publicUrl: string | undefined): Promise<DigestMessage> {
  const isoWeek = parseIsoWeek(week);
  if (!isoWeek) throw new Error(`the digest's week "${week}" is not an ISO week`);
  const report = await loadReport(db, config, isoWeek, now);
  const url = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/reports/oss-pulse-${week}.html` : undefined;
  return { week, subject: `Weekly report ${week}`, markdown: renderMarkdown(report), html: renderHtml(report), ...(url ? { url } : {}) };
}
