import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../alerts/channels/delivery-error.ts';
import { sendSlack, slackPayload, type SlackBlock } from '../../../alerts/channels/slack.ts';
import { escapeSlack } from '../../../alerts/channels/slack-text.ts';
import { startHttpReceiver, type HttpReceiver } from '../../helpers/alert-receivers.ts';
import { ALERT, DIGEST, HOSTILE_ALERT, HOSTILE_LABEL } from './alert-fixture.ts';

/** A Slack incoming webhook's path: the whole credential. */
const SLACK_PATH = '/services/T0AAAAAAA/B0BBBBBBB/Xy9zSecretWebhookToken42';

/** Every text object of a payload, wherever it sits. */
function textObjects(payload: { blocks: SlackBlock[] }): { type: string; text: string; verbatim?: boolean }[] {
  const found: { type: string; text: string; verbatim?: boolean }[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const object = value as Record<string, unknown>;
    if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string') found.push(object as never);
    Object.values(object).forEach(visit);
  };
  visit(payload.blocks);
  return found;
}

describe('slackPayload for an alert', () => {
  it('has a header, the sentence with the figures as fields, and a link to the dashboard', () => {
    const payload = slackPayload(ALERT);
    expect(payload.text).toBe('OSS Pulse: LLaMA passes 7,000 repositories');
    expect(payload.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'LLaMA passes 7,000 repositories', emoji: false } });
    const section = payload.blocks[1] as { text: { text: string }; fields: { text: string }[] };
    expect(section.text).toEqual({ type: 'mrkdwn', text: ALERT.message, verbatim: true });
    expect(section.fields.map((field) => field.text)).toEqual([
      '*Series*\ngithub_search:llama',
      '*Metric*\nrepositories',
      '*Value*\n7,012',
      '*Previous*\n6,950',
      '*Change*\n+62',
      '*Week*\n2026-W49',
      '*Observed*\n2026-12-04 06:00 UTC',
      '*Rule*\nllama-7k',
    ]);
    expect(payload.blocks[2]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: '<https://pulse.example.org/series/github_search/llama?metric=repositories|Open in OSS Pulse>', verbatim: true }],
    });
  });

  it('falls back to the sentence as headline, and leaves out figures it does not have and the link without a public URL', () => {
    const payload = slackPayload({ ...ALERT, title: undefined, url: undefined, previous_value: null, delta: null, observed_at: null });
    expect(payload.blocks[0]).toMatchObject({ text: { text: ALERT.message } });
    expect(payload.blocks.map((block) => block.type)).toEqual(['header', 'section']);
    expect((payload.blocks[1] as { fields: { text: string }[] }).fields.map((field) => field.text.split('\n')[0])).toEqual(['*Series*', '*Metric*', '*Value*', '*Week*', '*Rule*']);
  });

  it('makes a hostile label plain text: no broadcast, no mention, no link, no tag', () => {
    expect(escapeSlack(HOSTILE_LABEL)).toBe('&lt;!channel&gt; @\u200bhere &lt;http://evil|click&gt; *bold* &amp; &lt;script&gt;');
    const payload = slackPayload(HOSTILE_ALERT);
    const texts = [payload.text, ...textObjects(payload).map((object) => object.text)];
    for (const text of texts) {
      // The only `<` left is our own dashboard link.
      expect(text.replace(/<https:\/\/pulse\.example\.org\/[^|<>]*\|Open in OSS Pulse>/, '')).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/@(here|channel|everyone)/i);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(texts.join('\n')).toContain('&lt;@U123ABC&gt; @\u200beveryone');
    // verbatim: Slack does not link bare URLs (`http://evil`) or parse mentions in these.
    for (const object of textObjects(payload)) if (object.type === 'mrkdwn') expect(object.verbatim).toBe(true);
  });

  it('keeps within Slack\'s limits without cutting an escape in half', () => {
    const payload = slackPayload({ ...ALERT, title: '&'.repeat(400), message: '<'.repeat(4000), key: '>'.repeat(3000) });
    const header = (payload.blocks[0] as { text: { text: string } }).text.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^(&amp;)+…$/);
    const section = payload.blocks[1] as { text: { text: string }; fields: { text: string }[] };
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(section.text.text).toMatch(/^(&lt;)+…$/);
    for (const field of section.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
  });

  it('links only to an http(s) URL, with | and > unable to end the link early', () => {
    expect(slackPayload({ ...ALERT, url: 'javascript:alert(1)' }).blocks.map((block) => block.type)).toEqual(['header', 'section']);
    const odd = slackPayload({ ...ALERT, url: 'https://pulse.example.org/series/x|y?a=1&b=<2>' });
    expect(textObjects(odd).at(-1)?.text).toBe('<https://pulse.example.org/series/x%7Cy?a=1&amp;b=%3C2%3E|Open in OSS Pulse>');
  });
});

