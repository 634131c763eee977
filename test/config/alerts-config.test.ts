import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../config/config.ts';
import { defaultConfigYaml } from '../../config/default-watchlist.ts';
import { errorOf, parse } from '../helpers/parse-config.ts';

const watchlist = {
  github: { repos: ['THUDM/ChatGLM-6B', 'meta-llama/llama'], searches: ['llama', 'gpt-4'] },
  npm: { packages: ['openai'] },
  comparisons: [{ name: 'LLaMA vs GPT-4: repositories on GitHub', series: ['github_search:llama', 'github_search:gpt-4'] }],
};
const slack = { name: 'team-chat', type: 'slack', url_env: 'SLACK_WEBHOOK_URL' };
const webhook = { name: 'ops', type: 'webhook', url_env: 'OSS_PULSE_WEBHOOK_URL', secret_env: 'OSS_PULSE_WEBHOOK_SECRET' };
const email = { name: 'mail', type: 'email', to: ['team@example.org'], smtp_env: 'SMTP_URL' };
const channels = [slack, webhook, email];

/** A config with one rule and the three channels; `rule` replaces the rule's keys. */
const withRule = (rule: Record<string, unknown>) => ({ ...watchlist, channels, alerts: [{ name: 'r', ...rule }] });
const when = (w: unknown) => withRule({ when: w });

describe('alerts: the example of the issue', () => {
  const config = parse(`
github:
  repos: [THUDM/ChatGLM-6B, meta-llama/llama]
  searches: [llama, gpt-4]
comparisons:
  - name: "LLaMA vs GPT-4: repositories on GitHub"
    series: ["github_search:llama", "github_search:gpt-4"]
alerts:
  - name: "LLaMA passes 7,000 repositories"
    when: { series: "github_search:LLaMA", above: 7000 }          # crossing, once
  - name: "Star spikes"
    when: { kind: github_repo, metric: stars, spike: 3 }
  - name: "LLaMA vs GPT-4 leader change"
    when: { comparison: "LLaMA vs GPT-4: repositories on GitHub", leader_changes: true }
    notify: [team-chat]
channels:
  - { name: team-chat, type: slack, url_env: SLACK_WEBHOOK_URL }
  - { name: ops, type: webhook, url_env: OSS_PULSE_WEBHOOK_URL, secret_env: OSS_PULSE_WEBHOOK_SECRET }
  - { name: mail, type: email, to: [team@example.org], smtp_env: SMTP_URL }
digest: { channels: [team-chat, mail] }
`);

  it('reads rules into targets and conditions, series in their configured spelling, notify defaulting to every channel', () => {
    expect(config.alerts).toEqual([
      {
        name: 'LLaMA passes 7,000 repositories',
        target: { type: 'series', series: { kind: 'github_search', key: 'llama', metric: 'repositories' } },
        condition: { type: 'above', level: 7000 },
        notify: ['team-chat', 'ops', 'mail'],
      },
      {
        name: 'Star spikes',
        target: { type: 'kind', kind: 'github_repo', metric: 'stars' },
        condition: { type: 'spike', factor: 3 },
        notify: ['team-chat', 'ops', 'mail'],
      },
      {
        name: 'LLaMA vs GPT-4 leader change',
        target: { type: 'comparison', name: 'LLaMA vs GPT-4: repositories on GitHub' },
        condition: { type: 'leader_changes' },
        notify: ['team-chat'],
      },
    ]);
  });

  it('reads channels with camelCase keys, optional ones left out', () => {
    expect(config.channels).toEqual([
      { name: 'team-chat', type: 'slack', urlEnv: 'SLACK_WEBHOOK_URL' },
      { name: 'ops', type: 'webhook', urlEnv: 'OSS_PULSE_WEBHOOK_URL', secretEnv: 'OSS_PULSE_WEBHOOK_SECRET' },
      { name: 'mail', type: 'email', to: ['team@example.org'], smtpEnv: 'SMTP_URL' },
    ]);
    expect(config.digest).toEqual({ channels: ['team-chat', 'mail'] });
  });
});

