import type { Channel } from './channels-config.ts';

// The channels' secrets live in environment variables the config names. They are checked
// when a command starts, every problem at once (a channel whose variable is unset is an
// error, never a channel silently skipped), and no message ever shows a value: a webhook
// URL is itself a credential, so even its scheme may be part of the secret
// (`xoxb-...:` parses as one).

/** One variable a channel names, and what it must hold. */
interface ChannelVariable {
  name: string;
  /** What it holds, for the message: "the webhook's URL". */
  role: string;
  holds: 'http-url' | 'smtp-url' | 'secret';
}

function variablesOf(channel: Channel): ChannelVariable[] {
  switch (channel.type) {
    case 'slack':
      return [{ name: channel.urlEnv, role: 'the Slack webhook URL', holds: 'http-url' }];
    case 'webhook':
      return [
        { name: channel.urlEnv, role: "the webhook's URL", holds: 'http-url' },
        ...(channel.secretEnv === undefined ? [] : [{ name: channel.secretEnv, role: 'the key that signs each request', holds: 'secret' as const }]),
      ];
    case 'email':
      return [{ name: channel.smtpEnv, role: 'the SMTP server, smtp:// or smtps://', holds: 'smtp-url' }];
  }
}

const SCHEMES: Record<'http-url' | 'smtp-url', readonly string[]> = {
  'http-url': ['http:', 'https:'],
  'smtp-url': ['smtp:', 'smtps:'],
};

/** Every problem with the variables the channels name, one sentence each; empty when all are usable. */
export function checkChannelEnvironment(channels: readonly Channel[], env: NodeJS.ProcessEnv): string[] {
  return channels.flatMap((channel) =>
    variablesOf(channel).flatMap((variable) => {
      const problem = problemOf(variable, env[variable.name]);
      return problem === undefined ? [] : [`channel ${JSON.stringify(channel.name)}: ${variable.name} ${problem}`];
    }),
  );
}

function problemOf(variable: ChannelVariable, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return `is not set (${variable.role})`;
  if (variable.holds === 'secret') return undefined;
  const schemes = SCHEMES[variable.holds];
  const expected = schemes.map((scheme) => `${scheme}//`).join(' or ');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `is not a URL (expected ${expected}, ${variable.role})`;
  }
  if (!schemes.includes(url.protocol)) return `is not a URL starting with ${expected} (${variable.role})`;
  if (url.hostname === '') return `has no host (${variable.role})`;
  return undefined;
}

/**
 * The values of every variable the channels name, for the logger and error messages
 * to scrub: each whole value, and the parts an error may quote on their own (a URL's
 * password, encoded or not). Unset variables give nothing.
 */
export function channelSecrets(channels: readonly Channel[], env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const variable of channels.flatMap(variablesOf)) {
    const value = env[variable.name];
    if (value === undefined || value.trim() === '') continue;
    secrets.add(value);
    secrets.add(value.trim());
    if (variable.holds !== 'secret') for (const part of urlParts(value.trim())) secrets.add(part);
  }
  return [...secrets];
}

// A path this long is the token of a Slack-style hook (`/services/T…/B…/…`); a short one
// (`/hooks`) names nothing secret and would blot ordinary words out of the logs.
const MIN_SECRET_PATH_LENGTH = 16;

function urlParts(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const parts = [url.href, url.password, safeDecode(url.password)];
  const path = `${url.pathname}${url.search}`;
  if (path.length >= MIN_SECRET_PATH_LENGTH) parts.push(path);
  return parts.filter((part) => part !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
