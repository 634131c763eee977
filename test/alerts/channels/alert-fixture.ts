import type { AlertMessage, DigestMessage } from '../../../alerts/channels/alert-message.ts';

/** One alert event as the evaluator would build it. */
export const ALERT: AlertMessage = {
  id: 'evt_3f9c2a1b7d4e',
  rule: 'llama-7k',
  kind: 'github_search',
  key: 'llama',
  label: 'LLaMA',
  metric: 'repositories',
  value: 7012,
  previous_value: 6950,
  delta: 62,
  week: '2026-W49',
  observed_at: '2026-12-04T06:00:00.000Z',
  message: 'LLaMA (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04',
  title: 'LLaMA passes 7,000 repositories',
  url: 'https://pulse.example.org/series/github_search/llama?metric=repositories',
};

/** A label written to do harm in every target: Slack broadcasts and links, mrkdwn, HTML. */
export const HOSTILE_LABEL = '<!channel> @here <http://evil|click> *bold* & <script>';

/** The alert with the hostile label everywhere a label reaches. */
export const HOSTILE_ALERT: AlertMessage = {
  ...ALERT,
  label: HOSTILE_LABEL,
  key: '<@U123ABC> @everyone',
  message: `${HOSTILE_LABEL} (github_search:llama) passed 7,000 repositories: 7,012 on 2026-12-04`,
  title: `${HOSTILE_LABEL} passes 7,000 repositories`,
};

/** A digest as reports/ renders it (render-markdown.ts escapes labels with backslashes and entities). */
export const DIGEST: DigestMessage = {
  week: '2026-W48',
  subject: 'Weekly report 2026-W48',
  markdown: [
    '# OSS Pulse weekly report: 2026-W48 (2026-11-23 – 2026-11-29)',
    '',
    '_2 series; generated\\_at 2026-11-30T06:00:00Z._',
    '',
    '## Headline movers',
    '',
    '- **Largest growth:** **LLaMA** +62 repositories · **&lt;!channel&gt; @here \\*x\\*** +5 stars',
    '',
    '## GitHub search',
    '',
    '| Name | Metric | Value | Previous | Change | Growth | Notes |',
    '|---|---|--:|--:|--:|--:|---|',
    '| LLaMA | repositories | 7,012 | 6,950 | +62 | +0.89% |  |',
    '| a \\| b \\`\\`\\` | repositories | 12 | 10 | +2 | +20% | spike |',
    '',
  ].join('\n'),
  html: '<!doctype html><html><body><h1>OSS Pulse weekly report: 2026-W48</h1><p>&lt;!channel&gt; &amp; friends</p></body></html>',
  url: 'https://pulse.example.org/reports/2026-W48',
};
