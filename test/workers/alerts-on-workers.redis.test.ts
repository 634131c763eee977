// Alerts end to end on real worker processes: ten weeks of history collected from the
// fake GitHub, then one queued round that crosses a level, spikes a repository's stars
// and swaps a comparison's leader. The worker delivering them is SIGKILLed with a
// webhook request in flight; another worker finishes. Each occurrence is one event,
// each reaches the signed webhook, the Slack-like receiver and the SMTP server, and a
// re-run adds nothing. A delivery a killed worker recorded and never queued is sent by
// the next round.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { type HttpReceiver, type SmtpReceiver, startHttpReceiver, startSmtpReceiver } from '../helpers/alert-receivers.ts';
import { runCli } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { type Deployment, deployment } from '../helpers/deployment.ts';
import { readMail } from '../helpers/read-mail.ts';
import { deletePrefix, uniquePrefix, waitFor } from '../helpers/redis.ts';
import { killAllSpawned, spawnCli, type SpawnedCli } from '../helpers/spawn-worker.ts';

const TOKEN = 'ghp_alertsonworkers00000000000000000042';
const SECRET = 'whsec_alertsonworkers000000000000001';
const SMTP_LOGIN = { user: 'pulse', password: 'smtp-password-alertsonworkers' };
const SLACK_PATH = '/services/T000/B000/slacksecretalertsonworkers';
const REPO = 'ggml-org/llama.cpp';
const COMPARISON = 'LLaMA vs GPT-4: repositories on GitHub';
const RULES = { crossing: 'LLaMA passes 7,000 repositories', spike: 'Star spikes', leader: 'LLaMA vs GPT-4 leader change' };
const WEEK_MS = 7 * 86_400_000;

const watchlist = `github:
  repos: ["${REPO}"]
  searches: ["llama", "gpt-4"]
comparisons:
  - { name: "${COMPARISON}", series: ["github_search:llama", "github_search:gpt-4"] }
`;
const withAlerts = `${watchlist}alerts:
  - name: "${RULES.crossing}"
    when: { series: "github_search:llama", above: 7000 }
  - name: "${RULES.spike}"
    when: { kind: github_repo, metric: stars, spike: 3 }
  - name: "${RULES.leader}"
    when: { comparison: "${COMPARISON}", leader_changes: true }
channels:
  - { name: ops, type: webhook, url_env: OPS_WEBHOOK_URL, secret_env: OPS_WEBHOOK_SECRET }
  - { name: team-chat, type: slack, url_env: SLACK_WEBHOOK_URL }
  - { name: mail, type: email, to: [team@example.org], smtp_env: SMTP_URL }
`;

interface EventRow {
  id: string;
  rule: string;
  key: string;
  value: string;
  previous_value: string;
}

