import { describe, expect, it } from 'vitest';
import type { Channel } from '../../config/config.ts';
import { channelSecrets, checkChannelEnvironment } from '../../config/channel-environment.ts';
import { secretScrubber } from '../../runtime/logger.ts';
import { parse } from '../helpers/parse-config.ts';

const CHANNELS: Channel[] = [
  { name: 'team-chat', type: 'slack', urlEnv: 'SLACK_WEBHOOK_URL' },
  { name: 'ops', type: 'webhook', urlEnv: 'OSS_PULSE_WEBHOOK_URL', secretEnv: 'OSS_PULSE_WEBHOOK_SECRET' },
  { name: 'mail', type: 'email', to: ['team@example.org'], smtpEnv: 'SMTP_URL' },
];

const SLACK_URL = 'https://hooks.slack.example/services/T0123ABCD/B0456EFGH/s3cr3tWebhookToken';
const HOOK_URL = 'https://ops.example.org/oss-pulse/hook?token=hunter2hunter2';
const HOOK_KEY = 'whsec_k3y-that-signs';
const SMTP = 'smtps://pulse%40example.org:p%40ss%2Fw0rd@smtp.example.org:465';
const GOOD = { SLACK_WEBHOOK_URL: SLACK_URL, OSS_PULSE_WEBHOOK_URL: HOOK_URL, OSS_PULSE_WEBHOOK_SECRET: HOOK_KEY, SMTP_URL: SMTP };

describe('checkChannelEnvironment', () => {
  it('finds nothing wrong with every variable set and well-formed', () => {
    expect(checkChannelEnvironment(CHANNELS, GOOD)).toEqual([]);
    expect(checkChannelEnvironment(CHANNELS, { ...GOOD, SLACK_WEBHOOK_URL: 'http://127.0.0.1:8080/hook', SMTP_URL: 'smtp://localhost:2525' })).toEqual([]);
  });

  it('finds nothing to check without channels', () => {
    expect(checkChannelEnvironment([], {})).toEqual([]);
  });

  it('names every channel and variable left unset (or empty), with what it holds', () => {
    expect(checkChannelEnvironment(CHANNELS, { SMTP_URL: '  ' })).toEqual([
      'channel "team-chat": SLACK_WEBHOOK_URL is not set (the Slack webhook URL)',
      'channel "ops": OSS_PULSE_WEBHOOK_URL is not set (the webhook\'s URL)',
      'channel "ops": OSS_PULSE_WEBHOOK_SECRET is not set (the key that signs each request)',
      'channel "mail": SMTP_URL is not set (the SMTP server, smtp:// or smtps://)',
    ]);
  });

  it('does not ask for a signing key the webhook does not name', () => {
    const unsigned: Channel[] = [{ name: 'ops', type: 'webhook', urlEnv: 'OSS_PULSE_WEBHOOK_URL' }];
    expect(checkChannelEnvironment(unsigned, { OSS_PULSE_WEBHOOK_URL: HOOK_URL })).toEqual([]);
  });

  it.each([
    ['SLACK_WEBHOOK_URL', 'hooks.slack.example/services/T0/B0/secretpath', 'channel "team-chat": SLACK_WEBHOOK_URL is not a URL (expected http:// or https://, the Slack webhook URL)'],
    ['SLACK_WEBHOOK_URL', 'xoxb-secret-scheme:rest-of-token', 'channel "team-chat": SLACK_WEBHOOK_URL is not a URL starting with http:// or https:// (the Slack webhook URL)'],
    ['OSS_PULSE_WEBHOOK_URL', 'ftp://files.example.org/secret-hook', 'channel "ops": OSS_PULSE_WEBHOOK_URL is not a URL starting with http:// or https:// (the webhook\'s URL)'],
    ['SMTP_URL', 'https://user:secretpass@smtp.example.org', 'channel "mail": SMTP_URL is not a URL starting with smtp:// or smtps:// (the SMTP server, smtp:// or smtps://)'],
    ['SMTP_URL', 'smtp://user:secretpass@', 'channel "mail": SMTP_URL is not a URL (expected smtp:// or smtps://, the SMTP server, smtp:// or smtps://)'],
    ['SMTP_URL', 'smtp:secretpass', 'channel "mail": SMTP_URL has no host (the SMTP server, smtp:// or smtps://)'],
  ])('refuses %s=%j without showing its value', (name, value, message) => {
    const problems = checkChannelEnvironment(CHANNELS, { ...GOOD, [name]: value });
    expect(problems).toEqual([message]);
    // No piece of the value that could be the secret: the whole, its path, its password, its scheme.
    for (const piece of [value, 'secret', 'xoxb']) expect(problems.join('\n')).not.toContain(piece);
  });

  it('reports every problem at once, a variable shared by two channels once for each', () => {
    const shared: Channel[] = [...CHANNELS, { name: 'ops-2', type: 'slack', urlEnv: 'OSS_PULSE_WEBHOOK_URL' }];
    expect(checkChannelEnvironment(shared, { SMTP_URL: 'smtp://localhost' })).toEqual([
      expect.stringMatching(/^channel "team-chat": SLACK_WEBHOOK_URL is not set/),
      expect.stringMatching(/^channel "ops": OSS_PULSE_WEBHOOK_URL is not set/),
      expect.stringMatching(/^channel "ops": OSS_PULSE_WEBHOOK_SECRET is not set/),
      expect.stringMatching(/^channel "ops-2": OSS_PULSE_WEBHOOK_URL is not set/),
    ]);
  });

  it('reads the channels of a parsed config', () => {
    const { channels } = parse({ channels: [{ name: 'hook', type: 'webhook', url_env: 'MY_HOOK' }] });
    expect(checkChannelEnvironment(channels, {})).toEqual(['channel "hook": MY_HOOK is not set (the webhook\'s URL)']);
  });
});

