/**
 * Terminology
 * - schedule: one of the config's `schedules:` with work to do (`plannedSchedules`): a
 *   source's rounds or the weekly report. The same list `worker --schedule` gives BullMQ.
 * - tick: a time the schedule's cron pattern names (UTC). Each tick starts a round, or
 *   writes the report, unless the schedule's previous one is still running.
 * - round: one `collectSource` of one source, recorded in `collection_runs` with the
 *   trigger `schedule`, as a queued scheduler tick is.
 */
import { CronExpressionParser } from 'cron-parser';
import { DrizzleQueryError } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import { collectSource, type RunSummary } from '../jobs/collect-source.ts';
import { lastRoundStartedAt } from '../jobs/collection-runs.ts';
import { alertAfterRounds, type InProcessAlertDeps, sendDigest } from '../alerts/alert-after-rounds.ts';
import { type ChannelAccess, deliveryDeps } from '../alerts/deliver-event.ts';
import { kindsOf, planOf, type SourceName, sourceNamed } from '../jobs/sources/registry.ts';
import { writeScheduledReport, type WrittenReport } from '../reports/write-report.ts';
import type { Runtime } from './open-runtime.ts';
import { type PlannedSchedule, plannedSchedules, type ScheduleOptions } from './planned-schedules.ts';

