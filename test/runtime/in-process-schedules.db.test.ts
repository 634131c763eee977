import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { type InProcessSchedules, type ScheduleEvent, startInProcessSchedules, type TimerSeam } from '../../runtime/in-process-schedules.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openRuntime, type Runtime } from '../../runtime/open-runtime.ts';
import type { ScheduleOptions } from '../../runtime/planned-schedules.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';
import { tempWorkdir } from '../helpers/cli.ts';
import { clearCollectedData, createMigratedTestDatabase, sqlRows } from '../helpers/database.ts';
import { startHttpReceiver } from '../helpers/alert-receivers.ts';

const TOKEN = 'ghp_inprocessschedules000000000000000000001';
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The test's clock and the schedules' alarms on it, both moved only by `advanceTo`. */
function manualClock(start: string) {
  let now = Date.parse(start);
  let lastHandle = 0;
  const alarms = new Map<number, { at: number; ring: () => void }>();
  const timers: TimerSeam = {
    setTimeout: (ring, ms) => {
      alarms.set(++lastHandle, { at: now + ms, ring });
      return lastHandle;
    },
    clearTimeout: (handle) => alarms.delete(handle as number),
  };
  return {
    now: () => new Date(now),
    timers,
    /** How far ahead each alarm is set. */
    alarms: () => [...alarms.values()].map(({ at }) => at - now).sort((a, b) => a - b),
    /** Moves the clock to `time`, ringing every alarm due by then at its own time, earliest first. */
    advanceTo(time: string | number) {
      const end = typeof time === 'number' ? time : Date.parse(time);
      for (;;) {
        const [handle, alarm] = [...alarms].filter(([, { at }]) => at <= end).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
        if (handle === undefined || alarm === undefined) break;
        alarms.delete(handle);
        now = Math.max(now, alarm.at);
        alarm.ring();
      }
      now = end;
    },
  };
}

/** The events told so far, and a way to wait for the nth of a kind. */
function eventLog() {
  const events: ScheduleEvent[] = [];
  const waiting = new Set<() => void>();
  const count = (type: ScheduleEvent['type'], id: string) => events.filter((event) => event.type === type && event.id === id);
  return {
    events,
    onRound: (event: ScheduleEvent) => {
      events.push(event);
      for (const wake of waiting) wake();
      waiting.clear();
    },
    async nth(n: number, type: ScheduleEvent['type'], id: string): Promise<ScheduleEvent> {
      while (count(type, id).length < n) await new Promise<void>((resolve) => waiting.add(resolve));
      return count(type, id)[n - 1] as ScheduleEvent;
    },
  };
}