describe('slackPayload for a digest', () => {
  it('translates the Markdown report to mrkdwn, tables as aligned columns', () => {
    const payload = slackPayload(DIGEST);
    expect(payload.text).toBe('OSS Pulse: Weekly report 2026-W48');
    expect(payload.blocks.map((block) => block.type)).toEqual(['header', 'section', 'context']);
    expect((payload.blocks[1] as { text: { text: string } }).text.text).toBe(
      [
        '*OSS Pulse weekly report: 2026-W48 (2026-11-23 – 2026-11-29)*',
        '',
        '_2 series; generated_at 2026-11-30T06:00:00Z._',
        '',
        '*Headline movers*',
        '',
        '• *Largest growth:* *LLaMA* +62 repositories · *&lt;!channel&gt; @\u200bhere *x** +5 stars',
        '',
        '*GitHub search*',
        '',
        '```',
        'Name       Metric        Value  Previous  Change  Growth  Notes',
        'LLaMA      repositories  7,012     6,950     +62  +0.89%',
        "a | b '''  repositories     12        10      +2    +20%  spike",
        '```',
      ].join('\n'),
    );
    expect(textObjects(payload).at(-1)?.text).toBe('<https://pulse.example.org/reports/2026-W48|Open in OSS Pulse>');
  });

  it('splits a long report into sections within Slack\'s limits, and says when it stops', () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `| Project ${i} & co | stars | ${i} | ${i} | +0 | 0% |  |`);
    const markdown = ['# Report', '', '| Name | Metric | Value | Previous | Change | Growth | Notes |', '|---|---|--:|--:|--:|--:|---|', ...rows].join('\n');
    const payload = slackPayload({ ...DIGEST, markdown });
    expect(payload.blocks.length).toBeLessThanOrEqual(50);
    const sections = payload.blocks.filter((block) => block.type === 'section').map((block) => (block as { text: { text: string } }).text.text);
    for (const text of sections) expect(text.length).toBeLessThanOrEqual(3000);
    // Each piece of the table is a whole code block that starts with the header row.
    for (const text of sections.slice(0, -1)) expect(text).toMatch(/```\nName +Metric[^]*\n```$/);
    expect(sections.at(-1)).toBe('_… the rest is in the full report._');
  });
});

describe('sendSlack', () => {
  let receiver: HttpReceiver;
  const deps = { fetch, timeoutMs: 2000, channel: 'team-alerts' };
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts the payload as JSON', async () => {
    const payload = slackPayload(ALERT);
    await sendSlack(`${receiver.url}${SLACK_PATH}`, payload, deps);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: SLACK_PATH, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(receiver.requests[0]?.headers['user-agent']).toMatch(/^oss-pulse\/\d+\.\d+\.\d+/);
    expect(JSON.parse(receiver.requests[0]?.body ?? '')).toEqual(payload);
  });

  it('classifies Slack\'s answers, naming the channel and never the webhook URL', async () => {
    const cases = [
      { answer: { status: 404, body: 'no_service' }, kind: 'drop' },
      { answer: { status: 410, body: 'channel_is_archived' }, kind: 'drop' },
      { answer: { status: 400, body: 'invalid_blocks' }, kind: 'drop' },
      { answer: { status: 403, body: 'invalid_token' }, kind: 'drop' },
      { answer: { status: 500, body: 'rollup_error' }, kind: 'retry' },
      { answer: { status: 429, headers: { 'retry-after': '30' }, body: 'rate_limited' }, kind: 'retry', retryAfterMs: 30_000 },
    ] as const;
    for (const { answer, kind, ...rest } of cases) {
      receiver.answer(answer);
      const error = await sendSlack(`${receiver.url}${SLACK_PATH}`, slackPayload(ALERT), deps).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({ kind, status: answer.status, ...rest });
      expect((error as Error).message).toBe(`slack channel "team-alerts": the receiver answered HTTP ${answer.status}: ${answer.body}`);
      for (const text of [String(error), (error as Error).stack ?? '', JSON.stringify(error)]) {
        expect(text).not.toContain('Xy9zSecretWebhookToken42');
        expect(text).not.toContain(receiver.url);
      }
    }
  });

  it('names the channel "slack" when it is given no name', async () => {
    receiver.answer({ status: 404, body: 'no_service' });
    await expect(sendSlack(`${receiver.url}${SLACK_PATH}`, slackPayload(ALERT), { fetch, timeoutMs: 2000 })).rejects.toThrow(/^slack channel "slack": /);
  });
});
