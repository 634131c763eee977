// Alerts on the queued path: a round run by `worker` against the fake npm API stores
// figures that cross a level; the rule fires once, one `deliver` job per channel goes on
// the `notify` queue holding ids only, and each receiver gets the event once despite its
// faults, never again on a re-run of the round or of the job.
import { createHmac } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { type DeliverJobData, deliverJobId, NOTIFY_QUEUE } from '../../workers/queues.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { type HttpReceiver, startHttpReceiver } from '../helpers/alert-receivers.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { closedPort } from '../helpers/closed-port.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { type InProcessWorker, startInProcessWorker } from '../helpers/worker.ts';

const SECRET = 'whsec_notifyqueue000000000000000001';
const RULE = 'left-pad passes 10,000 weekly downloads';
const config = parseConfig(
  `npm:
  packages: ["left-pad"]
alerts:
  - name: "${RULE}"
    when: { series: "npm_package:left-pad@downloads_7d", above: 10000 }
channels:
  - { name: ops, type: webhook, url_env: OPS_WEBHOOK_URL, secret_env: OPS_WEBHOOK_SECRET }
  - { name: team-chat, type: slack, url_env: SLACK_WEBHOOK_URL }
digest: { channels: [ops] }
`,
  'test.yaml',
);

describe('alert deliveries on the notify queue', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let webhook: HttpReceiver;
  let slack: HttpReceiver;
  let prefix: string;
  let metricsPort: number;
  let worker: InProcessWorker | undefined;
  let notify: Queue<DeliverJobData>;

  beforeAll(async () => {
    [up, db, webhook, slack] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase(), startHttpReceiver(), startHttpReceiver()]);
    up.npm.setToday('2026-12-04');
    up.npm.addPackage('left-pad', { daily: {} });
  });
  afterAll(async () => {
    await Promise.all([up.close(), db.drop(), webhook.close(), slack.close()]);
  });
  beforeEach(async () => {
    prefix = uniquePrefix();
    metricsPort = await closedPort();
    await clearCollectedData(db.url);
    await sqlRows(db.url, 'TRUNCATE alert_events CASCADE');
    webhook.requests.length = 0;
    slack.requests.length = 0;
    notify = new Queue<DeliverJobData>(NOTIFY_QUEUE, { connection: { url: TEST_REDIS_URL }, prefix });
    worker = startInProcessWorker(env(), config);
  });
  afterEach(async () => {
    await worker?.stop();
    await notify.close();
    await deletePrefix(prefix);
  });

  const env = (): NodeJS.ProcessEnv => ({
    ...up.env(),
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    OSS_PULSE_QUEUE_PREFIX: prefix,
    // 8 attempts from 5 ms doubling: a delivery's retries all fit in well under a second.
    OSS_PULSE_RETRY_DELAY_MS: '5',
    OSS_PULSE_METRICS_PORT: String(metricsPort),
    OPS_WEBHOOK_URL: `${webhook.url}/hooks/ops`,
    OPS_WEBHOOK_SECRET: SECRET,
    SLACK_WEBHOOK_URL: `${slack.url}/services/T000/B000/secrettokenpart`,
  });
  /** left-pad's last 7 days add up to `weekly`. */
  const setWeekly = (weekly: number) => up.npm.setDownloads('left-pad', { '2026-12-03': weekly });
  const finishedRuns = async () => (await sqlRows(db.url, 'SELECT id FROM collection_runs WHERE finished_at IS NOT NULL')).length;
  /** Enqueues an npm round and waits until it is recorded: the `n`th finished run. */
  const round = async (n: number) => {
    const result = await runCli(['enqueue', 'npm'], { env: env(), cwd: await tempWorkdir() });
    expect(result.stdout).toMatch(/npm: round enqueued/);
    await waitFor(`round ${n} to finish`, async () => (await finishedRuns()) >= n);
  };
  const deliveries = () => sqlRows<{ channel: string; status: string; attempts: number }>(db.url, 'SELECT channel, status, attempts FROM deliveries ORDER BY channel');
  const settled = (statuses: Record<string, string>) =>
    waitFor(`deliveries ${JSON.stringify(statuses)}`, async () => {
      const rows = await deliveries();
      return rows.length === Object.keys(statuses).length && rows.every((row) => statuses[row.channel] === row.status) && rows;
    });
  const metric = async (name: string, labels: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('delivers a crossing once per channel through 5xx answers, drops on 410, and never sends twice', async () => {
    setWeekly(9_000);
    await round(1);
    expect(await sqlRows(db.url, 'SELECT id FROM alert_events')).toEqual([]);

    setWeekly(12_500);
    webhook.answer({ status: 500 }, { status: 502 });
    slack.answer({ status: 410, body: 'channel_is_archived' });
    await round(2);
    const rows = await settled({ ops: 'delivered', 'team-chat': 'dropped' });
    expect(rows).toEqual([
      { channel: 'ops', status: 'delivered', attempts: 3 },
      { channel: 'team-chat', status: 'dropped', attempts: 1 },
    ]);
    const events = await sqlRows<{ id: string }>(db.url, 'SELECT id FROM alert_events');
    expect(events).toHaveLength(1);
    const eventId = events[0]?.id ?? '';

    // Three tries, one signed delivery; the refused channel was tried once.
    expect(webhook.requests).toHaveLength(3);
    const last = webhook.requests.at(-1);
    expect(last?.headers['x-oss-pulse-event']).toBe(eventId);
    expect(last?.headers['x-oss-pulse-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(last?.body ?? '').digest('hex')}`);
    expect(slack.requests).toHaveLength(1);

    // The jobs in Redis: ids only, no address, no secret.
    const jobs = await notify.getJobs(['completed', 'failed', 'delayed', 'waiting', 'active']);
    expect(jobs.map((job) => [job.id, job.data]).sort()).toEqual([
      [deliverJobId(eventId, 'ops'), { eventId, channel: 'ops' }],
      [deliverJobId(eventId, 'team-chat'), { eventId, channel: 'team-chat' }],
    ]);
    const stored = JSON.stringify(jobs.map((job) => job.asJSON()));
    for (const secret of [SECRET, webhook.url, slack.url, 'secrettokenpart']) expect(stored).not.toContain(secret);

    expect(await metric('oss_pulse_alert_events_total', `rule="${RULE}"`)).toBe(1);
    expect(await metric('oss_pulse_deliveries_total', 'channel="ops",status="retry"')).toBe(2);
    expect(await metric('oss_pulse_deliveries_total', 'channel="ops",status="delivered"')).toBe(1);
    expect(await metric('oss_pulse_deliveries_total', 'channel="team-chat",status="dropped"')).toBe(1);

    // The round again (still above the level): no new event, no new job, nothing sent.
    setWeekly(13_000);
    await round(3);
    expect(await sqlRows(db.url, 'SELECT id FROM alert_events')).toHaveLength(1);
    expect(await notify.getJobCountByTypes('completed', 'failed', 'delayed', 'waiting', 'active')).toBe(2);

    // A delivery job run again (as after a worker killed mid-way) finds it delivered and sends nothing.
    const again = await notify.add('deliver', { eventId, channel: 'ops' }, { jobId: 'deliver-again' });
    const outcome = await waitFor('the repeated job', async () => (await notify.getJob(again.id ?? ''))?.returnvalue as string | undefined);
    expect(outcome).toBe('already');
    expect(webhook.requests).toHaveLength(3);
    expect(slack.requests).toHaveLength(1);
    expect(worker?.logs()).not.toContain('secrettokenpart');
    expect(worker?.logs()).not.toContain(SECRET);
  });

  it("waits out a 429's Retry-After without spending an attempt, and records `failed` after the last one", async () => {
    setWeekly(9_000);
    await round(1);
    setWeekly(12_500);
    webhook.answer({ status: 429, headers: { 'retry-after': '0' } });
    slack.answer(...Array.from({ length: 8 }, () => ({ status: 503 })));
    await round(2);
    await settled({ ops: 'delivered', 'team-chat': 'failed' });
    const [event] = await sqlRows<{ id: string }>(db.url, 'SELECT id FROM alert_events');
    const ops = await notify.getJob(deliverJobId(event?.id ?? '', 'ops'));
    expect({ made: ops?.attemptsMade, started: ops?.attemptsStarted }).toEqual({ made: 1, started: 2 });
    const chat = await notify.getJob(deliverJobId(event?.id ?? '', 'team-chat'));
    expect(chat?.attemptsMade).toBe(8);
    expect(slack.requests).toHaveLength(8);
    expect(await metric('oss_pulse_deliveries_total', 'channel="team-chat",status="failed"')).toBe(1);
    expect(await metric('oss_pulse_deliveries_total', 'channel="team-chat",status="retry"')).toBe(7);
  });

  it('queues the digest after the report job: the week sent once to the digest channels', async () => {
    setWeekly(9_000);
    await round(1);
    const reports = new Queue('reports', { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      await reports.add('report', { week: '2026-W49' });
      await settled({ ops: 'delivered' });
      await reports.add('report', { week: '2026-W49' }, { jobId: 'again' });
      await waitFor('the second report job', async () => (await reports.getJob('again'))?.finishedOn !== undefined);
    } finally {
      await reports.close();
    }
    const digests = webhook.requests.map((request) => JSON.parse(request.body) as { rule: string; week: string; message: string });
    expect(digests.map(({ rule, week }) => ({ rule, week }))).toEqual([{ rule: 'weekly digest', week: '2026-W49' }]);
    expect(digests[0]?.message).toContain('left-pad');
    expect(await sqlRows(db.url, 'SELECT channel, status FROM deliveries')).toEqual([{ channel: 'ops', status: 'delivered' }]);
  });
});