describe('schedules run in-process (serve --collect)', () => {
  let up: FakeUpstream;
  let db: { url: string; drop(): Promise<void> };
  let runtime: Runtime | undefined;
  let schedules: InProcessSchedules | undefined;
  let logs = '';
  /** While unresolved, requests to the npm fake wait: a round as slow as the test wants. */
  let npmGate: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    [up, db] = await Promise.all([startFakeUpstream(), createMigratedTestDatabase()]);
    up.npm.setToday('2026-11-30');
    up.npm.addPackage('openai', { daily: { '2026-11-29': 1_000, '2026-11-20': 500 } });
    up.npm.addPackage('langchain', { daily: { '2026-11-29': 300 } });
    up.pypistats.addPackage('transformers', { lastDay: 10, lastWeek: 70, lastMonth: 300 });
  });
  afterAll(async () => {
    await up.close();
    await db.drop();
  });
  beforeEach(async () => {
    logs = '';
    npmGate = Promise.resolve();
    await clearCollectedData(db.url);
    await sqlRows(db.url, 'TRUNCATE alert_events CASCADE');
  });
  afterEach(async () => {
    await schedules?.stop();
    await runtime?.close();
    schedules = runtime = undefined;
  });

  const start = async (
    yaml: string,
    seams: { clock?: ReturnType<typeof manualClock>; reportsDir?: string; options?: ScheduleOptions; catchUp?: boolean; alertEnv?: NodeJS.ProcessEnv } = {},
  ) => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    runtime = await openRuntime({
      env: { ...up.env(), DATABASE_URL: db.url, GITHUB_TOKEN: TOKEN },
      cwd: process.cwd(),
      logger: createLogger({ level: 'debug', pretty: false, destination: sink }),
      now: seams.clock?.now,
      fetch: async (input, init) => {
        if ((input instanceof Request ? input.url : String(input)).startsWith(up.npm.url)) await npmGate;
        return fetch(input, init);
      },
      secondMs: 1,
      pypiIntervalMs: 0,
      retry: { baseDelayMs: 1 },
    });
    const events = eventLog();
    const config = parseConfig(yaml, 'test.yaml');
    const reportsDir = seams.reportsDir ?? join(await tempWorkdir(), 'reports');
    schedules = startInProcessSchedules({
      runtime,
      config,
      reportsDir,
      options: seams.options,
      timers: seams.clock?.timers,
      onRound: events.onRound,
      catchUp: seams.catchUp,
      channels: { env: seams.alertEnv },
    });
    return { schedules, events };
  };
  const runs = () =>
    sqlRows<{ source: string; trigger: string; status: string; started_at: Date; error: string | null }>(
      db.url,
      'SELECT source, trigger, status, started_at, error FROM collection_runs ORDER BY id',
    );
  const BOTH = 'npm:\n  packages: [openai, langchain]\npypi:\n  packages: [transformers]\nschedules:\n  npm: "* * * * *"\n  pypi: "* * * * *"\n';

  it("runs each source's round at its ticks, recorded with the schedule trigger", async () => {
    const clock = manualClock('2026-11-30T00:00:30Z');
    const { schedules, events } = await start(BOTH, { clock });
    expect(schedules.next()).toEqual([
      { id: 'round:npm', next: '2026-11-30T00:01:00.000Z' },
      { id: 'round:pypi', next: '2026-11-30T00:01:00.000Z' },
      { id: 'report', next: '2026-11-30T06:00:00.000Z' },
    ]);
    clock.advanceTo('2026-11-30T00:01:00Z');
    await Promise.all([events.nth(1, 'finished', 'round:npm'), events.nth(1, 'finished', 'round:pypi')]);
    clock.advanceTo('2026-11-30T00:02:00Z');
    await Promise.all([events.nth(2, 'finished', 'round:npm'), events.nth(2, 'finished', 'round:pypi')]);

    const recorded = (await runs()).map(({ source, trigger, status, started_at }) => ({ source, trigger, status, at: started_at.toISOString() }));
    expect(recorded.sort((a, b) => `${a.at}${a.source}`.localeCompare(`${b.at}${b.source}`))).toEqual([
      { source: 'npm', trigger: 'schedule', status: 'ok', at: '2026-11-30T00:01:00.000Z' },
      { source: 'pypi', trigger: 'schedule', status: 'ok', at: '2026-11-30T00:01:00.000Z' },
      { source: 'npm', trigger: 'schedule', status: 'ok', at: '2026-11-30T00:02:00.000Z' },
      { source: 'pypi', trigger: 'schedule', status: 'ok', at: '2026-11-30T00:02:00.000Z' },
    ]);
    const openai = await sqlRows<{ value: string; observed_at: Date }>(
      db.url,
      `SELECT value, observed_at FROM samples JOIN subjects ON subjects.id = subject_id WHERE key = 'openai' AND metric = 'downloads_7d' ORDER BY observed_at`,
    );
    expect(openai.map((row) => [row.observed_at.toISOString(), row.value])).toEqual([
      ['2026-11-30T00:01:00.000Z', '1000'],
      ['2026-11-30T00:02:00.000Z', '1000'],
    ]);
    expect(schedules.next().map((schedule) => schedule.next)).toEqual(['2026-11-30T00:03:00.000Z', '2026-11-30T00:03:00.000Z', '2026-11-30T06:00:00.000Z']);
    expect(logs).toMatch(/"source":"npm".*"msg":"collected"/);
  });

  it("skips a tick while the source's round still runs, runs other sources meanwhile, and stop() waits for the round", async () => {
    let openGate = () => {};
    npmGate = new Promise((resolve) => (openGate = resolve));
    const clock = manualClock('2026-11-30T00:00:30Z');
    const { schedules, events } = await start(BOTH, { clock });
    clock.advanceTo('2026-11-30T00:01:00Z');
    await events.nth(1, 'finished', 'round:pypi');
    clock.advanceTo('2026-11-30T00:02:00Z');
    expect(await events.nth(1, 'skipped', 'round:npm')).toEqual({ type: 'skipped', id: 'round:npm', tick: '2026-11-30T00:02:00.000Z' });
    await events.nth(2, 'finished', 'round:pypi');
    expect(logs).toContain('round:npm: tick skipped, the previous one is still running');

    let stopped = false;
    const stopping = schedules.stop().then(() => (stopped = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    openGate();
    await stopping;
    // Stopped only once the held round was done, and nothing starts after.
    const npmRuns = (await runs()).filter((run) => run.source === 'npm');
    expect(npmRuns.map(({ status, started_at }) => [status, started_at.toISOString()])).toEqual([['ok', '2026-11-30T00:01:00.000Z']]);
    expect(clock.alarms()).toEqual([]);
    expect(schedules.next()).toEqual([]);
    const told = events.events.length;
    clock.advanceTo('2026-11-30T00:10:00Z');
    expect(events.events).toHaveLength(told);
    expect(await runs()).toHaveLength(3);
  });

  it('logs a failing round without its secrets, and the next tick runs', async () => {
    await sqlRows(
      db.url,
      `CREATE FUNCTION refuse_samples() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full, said ${TOKEN}'; END $$;
       CREATE TRIGGER refuse_samples BEFORE INSERT ON samples FOR EACH STATEMENT EXECUTE FUNCTION refuse_samples();`,
    );
    const clock = manualClock('2026-11-30T00:00:30Z');
    try {
      const { events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "* * * * *"\n', { clock });
      clock.advanceTo('2026-11-30T00:01:00Z');
      const failed = await events.nth(1, 'failed', 'round:npm');
      expect(failed).toMatchObject({ tick: '2026-11-30T00:01:00.000Z', error: 'database query failed: disk full, said [redacted]' });
      await sqlRows(db.url, 'DROP TRIGGER refuse_samples ON samples; DROP FUNCTION refuse_samples()');
      clock.advanceTo('2026-11-30T00:02:00Z');
      await events.nth(1, 'finished', 'round:npm');
    } finally {
      await sqlRows(db.url, 'DROP TRIGGER IF EXISTS refuse_samples ON samples; DROP FUNCTION IF EXISTS refuse_samples()');
    }
    expect((await runs()).map(({ trigger, status }) => [trigger, status])).toEqual([
      ['schedule', 'failed'],
      ['schedule', 'ok'],
    ]);
    const errorLine = logs.split('\n').find((line) => line.includes('"level":"error"')) ?? '';
    expect(JSON.parse(errorLine)).toMatchObject({ schedule: 'round:npm', msg: 'round:npm failed: database query failed: disk full, said [redacted]' });
    expect(logs).not.toContain(TOKEN);
  });

  it("writes the last complete week's report at the report tick", async () => {
    const clock = manualClock('2026-11-29T12:00:00Z'); // Sunday of 2026-W48
    const reportsDir = join(await tempWorkdir(), 'reports');
    const { events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "0 13 29 11 *"\n', { clock, reportsDir });
    clock.advanceTo('2026-11-29T13:00:00Z');
    await events.nth(1, 'finished', 'round:npm');
    clock.advanceTo('2026-11-30T06:00:00Z'); // the default: Monday 06:00
    const written = await events.nth(1, 'finished', 'report');
    expect(written).toMatchObject({ tick: '2026-11-30T06:00:00.000Z', result: { week: '2026-W48', series: 2 } });
    expect((await readdir(reportsDir)).sort()).toEqual(['oss-pulse-2026-W48.csv', 'oss-pulse-2026-W48.html', 'oss-pulse-2026-W48.json', 'oss-pulse-2026-W48.md']);
    expect(await readFile(join(reportsDir, 'oss-pulse-2026-W48.csv'), 'utf8')).toContain('2026-W48,npm_package,openai,openai,downloads_7d,1000,');
  });

  it('sends the digest of the week to the digest channels once, after the report tick', async () => {
    const receiver = await startHttpReceiver();
    try {
      const clock = manualClock('2026-11-29T12:00:00Z');
      const yaml =
        'npm:\n  packages: [openai]\nschedules:\n  npm: "0 13 29 11 *"\n' +
        'channels:\n  - { name: ops, type: webhook, url_env: OPS_URL }\ndigest: { channels: [ops] }\n';
      const { events } = await start(yaml, { clock, alertEnv: { OPS_URL: `${receiver.url}/digest` } });
      clock.advanceTo('2026-11-29T13:00:00Z');
      await events.nth(1, 'finished', 'round:npm');
      clock.advanceTo('2026-11-30T06:00:00Z');
      await events.nth(1, 'finished', 'report');
      expect(receiver.requests).toHaveLength(1);
      const body = JSON.parse(receiver.requests[0]?.body ?? '{}') as { rule: string; week: string; message: string };
      expect(body).toMatchObject({ rule: 'weekly digest', week: '2026-W48' });
      // The message is the week's Markdown report.
      expect(body.message).toContain('2026-W48');
      expect(body.message).toContain('openai');
      const deliveries = await sqlRows<{ channel: string; status: string }>(db.url, 'SELECT channel, status FROM deliveries');
      expect(deliveries).toEqual([{ channel: 'ops', status: 'delivered' }]);
      // The next week's tick sends the next week's digest; W48's is not sent again.
      clock.advanceTo('2026-12-07T06:00:00Z');
      await events.nth(2, 'finished', 'report');
      expect(receiver.requests.map((request) => (JSON.parse(request.body) as { week: string }).week)).toEqual(['2026-W48', '2026-W49']);
    } finally {
      await receiver.close();
    }
  });

  it('logs a report that cannot be written, and writes the next one', async () => {
    const clock = manualClock('2026-11-30T05:00:00Z');
    const reportsDir = join(await tempWorkdir(), 'reports');
    await writeFile(reportsDir, 'a file where the folder should be');
    const { events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "0 0 1 1 *"\n', { clock, reportsDir });
    clock.advanceTo('2026-11-30T06:00:00Z');
    await events.nth(1, 'failed', 'report');
    expect(logs).toMatch(/"level":"error".*report failed: /);
    await rm(reportsDir);
    clock.advanceTo('2026-12-07T06:00:00Z');
    expect(await events.nth(1, 'finished', 'report')).toMatchObject({ result: { week: '2026-W49' } });
    expect(await readdir(reportsDir)).toContain('oss-pulse-2026-W49.md');
  });

  it('reaches a tick more than 24.8 days away in steps of the longest timer', async () => {
    const clock = manualClock('2026-11-30T07:00:00Z');
    const { schedules, events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "0 0 1 1 *"\n  report: "0 6 1 1 *"\n', { clock });
    expect(clock.alarms()).toEqual([LONGEST_TIMER_MS, LONGEST_TIMER_MS]);
    clock.advanceTo(clock.now().getTime() + LONGEST_TIMER_MS);
    expect(events.events).toEqual([]);
    expect(schedules.next()).toEqual([
      { id: 'round:npm', next: '2027-01-01T00:00:00.000Z' },
      { id: 'report', next: '2027-01-01T06:00:00.000Z' },
    ]);
    expect(clock.alarms()[0]).toBe(Date.parse('2027-01-01T00:00:00Z') - clock.now().getTime());
    clock.advanceTo('2027-01-01T00:00:00Z');
    expect(await events.nth(1, 'finished', 'round:npm')).toMatchObject({ tick: '2027-01-01T00:00:00.000Z' });
  });

  it('with catchUp, a source that missed its latest tick (or never ran) gets a round at once; one that ran since does not', async () => {
    // pypi's latest tick (hourly) was 00:00; it ran at 00:10. npm's (daily, 00:00) it missed: its last round was the day before.
    await sqlRows(
      db.url,
      `INSERT INTO collection_runs (source, trigger, started_at, finished_at, status) VALUES
         ('pypi', 'schedule', '2026-11-30T00:10:00Z', '2026-11-30T00:10:05Z', 'ok'),
         ('npm', 'collect', '2026-11-29T00:00:01Z', '2026-11-29T00:00:05Z', 'ok'),
         ('npm', 'backfill', '2026-11-30T00:20:00Z', '2026-11-30T00:20:05Z', 'ok')`,
    );
    const clock = manualClock('2026-11-30T00:30:00Z');
    const yaml = 'npm:\n  packages: [openai]\npypi:\n  packages: [transformers]\nschedules:\n  npm: "0 0 * * *"\n  pypi: "0 * * * *"\n';
    const { schedules, events } = await start(yaml, { clock, catchUp: true });
    expect(await events.nth(1, 'finished', 'round:npm')).toMatchObject({ tick: '2026-11-30T00:00:00.000Z' });
    await schedules.stop();
    expect(events.events.filter((event) => event.id === 'round:pypi')).toEqual([]);
    const caughtUp = (await runs()).filter((run) => run.started_at.toISOString() === '2026-11-30T00:30:00.000Z');
    expect(caughtUp.map(({ source, trigger, status }) => ({ source, trigger, status }))).toEqual([{ source: 'npm', trigger: 'schedule', status: 'ok' }]);
  });

  it('without catchUp, nothing runs before the first tick', async () => {
    const clock = manualClock('2026-11-30T00:30:00Z');
    const { schedules, events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "0 0 * * *"\n', { clock });
    await schedules.stop();
    expect(events.events).toEqual([]);
    expect(await runs()).toEqual([]);
  });

  it('ticks every second on the real clock with inSeconds', async () => {
    const { events } = await start('npm:\n  packages: [openai]\nschedules:\n  npm: "* * * * *"\n', { options: { inSeconds: true } });
    const first = await events.nth(1, 'finished', 'round:npm');
    const second = await events.nth(2, 'finished', 'round:npm');
    expect(Date.parse(second.tick) - Date.parse(first.tick)).toBeGreaterThanOrEqual(1_000);
    expect(first.tick).toMatch(/:\d\d\.000Z$/);
    await schedules?.stop();
    expect((await runs()).filter((run) => run.trigger === 'schedule')).toHaveLength(events.events.filter((event) => event.type === 'started').length);
  });
});
