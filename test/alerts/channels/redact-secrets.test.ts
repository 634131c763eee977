import { describe, expect, it } from 'vitest';
import { redactSecrets, snippet, urlSecrets } from '../../../alerts/channels/redact-secrets.ts';

describe('redactSecrets', () => {
  it('blanks a Slack webhook URL, its path, and each of its segments', () => {
    const url = 'https://hooks.slack.com/services/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';
    const secrets = urlSecrets(url);
    expect(redactSecrets(`posting to ${url} failed`, secrets)).toBe('posting to [redacted] failed');
    expect(redactSecrets('token Xy9zSecretWebhookToken42 revoked', secrets)).toBe('token [redacted] revoked');
  });

  it('finds credentials in their encoded and decoded forms', () => {
    const secrets = urlSecrets('smtp://me%40example.org:p%40ss%2Fword@mail.example.org:587');
    expect(redactSecrets('535 me@example.org p@ss/word p%40ss%2Fword', secrets)).toBe('535 [redacted] [redacted] [redacted]');
  });

  it('leaves short strings alone, which would blank ordinary words', () => {
    expect(redactSecrets('a b abc', ['a', 'abc', undefined])).toBe('a b abc');
  });
});

describe('snippet', () => {
  it('keeps an answer to one short line', () => {
    expect(snippet('line one\r\n\tline\u0000two  ')).toBe('line one line two');
    expect(snippet('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
  });
});
