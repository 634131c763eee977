// Slack's mrkdwn, made safe for strings we did not write (labels, keys, report text).
//
// Slack reads `<...>` as its control syntax: `<!channel>` notifies everyone, `<url|text>`
// is a link, `<@U123>` a mention. Escaping &, < and > (Slack's documented rule) makes all
// of it literal text. `verbatim: true` on every mrkdwn object stops Slack from turning
// bare URLs and channel names into links and `@here`-style words into mentions; the
// broadcast words are broken anyway, because the notification `text` has no such flag.
// Formatting marks (*bold*, _italic_) have no escape in mrkdwn: a label can style
// itself, but neither mention nor link.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** The `@` of a word that notifies a whole channel or workspace. */
const BROADCAST = /@(?=(?:channel|here|everyone)\b)/gi;

/** A zero-width space after the `@`: the word reads the same, but is no mention. */
const MENTION_BREAK = '@\u200b';

/** Slack's limits (Block Kit reference): a header's text, a section's text, one field's text. */
export const HEADER_MAX = 150;
export const SECTION_MAX = 3000;
export const FIELD_MAX = 2000;

/** Text escaped for mrkdwn and plain_text alike, with broadcast mentions broken. */
export function escapeSlack(text: string): string {
  return breakMentions(text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char));
}

/** `@channel`, `@here`, `@everyone` made plain words; for text already escaped otherwise. */
export function breakMentions(text: string): string {
  return text.replace(BROADCAST, MENTION_BREAK);
}

/** Escaped, on one line: a newline in a label must not start a quote or a list item. */
export function escapeSlackLine(text: string): string {
  return escapeSlack(text.replace(/[\r\n\t]+/g, ' '));
}

export function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function plainText(text: string): { type: 'plain_text'; text: string; emoji: false } {
  return { type: 'plain_text', text, emoji: false };
}

/**
 * Escaped text cut to Slack's limit with an ellipsis, never inside an entity (`&am…`
 * would show as garbage) nor between the two halves of a surrogate pair.
 */
export function clip(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = escaped.slice(0, max - 1).replace(/&[a-z]*$/, '').replace(/[\ud800-\udbff]$/, '');
  return `${cut}…`;
}

/**
 * A link to one of our pages, `<url|label>`. The URL is a parsed http(s) URL (see
 * `dashboardLink`); `|` and `>` would end it early, so they are percent-encoded, and
 * `&` is escaped as Slack asks.
 */
export function slackLink(url: URL, label: string): string {
  const href = url.href.replace(/[|<>]/g, (char) => encodeURIComponent(char)).replace(/&/g, '&amp;');
  return `<${href}|${escapeSlackLine(label).replace(/\|/g, '¦')}>`;
}
