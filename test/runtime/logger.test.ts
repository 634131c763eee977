import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger.ts';

function capture() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { destination, text: () => text };
}

describe('the logger', () => {
  it('scrubs every secret it was given, wherever it appears in a line', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', pretty: false, destination: out.destination, secrets: ['ghp_tokentokentoken'] });
    logger.info({ url: 'https://x/?t=ghp_tokentokentoken' }, 'failed with ghp_tokentokentoken');
    expect(out.text()).not.toContain('ghp_tokentokentoken');
    expect(out.text()).toContain('[redacted]');
  });

  it('scrubs secrets added to its array later (the alert channels, known once the config is read)', () => {
    const out = capture();
    const secrets: string[] = [];
    const logger = createLogger({ level: 'info', pretty: false, destination: out.destination, secrets });
    logger.info('before: https://hooks.example/services/T0/B0/webhooksecretpart');
    secrets.push('https://hooks.example/services/T0/B0/webhooksecretpart', '/services/T0/B0/webhooksecretpart');
    logger.info('after: https://hooks.example/services/T0/B0/webhooksecretpart');
    const [before, after] = out.text().trim().split('\n');
    expect(before).toContain('webhooksecretpart');
    expect(after).not.toContain('webhooksecretpart');
  });
});
