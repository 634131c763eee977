import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../alerts/channels/delivery-error.ts';
import { sendEmail } from '../../../alerts/channels/email.ts';
import { startSilentServer, startSmtpReceiver, type SmtpReceiver } from '../../helpers/alert-receivers.ts';
import { closedPort } from '../../helpers/closed-port.ts';
import { readMail } from '../../helpers/read-mail.ts';
import { ALERT, DIGEST, HOSTILE_ALERT } from './alert-fixture.ts';

const USER = 'alerts@example.org';
/** Characters that need encoding in a URL, so the decoding is tested too. */
const PASSWORD = 'Pa55:w/rd?#s3cret';
const TO = ['ops@example.org'];

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  for (const text of [String(error), (error as Error).stack ?? '', JSON.stringify(error), String((error as Error).cause ?? '')]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
  }
  return error as DeliveryError;
}

describe('sendEmail', () => {
  let smtp: SmtpReceiver;
  const deps = { timeoutMs: 3000, channel: 'ops-mail' };
  beforeEach(async () => {
    smtp = await startSmtpReceiver({ user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    await smtp.close();
  });

  it('sends an alert as text and escaped HTML, logged in with the URL\'s credentials', async () => {
    expect(await sendEmail(smtp.url(), ['ops@example.org', 'dev@example.org'], ALERT, deps)).toEqual({ rejected: [] });
    expect(smtp.logins).toEqual([{ user: USER, password: PASSWORD }]);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({ from: USER, to: ['ops@example.org', 'dev@example.org'], user: USER });
    const read = readMail(mail?.raw ?? '');
    expect(read.subject).toBe('[OSS Pulse] LLaMA passes 7,000 repositories');
    expect(read.headers).toMatchObject({
      from: `OSS Pulse <${USER}>`,
      to: 'ops@example.org, dev@example.org',
      'message-id': '<alert.evt_3f9c2a1b7d4e@example.org>',
      'auto-submitted': 'auto-generated',
      'x-oss-pulse-event': 'evt_3f9c2a1b7d4e',
    });
    expect(read.parts).toEqual(['text/plain', 'text/html']);
    expect(read.text).toBe(
      [
        'LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04',
        '',
        'Series:   github_search:llama',
        'Metric:   repositories',
        'Value:    7,012',
        'Previous: 6,950',
        'Change:   +62',
        'Week:     2026-W49',
        'Observed: 2026-12-04 06:00 UTC',
        'Rule:     llama-7k',
        '',
        'Open in OSS Pulse: https://pulse.example.org/series/github_search/llama?metric=repositories',
        '',
        '-- OSS Pulse, event evt_3f9c2a1b7d4e',
        '',
      ].join('\r\n'),
    );
    expect(read.html).toContain('<p>LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04</p>');
    expect(read.html).toContain('<th style="text-align:left;padding:2px 16px 2px 0;font-weight:600">Value</th><td>7,012</td>');
    expect(read.html).toContain('<a href="https://pulse.example.org/series/github_search/llama?metric=repositories">Open in OSS Pulse</a>');
  });

  it('escapes a hostile label in the HTML part and keeps it out of the headers\' structure', async () => {
    await sendEmail(smtp.url(), TO, { ...HOSTILE_ALERT, title: 'Hi\r\nBcc: victim@example.org\r\n\r\n<b>body</b>' }, deps);
    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(TO);
    const read = readMail(mail?.raw ?? '');
    expect(read.headers).not.toHaveProperty('bcc');
    expect(read.subject).toBe('[OSS Pulse] Hi Bcc: victim@example.org <b>body</b>');
    expect(read.html).toContain('<p>&lt;!channel&gt; @here &lt;http://evil|click&gt; *bold* &amp; &lt;script&gt; (github_search:llama)');
    expect(read.html).toContain('<td>github_search:&lt;@U123ABC&gt; @everyone</td>');
    expect(read.html).not.toContain('<script>');
    expect(read.html).not.toContain('<http');
    // Plain text needs no escaping, only no line breaks where a label sits.
    expect(read.text?.split('\r\n')[0]).toBe(HOSTILE_ALERT.message);
  });

  it('sends a digest with the Markdown as text and the HTML report as HTML', async () => {
    await sendEmail(smtp.url(), TO, DIGEST, { ...deps, from: 'pulse@example.com' });
    const [mail] = smtp.mails;
    expect(mail?.from).toBe('pulse@example.com');
    const read = readMail(mail?.raw ?? '');
    expect(read.subject).toBe('[OSS Pulse] Weekly report 2026-W48');
    expect(read.headers).toMatchObject({ from: 'OSS Pulse <pulse@example.com>', 'message-id': '<digest.2026-W48@example.com>' });
    expect(read.headers).not.toHaveProperty('x-oss-pulse-event');
    expect(read.text).toBe(`${DIGEST.markdown.trimEnd()}\n\nOpen in OSS Pulse: https://pulse.example.org/reports/2026-W48\n`.replace(/\n/g, '\r\n'));
    expect(read.html?.trimEnd()).toBe(DIGEST.html);
  });

  it('takes a sender with its own display name as it is', async () => {
    await sendEmail(smtp.url(), TO, ALERT, { ...deps, from: 'Pulse Bot <bot@example.net>' });
    expect(smtp.mails[0]?.from).toBe('bot@example.net');
    expect(readMail(smtp.mails[0]?.raw ?? '').headers).toMatchObject({ from: 'Pulse Bot <bot@example.net>', 'message-id': '<alert.evt_3f9c2a1b7d4e@example.net>' });
  });

  it('takes a message some recipients refused as sent, and says which', async () => {
    smtp.fail('RCPT', { code: 550, message: 'No such user' });
    expect(await sendEmail(smtp.url(), ['gone@example.org', 'ops@example.org'], ALERT, deps)).toEqual({ rejected: ['gone@example.org'] });
    expect(smtp.mails.map((mail) => mail.to)).toEqual([['ops@example.org']]);
  });

  it('retries SMTP 4xx replies and drops 5xx ones', async () => {
    const cases = [
      { stage: 'RCPT', code: 450, kind: 'retry', step: 'the recipients' },
      { stage: 'RCPT', code: 550, kind: 'drop', step: 'the recipients' },
      { stage: 'MAIL', code: 451, kind: 'retry', step: 'the sender' },
      { stage: 'MAIL', code: 553, kind: 'drop', step: 'the sender' },
      { stage: 'DATA', code: 452, kind: 'retry', step: 'the message' },
      { stage: 'DATA', code: 554, kind: 'drop', step: 'the message' },
    ] as const;
    for (const { stage, code, kind, step } of cases) {
      smtp.fail(stage, { code, message: `refused at ${stage}` });
      const error = await failure(sendEmail(smtp.url(), TO, ALERT, deps));
      expect(error, `${stage} ${code}`).toMatchObject({ kind, reason: 'smtp', status: code, channel: { target: 'email', name: 'ops-mail' } });
      expect(error.message).toMatch(new RegExp(`^email channel "ops-mail": the SMTP server refused ${step}: ${code} .*refused at ${stage}$`));
    }
    expect(smtp.mails).toEqual([]);
  });

  it('drops a refused login without quoting the password, even when the server echoes it', async () => {
    const wrong = await failure(sendEmail(smtp.url({ user: USER, password: 'not-the-password' }), TO, ALERT, deps));
    expect(wrong).toMatchObject({ kind: 'drop', reason: 'smtp', status: 535 });
    expect(wrong.message).toMatch(/^email channel "ops-mail": the SMTP server refused the login: 535 /);

    smtp.fail('AUTH', { code: 535, message: `bad credentials ${USER}:${PASSWORD}` });
    const echoed = await failure(sendEmail(smtp.url(), TO, ALERT, deps));
    expect(echoed.message).toMatch(/bad credentials \[redacted\]:\[redacted\]$/);

    smtp.fail('AUTH', { code: 454, message: 'Temporary authentication failure' });
    expect(await failure(sendEmail(smtp.url(), TO, ALERT, deps))).toMatchObject({ kind: 'retry', status: 454 });
  });

  it('retries a server that refuses the connection for now', async () => {
    smtp.fail('CONNECT', { code: 421, message: 'Too busy' });
    expect(await failure(sendEmail(smtp.url(), TO, ALERT, deps))).toMatchObject({ kind: 'retry', status: 421 });
  });

  it('retries when the server does not answer in time', async () => {
    smtp.fail('CONNECT', 'hang');
    const error = await failure(sendEmail(smtp.url(), TO, ALERT, { ...deps, timeoutMs: 300 }));
    expect(error).toMatchObject({ kind: 'retry', reason: 'timeout' });
    expect(error.message).toBe('email channel "ops-mail": the SMTP server did not finish within 300 ms');

    const silent = await startSilentServer();
    try {
      const url = `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${silent.port}`;
      expect(await failure(sendEmail(url, TO, ALERT, { ...deps, timeoutMs: 300 }))).toMatchObject({ kind: 'retry', reason: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('retries when nothing listens', async () => {
    const url = `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${await closedPort()}`;
    const error = await failure(sendEmail(url, TO, ALERT, deps));
    expect(error).toMatchObject({ kind: 'retry', reason: 'network', code: 'ECONNREFUSED' });
    expect(error.message).toBe('email channel "ops-mail": could not talk to the SMTP server (ECONNREFUSED)');
  });

  it('drops a broken channel config without quoting it', async () => {
    expect(await failure(sendEmail(`https://${USER}:${PASSWORD}@example.org`, TO, ALERT, deps))).toMatchObject({ kind: 'drop', reason: 'config' });
    expect(await failure(sendEmail(`${USER}:${PASSWORD}`, TO, ALERT, deps))).toMatchObject({ kind: 'drop', reason: 'config' });
    expect(await failure(sendEmail(smtp.url(), [], ALERT, deps))).toMatchObject({ kind: 'drop', reason: 'config' });
    expect(smtp.logins).toEqual([]);
  });
});