describe('alerts: defaults', () => {
  it('the built-in watchlist has no alerts, channels or digest, and its text does not mention them', () => {
    expect(DEFAULT_CONFIG).toMatchObject({ alerts: [], channels: [], digest: null });
    expect(defaultConfigYaml()).not.toMatch(/^(alerts|channels|digest):/m);
  });

  it('sections left out or left empty', () => {
    expect(parse('alerts:\nchannels:\ndigest:\n')).toMatchObject({ alerts: [], channels: [], digest: null });
  });

  it('the kind\'s main metric, every channel for notify left empty, none for notify: []', () => {
    expect(parse(when({ kind: 'npm_package', below: 10 })).alerts[0]?.target).toEqual({ type: 'kind', kind: 'npm_package', metric: 'downloads_7d' });
    expect(parse(withRule({ when: { kind: 'github_repo', missing: true }, notify: null })).alerts[0]).toMatchObject({
      target: { type: 'kind', kind: 'github_repo', metric: 'stars' },
      condition: { type: 'missing' },
      notify: ['team-chat', 'ops', 'mail'],
    });
    expect(parse(withRule({ when: { series: 'github_repo:meta-llama/llama@forks', missing: true }, notify: [] })).alerts[0]?.notify).toEqual([]);
    expect(parse({ ...watchlist, alerts: [{ name: 'r', when: { series: 'github_repo:Meta-Llama/Llama@forks', above: 1.5 } }] }).alerts[0]).toEqual({
      name: 'r',
      target: { type: 'series', series: { kind: 'github_repo', key: 'meta-llama/llama', metric: 'forks' } },
      condition: { type: 'above', level: 1.5 },
      notify: [],
    });
  });

  it('a comparison named with other spacing takes the configured name', () => {
    const config = parse(when({ comparison: '  LLaMA vs GPT-4: repositories on GitHub ', leader_changes: true }));
    expect(config.alerts[0]?.target).toEqual({ type: 'comparison', name: 'LLaMA vs GPT-4: repositories on GitHub' });
  });

  it('optional channel keys', () => {
    const config = parse({
      channels: [
        { name: 'hook', type: 'webhook', url_env: 'HOOK_URL' },
        { name: 'mail_2', type: 'email', to: ['a@b.example', 'root@localhost'], smtp_env: '_SMTP', from: 'OSS Pulse <pulse@example.org>' },
        { name: 'm3', type: 'email', to: ['a@b.example'], smtp_env: 'SMTP_URL', from: 'pulse@example.org' },
      ],
    });
    expect(config.channels).toEqual([
      { name: 'hook', type: 'webhook', urlEnv: 'HOOK_URL' },
      { name: 'mail_2', type: 'email', to: ['a@b.example', 'root@localhost'], smtpEnv: '_SMTP', from: 'OSS Pulse <pulse@example.org>' },
      { name: 'm3', type: 'email', to: ['a@b.example'], smtpEnv: 'SMTP_URL', from: 'pulse@example.org' },
    ]);
  });
});

