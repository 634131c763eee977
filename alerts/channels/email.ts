import { createTransport } from 'nodemailer';
import type { AlertMessage, DigestMessage } from './alert-message.ts';
import { DeliveryError, type ChannelRef } from './delivery-error.ts';
import { emailContent } from './email-content.ts';
import { decodeUrlPart, redactSecrets, snippet, urlSecrets } from './redact-secrets.ts';

export interface EmailDeps {
  /** @defaultValue nodemailer's `createTransport` */
  createTransport?: typeof createTransport;
  /** For the whole send: connecting, the greeting, login and the message. */
  timeoutMs: number;
  /**
   * The sender, `pulse@example.org` (shown as "OSS Pulse") or `Name <pulse@example.org>`.
   * @defaultValue the SMTP user name when it is an address (most relays accept only the
   * mailbox that logged in), else `oss-pulse@<smtp host>`
   */
  from?: string;
  /** The channel's name in the config, which errors use. @defaultValue `email` */
  channel?: string;
}

/** What the server said about the recipients when it took the message. */
export interface EmailReceipt {
  /** Recipients refused while others were accepted: the message went, so it is not retried (that would repeat it to the rest). */
  rejected: string[];
}

/** Errors that ended the connection before any SMTP reply to the message: worth another try. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);

/**
 * Sends an alert or digest over SMTP (`smtp://user:pass@host:587`, `smtps://` for TLS
 * from the start). SMTP 4xx replies are transient and retried, 5xx are permanent and
 * dropped, connection failures and timeouts are retried. The URL's credentials never
 * appear in an error: it quotes the server's reply with them blanked out.
 */
export async function sendEmail(smtpUrl: string, to: string[], message: AlertMessage | DigestMessage, deps: EmailDeps): Promise<EmailReceipt> {
  const channel: ChannelRef = { target: 'email', name: deps.channel ?? 'email' };
  if (!URL.canParse(smtpUrl) || !/^smtps?:$/.test(new URL(smtpUrl).protocol)) {
    throw new DeliveryError('drop', 'config', channel, 'the SMTP URL is not an smtp:// or smtps:// URL');
  }
  if (to.length === 0) throw new DeliveryError('drop', 'config', channel, 'no recipients are configured');
  const server = new URL(smtpUrl);
  const sender = deps.from ?? defaultSender(server);
  const named = /<([^<>]+)>\s*$/.exec(sender);
  const address = named?.[1] ?? sender;
  const from = named ? sender : { name: 'OSS Pulse', address };
  const content = emailContent(message, address.split('@').pop() || server.hostname);
  const deadline = AbortSignal.timeout(deps.timeoutMs);
  let transport: ReturnType<typeof createTransport> | undefined;
  try {
    transport = (deps.createTransport ?? createTransport)({
      url: smtpUrl,
      connectionTimeout: deps.timeoutMs,
      greetingTimeout: deps.timeoutMs,
      socketTimeout: deps.timeoutMs,
      logger: false,
      debug: false,
    });
    const info = await transport.sendMail({ from, to, ...content, signal: deadline });
    return { rejected: info.rejected.map(String) };
  } catch (error) {
    // Inside the try, so nodemailer's own messages (which may quote the URL) never escape.
    throw smtpError(error, channel, deps.timeoutMs, credentialsOf(smtpUrl));
  } finally {
    transport?.close();
  }
}

function defaultSender(server: URL): string {
  const user = decodeUrlPart(server.username);
  return user.includes('@') ? user : `oss-pulse@${server.hostname}`;
}

/** What nodemailer's errors carry (see its NodemailerError), read defensively. */
interface SmtpFailure {
  code?: string;
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
}

function smtpError(error: unknown, channel: ChannelRef, timeoutMs: number, secrets: string[]): DeliveryError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? (error as SmtpFailure) : {};
  const { code, responseCode } = failure;
  if (responseCode !== undefined && responseCode >= 400) {
    const said = snippet(redactSecrets(failure.response ?? String(responseCode), secrets));
    const text = `the SMTP server refused ${stepOf(failure.command)}: ${said}`;
    // nodemailer marks 5xx permanent except 503 (a session out of step, fine on a new connection).
    const permanent = failure.permanent ?? responseCode >= 500;
    return new DeliveryError(permanent ? 'drop' : 'retry', 'smtp', channel, text, { status: responseCode, code });
  }
  if (code === 'EABORT' || code === 'ETIMEDOUT') {
    return new DeliveryError('retry', 'timeout', channel, `the SMTP server did not finish within ${timeoutMs} ms`, { code: 'ETIMEDOUT' });
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    const cause = failure.originalCode ?? code;
    return new DeliveryError('retry', 'network', channel, `could not talk to the SMTP server (${cause})`, { code: cause });
  }
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'ECONFIG' || code === 'EENVELOPE' || code === 'EREQUIRETLS') {
    // Refused before any reply: missing credentials, no usable login method, an address nodemailer cannot send to.
    return new DeliveryError('drop', 'config', channel, `nodemailer refused the message (${code})`, { code });
  }
  return new DeliveryError('retry', 'smtp', channel, `sending failed${code ? ` (${code})` : ''}`, { code });
}

/** Which step of the session a reply refused, from nodemailer's `command`. */
function stepOf(command: string | undefined): string {
  if (command?.startsWith('AUTH')) return 'the login';
  if (command === 'MAIL FROM') return 'the sender';
  if (command === 'RCPT TO') return 'the recipients';
  if (command === 'DATA') return 'the message';
  return 'the session';
}

/** The URL's secret parts, plus the password as AUTH PLAIN and LOGIN send it, should a server echo that back. */
function credentialsOf(smtpUrl: string): string[] {
  const { username, password } = new URL(smtpUrl);
  const user = decodeUrlPart(username);
  const pass = decodeUrlPart(password);
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [...urlSecrets(smtpUrl), ...(pass ? [base64(pass), base64(`\u0000${user}\u0000${pass}`)] : [])];
}
