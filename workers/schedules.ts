import type { Queue } from 'bullmq';
import type { Config } from '../config/config.ts';
import { plannedSchedules as plannedRounds, type PlannedSchedule as Planned, type ScheduleOptions } from '../runtime/planned-schedules.ts';
import { JOB_NAMES, type QueueName, queueNamed, queueOf, type ReportJobData, type RoundJobData } from './queues.ts';

export { scheduleOptions, type ScheduleOptions } from '../runtime/planned-schedules.ts';

/** A planned schedule with the queue its ticks go to. */
export interface PlannedSchedule extends Planned {
  queue: QueueName;
}

export interface ScheduleInfo extends PlannedSchedule {
  /** Next run, as BullMQ computed it. */
  next: string | null;
}

/** One scheduler per source that has subjects in the config, and the weekly report (on the `reports` queue). */
export function plannedSchedules(config: Config, options: ScheduleOptions = {}): PlannedSchedule[] {
  return plannedRounds(config, options).map(({ id, pattern, source }) =>
    source ? { id, queue: queueOf(source), pattern, source } : { id, queue: 'reports', pattern },
  );
}

/**
 * Makes Redis hold exactly the config's schedulers: upserts each (idempotent, so every
 * `worker --schedule` start can do it, and a Redis that lost its data gets them back)
 * and removes the ones the config no longer has. BullMQ gives each tick a job id made
 * from the scheduler id and the tick time, so several workers never double a tick.
 */
export async function syncSchedules(queues: Record<QueueName, Queue>, config: Config, options: ScheduleOptions = {}): Promise<ScheduleInfo[]> {
  const planned = plannedSchedules(config, options);
  for (const schedule of planned) {
    const template = schedule.source
      ? { name: JOB_NAMES.round, data: { source: schedule.source, trigger: 'schedule' } satisfies RoundJobData }
      : { name: JOB_NAMES.report, data: {} satisfies ReportJobData };
    const queue = queueNamed(queues, schedule.queue);
    // Upserting an unchanged scheduler is not harmless: BullMQ may re-add the tick that
    // another worker is running. So only a missing or changed one is upserted.
    const stored = await queue.getJobScheduler(schedule.id);
    const unchanged =
      stored?.pattern === schedule.pattern &&
      stored.tz === 'UTC' &&
      stored.name === template.name &&
      JSON.stringify(stored.template?.data ?? {}) === JSON.stringify(template.data);
    if (!unchanged) await queue.upsertJobScheduler(schedule.id, { pattern: schedule.pattern, tz: 'UTC' }, template);
  }
  const wanted = new Set(planned.map((schedule) => `${schedule.queue}/${schedule.id}`));
  for (const [name, queue] of Object.entries(queues)) {
    for (const existing of await queue.getJobSchedulers()) {
      const id = existing.id ?? existing.key;
      if (!wanted.has(`${name}/${id}`)) await queue.removeJobScheduler(id);
    }
  }
  return listSchedules(queues, planned);
}

export async function listSchedules(queues: Record<QueueName, Queue>, planned: PlannedSchedule[]): Promise<ScheduleInfo[]> {
  return Promise.all(
    planned.map(async (schedule) => {
      const stored = await queueNamed(queues, schedule.queue).getJobScheduler(schedule.id);
      return { ...schedule, next: stored?.next ? new Date(stored.next).toISOString() : null };
    }),
  );
}