describe('alerts: when', () => {
  it.each([
    [{}, 'alerts[0].when: name what to watch: series, kind, comparison'],
    [null, 'alerts[0].when: name what to watch: series, kind, comparison'],
    [{ above: 1 }, 'alerts[0].when: name what to watch: series, kind, comparison'],
    [{ series: 'github_search:llama' }, 'alerts[0].when: name a condition: above, below, spike, leader_changes, missing'],
    [{ series: 'github_search:llama', kind: 'github_repo', above: 1 }, 'alerts[0].when.kind: one target per rule; this one already watches series'],
    [{ kind: 'github_repo', comparison: 'x', spike: 2 }, 'alerts[0].when.comparison: one target per rule; this one already watches kind'],
    [{ series: 'github_search:llama', above: 1, below: 2 }, 'alerts[0].when.below: one condition per rule; this one already has above'],
    [{ kind: 'github_repo', spike: 2, missing: true }, 'alerts[0].when.missing: one condition per rule; this one already has spike'],
    [{ series: 'github_search:llama', above: '7k' }, 'alerts[0].when.above: expected a number, got "7k"'],
    [{ series: 'github_search:llama', below: null }, 'alerts[0].when.below: expected a number, got an empty value'],
    [{ kind: 'github_repo', spike: 1 }, 'alerts[0].when.spike: must be a number above 1'],
    [{ kind: 'github_repo', spike: 0.5 }, 'alerts[0].when.spike: must be a number above 1'],
    [{ kind: 'github_repo', spike: '3' }, 'alerts[0].when.spike: must be a number above 1'],
    [{ kind: 'github_repo', spike: -4 }, 'alerts[0].when.spike: must be a number above 1'],
    [{ series: 'github_search:llama', leader_changes: true }, 'alerts[0].when.leader_changes: only with comparison'],
    [{ kind: 'github_repo', leader_changes: true }, 'alerts[0].when.leader_changes: only with comparison'],
    [{ comparison: 'LLaMA vs GPT-4: repositories on GitHub', missing: true }, 'alerts[0].when.missing: only with series or kind'],
    [{ comparison: 'LLaMA vs GPT-4: repositories on GitHub', above: 3 }, 'alerts[0].when.above: not with comparison (a comparison takes leader_changes)'],
    [{ comparison: 'LLaMA vs GPT-4: repositories on GitHub', spike: 3 }, 'alerts[0].when.spike: not with comparison (a comparison takes leader_changes)'],
    [{ comparison: 'LLaMA vs GPT-4: repositories on GitHub', leader_changes: false }, 'alerts[0].when.leader_changes: must be true'],
    [{ kind: 'github_repo', missing: 'yes' }, 'alerts[0].when.missing: must be true'],
    [{ series: 'github_search:llama', metric: 'stars', above: 1 }, 'alerts[0].when.metric: only with kind (a series names its metric itself: KIND:KEY@METRIC)'],
    [{ kind: 'github_repo', metric: 'downloads', above: 1 }, 'alerts[0].when.metric: "downloads" is not a metric of github_repo (expected one of: stars, forks'],
    [{ kind: 'gitlab_repo', above: 1 }, 'alerts[0].when.kind: "gitlab_repo" is not one of: github_repo, github_search'],
    [{ series: 'nonsense', above: 1 }, 'alerts[0].when.series: "nonsense" is not a KIND:KEY[@METRIC] series reference'],
    [{ series: 'github_search:llama@stars', above: 1 }, 'alerts[0].when.series: "stars" is not a metric of github_search'],
    [{ series: 'github_search:mistral', above: 1 }, 'alerts[0].when.series: "mistral" is not in github.searches'],
    [{ series: 'github_repo:openai/gpt-4', missing: true }, 'alerts[0].when.series: "openai/gpt-4" is not in github.repos'],
    [{ comparison: 'LLaMA vs Mistral', leader_changes: true }, 'alerts[0].when.comparison: "LLaMA vs Mistral" is not in comparisons'],
    [{ series: 'github_search:llama', above: 1, crosses: 2 }, 'alerts[0].when.crosses: unknown key; expected one of: series, kind, comparison, metric, above, below, spike, leader_changes, missing'],
    ['github_search:llama', 'alerts[0].when: expected a mapping, got "github_search:llama"'],
  ])('refuses %j', (w, message) => {
    expect(errorOf(when(w))).toContain(`oss-pulse.yaml: ${message}`);
  });

  it('reports both problems of a when without target or condition, each on its own line', () => {
    expect(errorOf(when({})).split('\n')).toEqual([
      'oss-pulse.yaml: alerts[0].when: name what to watch: series, kind, comparison (line 1)',
      'oss-pulse.yaml: alerts[0].when: name a condition: above, below, spike, leader_changes, missing (line 1)',
    ]);
  });

  it('names the line of the key in a file', () => {
    const text = 'github:\n  searches: [llama]\nalerts:\n  - name: r\n    when:\n      series: "github_search:llama"\n      spike: 1\n';
    expect(errorOf(text)).toBe('oss-pulse.yaml: alerts[0].when.spike: must be a number above 1 (line 7)');
  });
});