describe('channelSecrets', () => {
  it('holds every value the channels name, and nothing else of the environment', () => {
    const secrets = channelSecrets(CHANNELS, { ...GOOD, DATABASE_URL: 'postgres://x@db/y', HOME: '/root' });
    for (const value of Object.values(GOOD)) expect(secrets).toContain(value);
    expect(secrets.join('\n')).not.toContain('postgres://');
    expect(secrets).not.toContain('/root');
  });

  it('holds the parts an error may quote alone: the hook\'s path and a URL\'s password, encoded and decoded', () => {
    const secrets = channelSecrets(CHANNELS, GOOD);
    expect(secrets).toContain('/services/T0123ABCD/B0456EFGH/s3cr3tWebhookToken');
    expect(secrets).toContain('/oss-pulse/hook?token=hunter2hunter2');
    expect(secrets).toContain('p%40ss%2Fw0rd');
    expect(secrets).toContain('p@ss/w0rd');
    // A short path names nothing secret.
    expect(channelSecrets(CHANNELS, { OSS_PULSE_WEBHOOK_URL: 'https://ops.example.org/hook' })).toEqual(['https://ops.example.org/hook']);
  });

  it('gives nothing for unset variables', () => {
    expect(channelSecrets(CHANNELS, { SLACK_WEBHOOK_URL: '' })).toEqual([]);
  });

  it('lets the logger\'s scrubber remove them from any text', () => {
    const scrub = secretScrubber(channelSecrets(CHANNELS, GOOD));
    const text = `POST ${SLACK_URL} failed; POST /services/T0123ABCD/B0456EFGH/s3cr3tWebhookToken: 404; key ${HOOK_KEY}; auth p@ss/w0rd refused`;
    const scrubbed = scrub(text);
    for (const secret of ['s3cr3tWebhookToken', HOOK_KEY, 'p@ss/w0rd']) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[redacted]');
  });
});