describe('alerts on worker processes', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let webhook: HttpReceiver;
  let slack: HttpReceiver;
  let smtp: SmtpReceiver;
  let prefix: string;
  let spawned: SpawnedCli[] = [];

  beforeAll(async () => {
    [up, db, webhook, slack, smtp] = await Promise.all([
      startFakeUpstream(),
      createMigratedTestDatabase(),
      startHttpReceiver(),
      startHttpReceiver(),
      startSmtpReceiver(SMTP_LOGIN),
    ]);
    up.github.addToken(TOKEN);
    up.github.addRepo({ id: 612354784, fullName: REPO, stars: 1000, forks: 10, subscribers: 5, openIssues: 3, openPullRequests: 1 });
  });
  afterAll(async () => {
    await killAllSpawned();
    await Promise.all([up?.close(), db?.drop(), webhook?.close(), slack?.close(), smtp?.close()]);
  });
  beforeEach(async ({ onTestFailed }) => {
    prefix = uniquePrefix();
    spawned = [];
    onTestFailed(() => {
      for (const [i, cli] of spawned.entries()) console.error(`worker #${i + 1}, last logs:\n${cli.tail(30)}`);
    });
    await clearCollectedData(db.url);
    await sqlRows(db.url, 'TRUNCATE alert_events CASCADE');
    webhook.requests.length = 0;
    slack.requests.length = 0;
    smtp.mails.length = 0;
  });
  afterEach(async () => {
    await killAllSpawned();
    await deletePrefix(prefix);
  });

  /** The environment a deployment gives every process, with `yaml` as its config. */
  const deploymentOf = (yaml: string) =>
    deployment(
      yaml,
      { up, databaseUrl: db.url, prefix },
      {
        GITHUB_TOKEN: TOKEN,
        OSS_PULSE_PUBLIC_URL: 'https://pulse.example.org',
        OSS_PULSE_RETRY_DELAY_MS: '50',
        OPS_WEBHOOK_URL: `${webhook.url}/hooks/ops`,
        OPS_WEBHOOK_SECRET: SECRET,
        SLACK_WEBHOOK_URL: `${slack.url}${SLACK_PATH}`,
        SMTP_URL: smtp.url(SMTP_LOGIN),
      },
    );

  /** Figures on the fake GitHub. */
  const setFigures = (figures: { stars: number; llama: number; gpt4: number }) => {
    up.github.updateRepo(REPO, { stars: figures.stars });
    up.github.setSearchCount('llama', figures.llama);
    up.github.setSearchCount('gpt-4', figures.gpt4);
  };

  /**
   * Ten weeks of history, collected in-process by `collect` with its clock set back
   * (the config has no alerts, so nothing fires): stars growing 10 a week, GPT-4 ahead
   * of LLaMA, then an hour ago LLaMA just under 7,000 and still behind.
   */
  async function collectHistory(now: number) {
    const { cwd, env } = await deploymentOf(watchlist);
    const history = { ...env, REDIS_URL: '' };
    for (let weeksAgo = 10; weeksAgo >= 1; weeksAgo--) {
      setFigures({ stars: 1100 - 10 * weeksAgo, llama: 7000 - 100 * weeksAgo, gpt4: 6950 });
      const result = await runCli(['collect', 'github-repos', 'github-search'], { env: history, cwd, now: () => new Date(now - weeksAgo * WEEK_MS) });
      expect(result.code, result.logs.slice(-1500)).toBe(0);
    }
    setFigures({ stars: 1100, llama: 6900, gpt4: 6950 });
    const lastHour = await runCli(['collect', 'github-repos', 'github-search'], { env: history, cwd, now: () => new Date(now - 3_600_000) });
    expect(lastHour.code, lastHour.logs.slice(-1500)).toBe(0);
  }

  const spawnWorker = (deploy: Deployment) => {
    const worker = spawnCli(['worker'], deploy);
    spawned.push(worker);
    return worker;
  };
  const finishedRuns = async () =>
    Number((await sqlRows<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM collection_runs WHERE trigger = 'enqueue' AND finished_at IS NOT NULL"))[0]?.n);
  const enqueueRounds = async (deploy: Deployment, finishedBefore: number) => {
    const result = await runCli(['enqueue', 'github-repos', 'github-search'], deploy);
    expect(result.code, result.stderr).toBe(0);
    await waitFor('both rounds to finish', async () => (await finishedRuns()) >= finishedBefore + 2, 30_000);
  };
  const events = () =>
    sqlRows<EventRow>(db.url, 'SELECT id, rule, key, value::text, previous_value::text FROM alert_events ORDER BY rule COLLATE "C"');
  const deliveries = () =>
    sqlRows<{ rule: string; channel: string; status: string; attempts: number }>(
      db.url,
      'SELECT e.rule, d.channel, d.status, d.attempts FROM deliveries d JOIN alert_events e ON e.id = d.event_id ORDER BY e.rule COLLATE "C", d.channel COLLATE "C"',
    );
  const allDelivered = (count: number) =>
    waitFor(
      `${count} deliveries delivered`,
      async () => {
        const rows = await deliveries();
        return rows.length === count && rows.every((row) => row.status === 'delivered') && rows;
      },
      30_000,
    );

  it('crossing, spike and leader change: one event each, delivered to all three channels once, through a SIGKILLed worker and a re-run', async () => {
    const now = Date.now();
    await collectHistory(now);
    const deploy = await deploymentOf(withAlerts);

    // This round: LLaMA passes 7,000 and GPT-4, and the repository gains 500 stars in a week of +10s.
    setFigures({ stars: 1600, llama: 7100, gpt4: 6960 });
    webhook.answer('hang');
    const a = spawnWorker(deploy);
    await a.waitForLog('worker started');
    await enqueueRounds(deploy, 0);
    await waitFor('the first webhook request', async () => webhook.requests.length > 0, 20_000);
    a.process.kill('SIGKILL');
    expect(await a.exitWithin(5_000)).toBeNull();
    const heldEvent = webhook.requests[0]?.headers['x-oss-pulse-event'];

    const b = spawnWorker(deploy);
    const delivered = await allDelivered(9);
    expect(delivered.map((row) => [row.rule, row.channel])).toEqual(
      [RULES.crossing, RULES.leader, RULES.spike].flatMap((rule) => ['mail', 'ops', 'team-chat'].map((channel) => [rule, channel])),
    );

    const found = await events();
    expect(found.map(({ id: _id, ...rest }) => rest)).toEqual([
      { rule: RULES.crossing, key: 'llama', value: '7100', previous_value: '6900' },
      { rule: RULES.leader, key: 'llama', value: '7100', previous_value: '6960' },
      { rule: RULES.spike, key: REPO, value: '1600', previous_value: '1090' },
    ]);
    const ids = new Set(found.map((event) => event.id));

    // The webhook: every event, signed; the one held when A died was sent again by B, and nothing else twice.
    const webhookIds = webhook.requests.map((request) => request.headers['x-oss-pulse-event']);
    expect(new Set(webhookIds)).toEqual(ids);
    expect(webhookIds.filter((id) => id === heldEvent)).toHaveLength(2);
    expect(webhook.requests).toHaveLength(4);
    for (const request of webhook.requests) {
      expect(request.headers['x-oss-pulse-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`);
      const body = JSON.parse(request.body) as { id: string; rule: string; kind: string };
      expect(body.id).toBe(request.headers['x-oss-pulse-event']);
    }
    // Slack and e-mail: each event once, with the dashboard link.
    expect(slack.requests.map((request) => request.path)).toEqual([SLACK_PATH, SLACK_PATH, SLACK_PATH]);
    const slackText = slack.requests.map((request) => request.body).join('\n');
    for (const rule of Object.values(RULES)) expect(slackText).toContain(rule);
    expect(slackText).toContain('https://pulse.example.org/series/github_search/llama');
    expect(smtp.mails).toHaveLength(3);
    const subjects = smtp.mails.map((mail) => readMail(mail.raw).subject);
    for (const rule of Object.values(RULES)) expect(subjects.filter((subject) => subject.includes(rule))).toHaveLength(1);
    expect(smtp.logins.every((login) => login.user === SMTP_LOGIN.user)).toBe(true);

    // The same rounds again, figures a little higher: no new event, nothing sent.
    setFigures({ stars: 1610, llama: 7150, gpt4: 6970 });
    await enqueueRounds(deploy, 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await events()).map((event) => event.id)).toEqual(found.map((event) => event.id));
    expect(await deliveries()).toHaveLength(9);
    expect({ webhook: webhook.requests.length, slack: slack.requests.length, mail: smtp.mails.length }).toEqual({ webhook: 4, slack: 3, mail: 3 });

    const logs = JSON.stringify([...a.logs, ...b.logs]);
    for (const secret of [TOKEN, SECRET, SMTP_LOGIN.password, 'slacksecretalertsonworkers']) expect(logs).not.toContain(secret);
    const stored = JSON.stringify(await sqlRows(db.url, 'SELECT * FROM alert_events e JOIN deliveries d ON d.event_id = e.id'));
    for (const secret of [SECRET, SMTP_LOGIN.password, 'slacksecretalertsonworkers', webhook.url, slack.url]) expect(stored).not.toContain(secret);
  });

  it('sends a delivery a killed worker recorded and never queued, at the next round', async () => {
    const deploy = await deploymentOf(withAlerts);
    setFigures({ stars: 1000, llama: 100, gpt4: 50 });
    // What a worker killed between recording an event and queueing its jobs leaves behind.
    const stranded = new Date(Date.now() - 3_600_000).toISOString();
    await sqlRows(
      db.url,
      `INSERT INTO alert_events (id, rule, kind, key, label, metric, value, previous_value, delta, week, observed_at, message, created_at)
       VALUES ('evt_0123456789abcdef0123456789abcdef', $1, 'github_search', 'llama', 'llama', 'repositories', 7100, 6900, 200, '2026-W49', $2, 'llama passed 7,000 repositories', $2)`,
      [RULES.crossing, stranded],
    );
    await sqlRows(db.url, `INSERT INTO deliveries (event_id, channel, status, attempts, updated_at) VALUES ('evt_0123456789abcdef0123456789abcdef', 'ops', 'pending', 0, $1)`, [
      stranded,
    ]);
    const worker = spawnWorker(deploy);
    await worker.waitForLog('worker started');
    await enqueueRounds(deploy, 0);
    expect(await allDelivered(1)).toEqual([{ rule: RULES.crossing, channel: 'ops', status: 'delivered', attempts: 1 }]);
    expect(webhook.requests.map((request) => request.headers['x-oss-pulse-event'])).toEqual(['evt_0123456789abcdef0123456789abcdef']);
    expect(worker.logs).toContainEqual(expect.objectContaining({ msg: 'taking over deliveries an earlier run recorded and never sent', deliveries: 1 }));
  });
});
