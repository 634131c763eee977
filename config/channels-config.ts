import { z } from 'zod';
import { checked, quote } from '../jobs/sources/watchlist.ts';

/**
 * Where events and the digest go. A channel's secrets (URLs that are themselves
 * credentials, signing keys, SMTP passwords) are never written in the file: it names
 * the environment variables that hold them (see channel-environment.ts).
 */
export type Channel =
  /** A Slack-compatible incoming webhook; its URL is the credential. */
  | { name: string; type: 'slack'; urlEnv: string }
  /** JSON posted to a URL, signed with HMAC-SHA256 when `secretEnv` is given. */
  | { name: string; type: 'webhook'; urlEnv: string; secretEnv?: string }
  /** Mail over SMTP (`smtp://` or `smtps://`, credentials in the URL). */
  | { name: string; type: 'email'; to: string[]; smtpEnv: string; from?: string };

export const CHANNEL_TYPES = ['slack', 'webhook', 'email'] as const;

// Channel names go into `deliveries.channel`, queue job ids and `notify:` lists: a
// word, no spaces or colons (BullMQ refuses a custom job id with a colon).
const MAX_CHANNEL_NAME_LENGTH = 64;
const channelName = checked(z.string(), (name) =>
  /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) && name.length <= MAX_CHANNEL_NAME_LENGTH
    ? undefined
    : `${quote(name)} is not a channel name: letters, digits, - and _, up to ${MAX_CHANNEL_NAME_LENGTH} characters (such as team-chat)`,
);

const envName = checked(z.string(), (name) =>
  /^[A-Z_][A-Z0-9_]*$/.test(name) ? undefined : `${quote(name)} is not an environment variable name (capitals, digits and _, such as SLACK_WEBHOOK_URL)`,
);

// The "valid e-mail address" of the HTML standard: what mail clients accept in practice,
// and nothing that could break out of a header (no spaces, quotes, commas or line breaks).
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const address = checked(z.string(), (text) => (EMAIL.test(text) ? undefined : `${quote(text)} is not an e-mail address`));
/** `pulse@example.org` or `OSS Pulse <pulse@example.org>`. */
const sender = checked(z.string(), (text) => {
  const named = /^([^<>"\p{Cc}]*[^<>"\s\p{Cc}]) *<([^<>]*)>$/u.exec(text);
  const bare = named?.[2] ?? text;
  return EMAIL.test(bare) ? undefined : `${quote(text)} is not an e-mail address (such as pulse@example.org or "OSS Pulse <pulse@example.org>")`;
});
const addresses = z.array(address).superRefine((values, ctx) => {
  if (values.length === 0) ctx.addIssue({ code: 'custom', message: 'list at least one address' });
  values.forEach((value, index) => {
    if (values.findIndex((other) => other.toLowerCase() === value.toLowerCase()) !== index) {
      ctx.addIssue({ code: 'custom', path: [index], message: 'listed twice' });
    }
  });
});

/** A mapping of fixed keys, named in the message for an unknown one (as `section` does). */
function channelObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${Object.keys(shape).join(', ')}` : undefined),
  });
}

const slack = channelObject({ name: channelName, type: z.literal('slack'), url_env: envName });
const webhook = channelObject({ name: channelName, type: z.literal('webhook'), url_env: envName, secret_env: envName.optional() });
const email = channelObject({ name: channelName, type: z.literal('email'), to: addresses, smtp_env: envName, from: sender.optional() });

/** One entry of `channels:`, its keys in the file's snake_case read into camelCase. */
export const channelSchema = z
  .discriminatedUnion('type', [slack, webhook, email], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      const shown = typeof type === 'string' ? quote(type) : JSON.stringify(type);
      return type === undefined ? `missing; expected one of: ${CHANNEL_TYPES.join(', ')}` : `${shown} is not one of: ${CHANNEL_TYPES.join(', ')}`;
    },
  })
  .transform((channel): Channel => {
    if (channel.type === 'slack') return { name: channel.name, type: 'slack', urlEnv: channel.url_env };
    if (channel.type === 'webhook') {
      return { name: channel.name, type: 'webhook', urlEnv: channel.url_env, ...(channel.secret_env === undefined ? {} : { secretEnv: channel.secret_env }) };
    }
    return { name: channel.name, type: 'email', to: channel.to, smtpEnv: channel.smtp_env, ...(channel.from === undefined ? {} : { from: channel.from }) };
  });