describe('alerts: names and notify', () => {
  const rule = (name: unknown, extra: Record<string, unknown> = {}) => ({ name, when: { kind: 'github_repo', spike: 2 }, ...extra });

  it.each([
    [[rule('')], 'alerts[0].name: must not be empty'],
    [[rule('   ')], 'alerts[0].name: must not be empty'],
    [[rule('x'.repeat(201))], 'alerts[0].name: longer than 200 characters'],
    [[rule('two\nlines')], 'alerts[0].name: must not hold control characters (line breaks, tabs, ...)'],
    [[rule('nul\u0000inside')], 'alerts[0].name: must not hold control characters (line breaks, tabs, ...)'],
    [[{ when: { kind: 'github_repo', spike: 2 } }], 'alerts[0].name: missing; expected a string'],
    [[rule('a'), rule('b'), rule(' a ')], 'alerts[2]: duplicate of alerts[0]'],
    [[rule('a', { notfy: ['ops'] })], 'alerts[0].notfy: unknown key; expected one of: name, when, notify'],
    [[rule('a', { notify: ['ops', 'pager'] })], 'alerts[0].notify[1]: "pager" is not in channels'],
    [[rule('a', { notify: ['ops', 'ops'] })], 'alerts[0].notify[1]: listed twice'],
    [[rule('a', { notify: 'ops' })], 'alerts[0].notify: expected a list, got "ops"'],
  ])('refuses %j', (alerts, message) => {
    expect(errorOf({ ...watchlist, channels, alerts })).toContain(`oss-pulse.yaml: ${message}`);
  });

  it('accepts a name of 200 characters, any script', () => {
    expect(parse({ alerts: [rule('名'.repeat(200))] }).alerts[0]?.name).toBe('名'.repeat(200));
  });

  it('refuses notify naming a channel when none is declared', () => {
    expect(errorOf({ alerts: [rule('a', { notify: ['team-chat'] })] })).toBe('oss-pulse.yaml: alerts[0].notify[0]: "team-chat" is not in channels (line 1)');
  });
});

describe('channels', () => {
  const refused = (channel: unknown, message: string) => expect(errorOf({ channels: [channel] })).toContain(`oss-pulse.yaml: ${message}`);

  it.each([
    [{ ...slack, name: 'team chat' }, 'channels[0].name: "team chat" is not a channel name: letters, digits, - and _, up to 64 characters (such as team-chat)'],
    [{ ...slack, name: 'a:b' }, 'channels[0].name: "a:b" is not a channel name'],
    [{ ...slack, name: '-x' }, 'channels[0].name: "-x" is not a channel name'],
    [{ ...slack, name: 'x'.repeat(65) }, `channels[0].name: "${'x'.repeat(57)}..." is not a channel name`],
    [{ type: 'slack', url_env: 'X' }, 'channels[0].name: missing; expected a string'],
    [{ name: 'x', url_env: 'X' }, 'channels[0].type: missing; expected one of: slack, webhook, email'],
    [{ name: 'x', type: 'teams' }, 'channels[0].type: "teams" is not one of: slack, webhook, email'],
    [{ ...slack, url_env: 'slack_url' }, 'channels[0].url_env: "slack_url" is not an environment variable name (capitals, digits and _, such as SLACK_WEBHOOK_URL)'],
    [{ ...slack, url_env: '1URL' }, 'channels[0].url_env: "1URL" is not an environment variable name'],
    [{ ...slack, url_env: 'https://hooks.slack.com/services/T0/B0/XXXX' }, 'channels[0].url_env: "https://hooks.slack.com/services/T0/B0/XXXX" is not an environment variable name'],
    [{ name: 'x', type: 'slack' }, 'channels[0].url_env: missing; expected a string'],
    [{ ...slack, url: 'https://hooks.slack.com/x' }, 'channels[0].url: unknown key; expected one of: name, type, url_env'],
    [{ ...slack, secret_env: 'S' }, 'channels[0].secret_env: unknown key; expected one of: name, type, url_env'],
    [{ ...webhook, secret_env: 'my-secret' }, 'channels[0].secret_env: "my-secret" is not an environment variable name'],
    [{ ...webhook, secret: 'S' }, 'channels[0].secret: unknown key; expected one of: name, type, url_env, secret_env'],
    [{ ...email, smtp_env: 'smtp_url' }, 'channels[0].smtp_env: "smtp_url" is not an environment variable name'],
    [{ ...email, to: [] }, 'channels[0].to: list at least one address'],
    [{ ...email, to: 'team@example.org' }, 'channels[0].to: expected a list, got "team@example.org"'],
    [{ ...email, to: ['team'] }, 'channels[0].to[0]: "team" is not an e-mail address'],
    [{ ...email, to: ['a@b.example', 'x@y.example\r\nBcc: evil@example.org'] }, 'channels[0].to[1]: "x@y.example\\r\\nBcc: evil@example.org" is not an e-mail address'],
    [{ ...email, to: ['Team <team@example.org>'] }, 'channels[0].to[0]: "Team <team@example.org>" is not an e-mail address'],
    [{ ...email, to: ['a@b.example', 'A@B.example'] }, 'channels[0].to[1]: listed twice'],
    [{ ...email, from: 'OSS Pulse' }, 'channels[0].from: "OSS Pulse" is not an e-mail address (such as pulse@example.org or "OSS Pulse <pulse@example.org>")'],
    [{ ...email, from: 'Pulse\n <p@example.org>' }, 'channels[0].from: "Pulse\\n <p@example.org>" is not an e-mail address'],
    [{ ...email, url_env: 'X' }, 'channels[0].url_env: unknown key; expected one of: name, type, to, smtp_env, from'],
    ['team-chat', 'channels[0]: expected a mapping, got "team-chat"'],
  ])('refuses %j', (channel, message) => refused(channel, message));

  it('refuses two channels of one name', () => {
    expect(errorOf({ channels: [slack, { ...webhook, name: 'team-chat' }] })).toBe('oss-pulse.yaml: channels[1]: duplicate of channels[0] (line 1)');
  });
});