/** The clock's alarm: `runtime.now()` says what time it is, these wake the schedules up. */
export interface TimerSeam {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What a schedule did at a tick, for tests and logs. */
export type ScheduleEvent =
  | { type: 'started'; id: string; tick: string }
  | { type: 'finished'; id: string; tick: string; result: RunSummary | WrittenReport }
  | { type: 'failed'; id: string; tick: string; error: string }
  /** The schedule's previous round (or report) was still running: this tick does nothing. */
  | { type: 'skipped'; id: string; tick: string };

export interface InProcessSchedulesDeps {
  runtime: Runtime;
  config: Config;
  /** Where the `report` schedule writes its files (the config's `reports.dir`, resolved). */
  reportsDir: string;
  options?: ScheduleOptions;
  /** @defaultValue the global `setTimeout` and `clearTimeout` */
  timers?: TimerSeam;
  /** Told when a tick starts, finishes, fails or is skipped. */
  onRound?: (event: ScheduleEvent) => void;
  /** For alert deliveries after each round: the channels' variables, the network, `OSS_PULSE_PUBLIC_URL`. @defaultValue none: rules are judged, nothing is sent */
  channels?: ChannelAccess;
  /**
   * At start, a source whose last round began before its schedule's latest tick (or
   * that never ran: a fresh install) gets a round at once instead of waiting for the
   * next tick, so `serve --collect` shows figures within a minute and a process that
   * was down over a tick makes up for it once.
   * @defaultValue false
   */
  catchUp?: boolean;
}

export interface InProcessSchedules {
  /** Clears the timers and resolves when the running rounds and report have finished; no tick starts after it. */
  stop(): Promise<void>;
  /** The next tick of each schedule (ISO time), for logs; empty once stopped. */
  next(): { id: string; next: string }[];
}

/**
 * Node's timers take at most 2^31 - 1 ms (about 24.8 days) and fire at once beyond it;
 * a tick further away (a yearly pattern) is reached in steps of this length.
 */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

const REAL_TIMERS: TimerSeam = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs the config's schedules in this process, without Redis (`serve --collect`): one
 * timer per schedule, re-armed at each tick. A tick that finds the schedule's previous
 * round still running is skipped, as BullMQ's deduplication skips it; different
 * schedules run side by side. A failing round or report is logged and the schedule
 * goes on.
 */
export function startInProcessSchedules(deps: InProcessSchedulesDeps): InProcessSchedules {
  const { runtime } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const schedules = plannedSchedules(deps.config, deps.options);
  const armed = new Map<string, { due: Date; handle: unknown }>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const tell = (event: ScheduleEvent) => {
    try {
      deps.onRound?.(event);
    } catch (error) {
      runtime.logger.warn({ schedule: event.id }, `schedule listener failed: ${runtime.redact(messageOf(error))}`);
    }
  };

  const wait = (schedule: PlannedSchedule, due: Date) => {
    if (stopped) return;
    const ms = Math.min(Math.max(due.getTime() - runtime.now().getTime(), 0), LONGEST_TIMER_MS);
    armed.set(schedule.id, { due, handle: timers.setTimeout(() => wake(schedule, due), ms) });
  };

  const wake = (schedule: PlannedSchedule, due: Date) => {
    if (stopped) return;
    const now = runtime.now();
    // Woken early (a step of a long wait, or a timer a little ahead of the clock): not yet.
    if (now < due) return wait(schedule, due);
    // From the later of the tick and the clock: a tick is never run twice, and ticks
    // missed while the process was stalled are not caught up one after another.
    wait(schedule, nextTick(schedule.pattern, now > due ? now : due));
    runTick(schedule, due.toISOString());
  };

  const runTick = (schedule: PlannedSchedule, tick: string) => {
    const { id } = schedule;
    if (running.has(id)) {
      runtime.logger.info({ schedule: id, tick }, `${id}: tick skipped, the previous one is still running`);
      tell({ type: 'skipped', id, tick });
      return;
    }
    const work = runOnce(schedule, tick).finally(() => running.delete(id));
    running.set(id, work);
  };

  const runOnce = async (schedule: PlannedSchedule, tick: string) => {
    const { id } = schedule;
    tell({ type: 'started', id, tick });
    try {
      const result = schedule.source ? await runRound(deps, schedule.source, tick) : await runReport(deps, tick);
      tell({ type: 'finished', id, tick, result });
    } catch (error) {
      // Logged, never thrown: a rejection nobody awaits would end the process.
      const message = runtime.redact(messageOf(error));
      runtime.logger.error({ schedule: id, source: schedule.source, tick }, `${id} failed: ${message}`);
      tell({ type: 'failed', id, tick, error: message });
    }
  };

  for (const schedule of schedules) wait(schedule, nextTick(schedule.pattern, runtime.now()));
  if (deps.catchUp) {
    const missed = schedules.filter((schedule) => schedule.source !== undefined);
    const catchingUp = (async () => {
      for (const schedule of missed) {
        const latest = previousTick(schedule.pattern, runtime.now());
        const last = await lastRoundStartedAt(runtime.db, schedule.source ?? '');
        if (!stopped && (last === null || last < latest)) runTick(schedule, latest.toISOString());
      }
    })().catch((error: unknown) => runtime.logger.error(`could not look for missed rounds: ${runtime.redact(messageOf(error))}`));
    running.set('catch-up', catchingUp);
    void catchingUp.finally(() => running.delete('catch-up'));
  }

  return {
    async stop() {
      stopped = true;
      for (const { handle } of armed.values()) timers.clearTimeout(handle);
      armed.clear();
      await Promise.all(running.values());
    },
    next: () => [...armed].map(([id, { due }]) => ({ id, next: due.toISOString() })),
  };
}

async function runRound(deps: InProcessSchedulesDeps, source: SourceName, tick: string): Promise<RunSummary> {
  const { runtime, config } = deps;
  const job = sourceNamed(source);
  const batches = planOf(job, job, config);
  const log = runtime.logger.child({ source, trigger: 'schedule', tick });
  log.info({ batches: batches.length }, 'collecting');
  const summary = await collectSource(job, batches, runtime, { trigger: 'schedule' });
  if (summary.samplesWritten > 0) {
    await alertAfterRounds(alertDeps(deps), kindsOf(job));
  }
  log.info(
    { runId: summary.runId, ok: summary.subjectsOk, failed: summary.failures.length, requests: summary.requests, samples: summary.samplesWritten },
    'collected',
  );
  return summary;
}

async function runReport(deps: InProcessSchedulesDeps, tick: string): Promise<WrittenReport> {
  const { runtime } = deps;
  runtime.logger.info({ trigger: 'schedule', tick }, 'writing the report');
  const written = await writeScheduledReport(runtime.db, deps.config, { dir: deps.reportsDir, now: runtime.now() });
  runtime.logger.info({ trigger: 'schedule', tick, week: written.week, series: written.series, files: written.files }, 'report written');
  await sendDigest(alertDeps(deps), written.week);
  return written;
}

function alertDeps({ runtime, config, channels }: InProcessSchedulesDeps): InProcessAlertDeps {
  return { ...deliveryDeps({ db: runtime.db, config, now: runtime.now }, channels), logger: runtime.logger };
}

/** The last tick of `pattern` at or before `now`. */
function previousTick(pattern: string, now: Date): Date {
  return CronExpressionParser.parse(pattern, { currentDate: new Date(now.getTime() + 1), tz: 'UTC' }).prev().toDate();
}

/** The first tick of `pattern` strictly after `after`. */
function nextTick(pattern: string, after: Date): Date {
  return CronExpressionParser.parse(pattern, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/** The error's words; a failed query's are its whole SQL and parameters, so what the database said instead. */
function messageOf(error: unknown): string {
  if (error instanceof DrizzleQueryError) return `database query failed: ${messageOf(error.cause)}`;
  return error instanceof Error ? error.message : String(error);
}
