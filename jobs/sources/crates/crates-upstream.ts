import { httpOptions, setting, type Upstream } from '../../clients/upstream.ts';
import { createCratesClient, CRATES_MIN_INTERVAL_MS, type CratesClient, cratesUserAgent } from './crates-client.ts';

/** crates.io's API, one crate per call, at most one call a second. */
export const cratesUpstream: Upstream<CratesClient> = {
  name: 'crates',
  environment: [
    { name: 'CRATES_URL', meaning: 'crates.io root', default: '`https://crates.io`', holds: 'url' },
    {
      name: 'CRATES_CONTACT',
      meaning: "who crates.io may contact about this installation's requests (an email address or URL), sent in the `User-Agent` as its crawler policy asks",
      default: 'unset: the `User-Agent` names the tool only',
    },
  ],
  createClient: (context) =>
    createCratesClient({
      ...httpOptions(context, 'crates'),
      baseUrl: setting(context.env, 'CRATES_URL'),
      userAgent: cratesUserAgent(setting(context.env, 'CRATES_CONTACT')),
      // crates.io's pace is one request a second: tests, which shrink a second (`secondMs`), shrink it too.
      minIntervalMs: (CRATES_MIN_INTERVAL_MS / 1000) * (context.secondMs ?? 1000),
      secondMs: context.secondMs,
    }),
};