describe('digest', () => {
  it.each([
    [{ channels: ['team-chat', 'pager'] }, 'digest.channels[1]: "pager" is not in channels'],
    [{ channels: ['mail', 'mail'] }, 'digest.channels[1]: listed twice'],
    [{ channels: [] }, 'digest.channels: list at least one channel'],
    [{}, 'digest.channels: missing; expected a list'],
    [{ channels: ['mail'], weekday: 'monday' }, 'digest.weekday: unknown key; expected one of: channels'],
    [['mail'], 'digest: expected a mapping, got a list'],
  ])('refuses %j', (digest, message) => {
    expect(errorOf({ channels, digest })).toContain(`oss-pulse.yaml: ${message}`);
  });
});

describe('alerts: every problem at once', () => {
  it('reports references of several rules and the digest together, in file order', () => {
    const text = `
github: { searches: [llama] }
comparisons:
  - { name: c, series: ["github_search:llama", "github_search:rwkv"] }
alerts:
  - name: a
    when: { series: "github_search:gpt-4", above: 7000 }
  - name: b
    when: { comparison: "nope", leader_changes: true }
    notify: [pager]
channels:
  - { name: ops, type: webhook, url_env: OSS_PULSE_WEBHOOK_URL }
digest: { channels: [mail] }
`;
    expect(errorOf(text).split('\n')).toEqual([
      'oss-pulse.yaml: comparisons[0].series[1]: "rwkv" is not in github.searches (line 4)',
      'oss-pulse.yaml: alerts[0].when.series: "gpt-4" is not in github.searches (line 7)',
      'oss-pulse.yaml: alerts[1].when.comparison: "nope" is not in comparisons (line 9)',
      'oss-pulse.yaml: alerts[1].notify[0]: "pager" is not in channels (line 10)',
      'oss-pulse.yaml: digest.channels[0]: "mail" is not in channels (line 13)',
    ]);
  });

  it('leaves references unchecked while a rule or channel is itself refused', () => {
    expect(errorOf({ alerts: [{ name: 'a', when: { kind: 'github_repo', spike: 1 }, notify: ['pager'] }] })).toBe(
      'oss-pulse.yaml: alerts[0].when.spike: must be a number above 1 (line 1)',
    );
  });
});
