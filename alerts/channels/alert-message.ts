// What every channel sender receives. The alert evaluator builds these from an
// `alert_events` row; the senders only format and deliver them.
//
// Terminology:
// - event: one occurrence of a rule firing (a crossing, a spike, a new leader, a
//   missing series), stored once under a deterministic id, so a retried job or a
//   re-run evaluation names the same event and a channel can deliver it at most once.
// - digest: the weekly report sent to a channel; one per ISO week.
// - channel: one configured destination (a Slack webhook, a generic webhook, a list of
//   e-mail recipients), named in the config; errors name the channel, never its URL,
//   because a Slack webhook URL is itself the credential.

/** One alert event, as every sender gets it. Upstream strings (label, key) are raw: each sender escapes them for its target. */
export interface AlertMessage {
  /** The event id (deterministic): `X-OSS-Pulse-Event` of the webhook, the e-mail's Message-ID. */
  id: string;
  /** Name of the rule in the config. */
  rule: string;
  kind: string | null;
  key: string | null;
  /** The subject's display name; from the config or upstream, so never trusted. */
  label: string | null;
  metric: string | null;
  value: number | null;
  previous_value: number | null;
  delta: number | null;
  /** ISO week, `2026-W49`. */
  week: string | null;
  /** When the sample behind `value` was taken (ISO 8601). */
  observed_at: string | null;
  /** One plain sentence: "LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04". */
  message: string;
  /**
   * A short headline for e-mail subjects and Slack headers: "LLaMA passes 7,000 repositories".
   * @defaultValue the `message`
   */
  title?: string;
  /** Absolute link to the series on the dashboard, when `OSS_PULSE_PUBLIC_URL` is set. */
  url?: string;
}

/** The weekly report, rendered by reports/ before it reaches a channel. */
export interface DigestMessage {
  /** ISO week, `2026-W48`. */
  week: string;
  /** Without the `[OSS Pulse]` prefix, which the e-mail adds: "Weekly report 2026-W48". */
  subject: string;
  /** The Markdown report (reports/render-markdown.ts): the e-mail's text part, translated for Slack. */
  markdown: string;
  /** The HTML report (reports/render-html.ts): the e-mail's HTML part. Already escaped by its renderer. */
  html: string;
  /** Absolute link to the report on the dashboard, when `OSS_PULSE_PUBLIC_URL` is set. */
  url?: string;
}

/** A message about no series (a test, a digest sent as an event): the figures' fields left empty. */
export function messageAboutNoSeries(fields: Pick<AlertMessage, 'id' | 'rule' | 'message'> & Partial<AlertMessage>): AlertMessage {
  return { kind: null, key: null, label: null, metric: null, value: null, previous_value: null, delta: null, week: null, observed_at: null, ...fields };
}

export function isDigest(message: AlertMessage | DigestMessage): message is DigestMessage {
  return 'markdown' in message;
}

/** The headline of an alert or digest, without any prefix. */
export function headlineOf(message: AlertMessage | DigestMessage): string {
  return isDigest(message) ? message.subject : (message.title ?? message.message);
}

/**
 * The link to show, if it is an absolute http(s) URL: anything else (a relative path,
 * `javascript:`) is left out rather than rendered as a link.
 */
export function dashboardLink(message: AlertMessage | DigestMessage): URL | undefined {
  if (message.url === undefined || !URL.canParse(message.url)) return undefined;
  const url = new URL(message.url);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}
