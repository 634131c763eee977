import { dashboardLink, headlineOf, isDigest, type AlertMessage, type DigestMessage } from './alert-message.ts';
import { alertFigures } from './alert-figures.ts';
import { postJson, type HttpDeliveryDeps } from './post-json.ts';
import { digestSections } from './slack-digest.ts';
import { clip, escapeSlack, escapeSlackLine, FIELD_MAX, HEADER_MAX, mrkdwn, plainText, SECTION_MAX, slackLink } from './slack-text.ts';
import { userAgent } from './user-agent.ts';

/** What an incoming webhook receives: Block Kit `blocks`, and `text` for notifications and screen readers. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

/** A Block Kit block, as JSON; only the shapes below are built. */
export type SlackBlock = Record<string, unknown>;

/** A section holds at most ten fields (Block Kit reference). */
const MAX_FIELDS = 10;

const LINK_LABEL = 'Open in OSS Pulse';

/**
 * The Block Kit message for an alert (headline, sentence, figures as fields, link) or
 * a digest (headline, the report translated to mrkdwn, link). Every string that came
 * from upstream or the config is escaped (see slack-text.ts).
 */
export function slackPayload(message: AlertMessage | DigestMessage): SlackPayload {
  const headline = escapeSlackLine(headlineOf(message));
  const blocks: SlackBlock[] = [{ type: 'header', text: plainText(clip(headline, HEADER_MAX)) }];
  if (isDigest(message)) {
    blocks.push(...digestSections(message.markdown).map((text) => ({ type: 'section', text: mrkdwn(text) })));
  } else {
    const fields = alertFigures(message)
      .slice(0, MAX_FIELDS)
      .map(({ name, text }) => mrkdwn(`*${name}*\n${clip(escapeSlackLine(text), FIELD_MAX - name.length - 3)}`));
    blocks.push({ type: 'section', text: mrkdwn(clip(escapeSlack(message.message), SECTION_MAX)), ...(fields.length ? { fields } : {}) });
  }
  const link = dashboardLink(message);
  if (link) blocks.push({ type: 'context', elements: [mrkdwn(slackLink(link, LINK_LABEL))] });
  return { text: clip(`OSS Pulse: ${headline}`, SECTION_MAX), blocks };
}

/**
 * Posts to a Slack incoming webhook. The URL is the credential: errors name the channel
 * (`deps.channel`) instead. Slack answers 200 `ok`; 404 `no_service` and 410
 * `channel_is_archived` are dropped, 429 waits its `Retry-After`, 5xx is retried.
 */
export async function sendSlack(url: string, payload: SlackPayload, deps: HttpDeliveryDeps): Promise<void> {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'user-agent': userAgent() };
  await postJson(url, JSON.stringify(payload), headers, { target: 'slack', name: deps.channel ?? 'slack' }, deps);
}
