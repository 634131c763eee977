// One message to one configured channel: the channel's secrets read from the
// environment variables it names, at the moment of sending, and never kept.
import type { createTransport } from 'nodemailer';
import type { Channel } from '../config/alerts-config.ts';
import type { AlertMessage, DigestMessage } from './channels/alert-message.ts';
import { isDigest, messageAboutNoSeries } from './channels/alert-message.ts';
import { DeliveryError } from './channels/delivery-error.ts';
import { sendEmail } from './channels/email.ts';
import { sendSlack, slackPayload } from './channels/slack.ts';
import { sendWebhook } from './channels/webhook.ts';

export interface ChannelDeps {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  /** For one attempt, from connecting to the last byte. @defaultValue 10_000 */
  timeoutMs?: number;
  /** Tests point e-mail at a local SMTP server through the URL; this replaces nodemailer itself. */
  createTransport?: typeof createTransport;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function sendToChannel(channel: Channel, message: AlertMessage | DigestMessage, deps: ChannelDeps): Promise<void> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const variable = channel.type === 'email' ? channel.smtpEnv : channel.urlEnv;
  const address = deps.env[variable]?.trim();
  // Checked at start too; a variable removed since (a reloaded environment) must still not pass silently.
  if (!address) throw new DeliveryError('drop', 'config', { target: channel.type, name: channel.name }, `${variable} is not set`);
  switch (channel.type) {
    case 'slack':
      return sendSlack(address, slackPayload(message), { fetch: deps.fetch, timeoutMs, channel: channel.name });
    case 'webhook': {
      const secret = channel.secretEnv ? deps.env[channel.secretEnv] : undefined;
      return sendWebhook(address, isDigest(message) ? digestAsEvent(message) : message, secret, { fetch: deps.fetch, timeoutMs, channel: channel.name });
    }
    case 'email':
      await sendEmail(address, channel.to, message, { timeoutMs, from: channel.from, channel: channel.name, createTransport: deps.createTransport });
      return;
  }
}

/** A webhook takes events: the digest is one, its Markdown the message. */
function digestAsEvent(digest: DigestMessage): AlertMessage {
  return messageAboutNoSeries({ id: `digest-${digest.week}`, rule: 'weekly digest', week: digest.week, title: digest.subject, message: digest.markdown, url: digest.url });
}
