// Alerts end to end, in-process: `collect` against the fake npm API stores figures
// that cross a level; the rule fires once, and the signed webhook and the Slack-like
// receiver each get it once, despite a receiver's faults, and never again on re-runs.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { type HttpReceiver, startHttpReceiver } from '../helpers/alert-receivers.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';

const SECRET = 'whsec_alertsaftercollect0000000001';
const HOSTILE = '<!channel> @here <http://evil|click>';

const config = `npm:
  packages: ["left-pad"]
alerts:
  - name: "left-pad passes 10,000 weekly downloads"
    when: { series: "npm_package:left-pad@downloads_7d", above: 10000 }
channels:
  - { name: ops, type: webhook, url_env: OPS_WEBHOOK_URL, secret_env: OPS_WEBHOOK_SECRET }
  - { name: team-chat, type: slack, url_env: SLACK_WEBHOOK_URL }
`;

describe('alerts after collect', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let webhook: HttpReceiver;
  let slack: HttpReceiver;
  let cwd: string;

  beforeAll(async () => {
    [up, db, webhook, slack] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase(), startHttpReceiver(), startHttpReceiver()]);
    cwd = await tempWorkdir(config);
    up.npm.setToday('2026-12-04');
    up.npm.addPackage('left-pad', { daily: {} });
  });
  afterAll(async () => {
    await Promise.all([up.close(), db.drop(), webhook.close(), slack.close()]);
  });
  beforeEach(async () => {
    await clearCollectedData(db.url);
    await sqlRows(db.url, 'TRUNCATE alert_events CASCADE');
    webhook.requests.length = 0;
    slack.requests.length = 0;
  });

  const env = () => ({
    ...up.env(),
    DATABASE_URL: db.url,
    OPS_WEBHOOK_URL: `${webhook.url}/hooks/ops`,
    OPS_WEBHOOK_SECRET: SECRET,
    SLACK_WEBHOOK_URL: `${slack.url}/services/T000/B000/secrettokenpart`,
    OSS_PULSE_PUBLIC_URL: 'https://pulse.example.org',
    OSS_PULSE_RETRY_DELAY_MS: '5',
  });
  /** left-pad's last 7 days add up to `weekly`. */
  const setWeekly = (weekly: number) => up.npm.setDownloads('left-pad', { '2026-12-03': weekly });
  const collect = async () => {
    const result = await runCli(['collect'], { env: env(), cwd });
    expect(result.code, result.stderr + result.logs.slice(-2000)).toBe(0);
    return result;
  };

  it('fires once when the level is crossed, delivers to every channel, and not again while it stays above', async () => {
    setWeekly(9_000);
    await collect();
    expect(await sqlRows(db.url, 'SELECT id FROM alert_events')).toEqual([]);

    setWeekly(12_500);
    webhook.answer({ status: 500 }, { status: 502 });
    const crossing = await collect();
    const events = await sqlRows<{ id: string; rule: string; value: string; previous_value: string; message: string }>(
      db.url,
      'SELECT id, rule, value, previous_value, message FROM alert_events',
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ rule: 'left-pad passes 10,000 weekly downloads', value: '12500', previous_value: '9000' });
    expect(events[0]?.message).toContain('passed 10,000');

    // The webhook failed twice, then took it: three attempts, one delivery.
    expect(webhook.requests).toHaveLength(3);
    const [request] = webhook.requests.slice(-1);
    expect(request?.headers['x-oss-pulse-event']).toBe(events[0]?.id);
    expect(request?.headers['x-oss-pulse-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(request?.body ?? '').digest('hex')}`);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ id: events[0]?.id, kind: 'npm_package', key: 'left-pad', value: 12_500, url: 'https://pulse.example.org/series/npm_package/left-pad' });
    expect(slack.requests).toHaveLength(1);
    const deliveries = await sqlRows<{ channel: string; status: string; attempts: number }>(db.url, 'SELECT channel, status, attempts FROM deliveries ORDER BY channel');
    expect(deliveries).toEqual([
      { channel: 'ops', status: 'delivered', attempts: 3 },
      { channel: 'team-chat', status: 'delivered', attempts: 1 },
    ]);
    // No secret in the logs: the Slack URL's token, the webhook's secret.
    expect(crossing.logs).not.toContain('secrettokenpart');
    expect(crossing.logs).not.toContain(SECRET);

    setWeekly(13_000);
    await collect();
    expect(await sqlRows(db.url, 'SELECT id FROM alert_events')).toHaveLength(1);
    expect(webhook.requests).toHaveLength(3);
    expect(slack.requests).toHaveLength(1);
  }, 60_000);

  it('drops a delivery the receiver refuses for good, with the error recorded, and keeps the other', async () => {
    setWeekly(9_000);
    await collect();
    setWeekly(12_500);
    slack.answer({ status: 410, body: 'channel_is_archived' });
    await collect();
    const deliveries = await sqlRows<{ channel: string; status: string; last_error: string | null }>(db.url, 'SELECT channel, status, last_error FROM deliveries ORDER BY channel');
    expect(deliveries[0]).toMatchObject({ channel: 'ops', status: 'delivered', last_error: null });
    expect(deliveries[1]).toMatchObject({ channel: 'team-chat', status: 'dropped' });
    expect(deliveries[1]?.last_error).toContain('410');
    expect(deliveries[1]?.last_error).not.toContain('secrettokenpart');
  }, 60_000);

  it('refuses to start while a channel variable is unset, naming it (exit 2), and stores nothing', async () => {
    const { SLACK_WEBHOOK_URL: _unset, ...rest } = env();
    const result = await runCli(['collect'], { env: rest, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('channel "team-chat": SLACK_WEBHOOK_URL is not set');
    expect(await sqlRows(db.url, 'SELECT id FROM collection_runs')).toEqual([]);
  });

  it('`alerts` lists the events with their deliveries; `notify test` sends to a channel and says how it went', async () => {
    setWeekly(9_000);
    await collect();
    setWeekly(12_500);
    await collect();
    const listed = await runCli(['alerts', '--json'], { env: env(), cwd, now: () => new Date() });
    expect(listed.code).toBe(0);
    const events = JSON.parse(listed.stdout) as { rule: string; deliveries: { channel: string; status: string; attempts: number }[] }[];
    expect(events).toHaveLength(1);
    expect(events[0]?.deliveries.map(({ channel, status, attempts }) => ({ channel, status, attempts }))).toEqual([
      { channel: 'ops', status: 'delivered', attempts: 1 },
      { channel: 'team-chat', status: 'delivered', attempts: 1 },
    ]);
    const table = await runCli(['alerts'], { env: env(), cwd });
    expect(table.stdout).toMatch(/left-pad passes 10,000 weekly downloads .*ops: delivered; team-chat: delivered/);

    const before = webhook.requests.length;
    const test = await runCli(['notify', 'test', 'ops'], { env: env(), cwd });
    expect(test.code).toBe(0);
    expect(test.stdout).toBe('ops (webhook): delivered\n');
    expect(webhook.requests).toHaveLength(before + 1);
    expect(JSON.parse(webhook.requests.at(-1)?.body ?? '{}')).toMatchObject({ rule: 'test' });
    slack.answer({ status: 404, body: 'no_service' });
    const refused = await runCli(['notify', 'test', 'team-chat'], { env: env(), cwd });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^team-chat \(slack\): refused: .*404/);
    expect(refused.stdout).not.toContain('secrettokenpart');
    expect((await runCli(['notify', 'test', 'pager'], { env: env(), cwd })).stderr).toContain('no channel named "pager"; channels: ops, team-chat');
  }, 60_000);

  it('sends what an earlier collect recorded and never sent (killed in between), once, at the next collect', async () => {
    const stranded = new Date(Date.now() - 3_600_000).toISOString();
    await sqlRows(
      db.url,
      `INSERT INTO alert_events (id, rule, kind, key, label, metric, value, previous_value, delta, week, observed_at, message, created_at)
       VALUES ('evt_00000000000000000000000000000abc', 'left-pad passes 10,000 weekly downloads', 'npm_package', 'left-pad', 'left-pad', 'downloads_7d',
               12500, 9000, 3500, '2026-W49', $1, 'left-pad passed 10,000 downloads', $1)`,
      [stranded],
    );
    await sqlRows(db.url, `INSERT INTO deliveries (event_id, channel, status, attempts, updated_at) VALUES ('evt_00000000000000000000000000000abc', 'ops', 'pending', 0, $1)`, [
      stranded,
    ]);
    // A delivery recorded a minute ago may still be in another process's hands: left alone.
    await sqlRows(db.url, `INSERT INTO deliveries (event_id, channel, status, attempts, updated_at) VALUES ('evt_00000000000000000000000000000abc', 'team-chat', 'pending', 0, $1)`, [
      new Date(Date.now() - 60_000).toISOString(),
    ]);
    setWeekly(9_000);
    const first = await collect();
    expect(first.logs).toContain('taking over deliveries an earlier run recorded and never sent');
    expect(webhook.requests.map((request) => request.headers['x-oss-pulse-event'])).toEqual(['evt_00000000000000000000000000000abc']);
    expect(slack.requests).toEqual([]);
    expect(await sqlRows(db.url, 'SELECT channel, status FROM deliveries ORDER BY channel')).toEqual([
      { channel: 'ops', status: 'delivered' },
      { channel: 'team-chat', status: 'pending' },
    ]);
    await collect();
    expect(webhook.requests).toHaveLength(1);
  }, 60_000);

  it('sends a hostile label to Slack inert', async () => {
    setWeekly(9_000);
    await collect();
    await sqlRows(db.url, `UPDATE subjects SET label = $1 WHERE key = 'left-pad'`, [HOSTILE]);
    setWeekly(12_500);
    await collect();
    const body = slack.requests[0]?.body ?? '';
    expect(body).not.toContain('<!channel>');
    expect(body).not.toContain('<http://evil|click>');
  }, 60_000);
});
