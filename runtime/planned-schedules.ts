import type { Config } from '../config/config.ts';
import { hasSubjects, SOURCES, type SourceName } from '../jobs/sources/registry.ts';
import type { Settings } from './read-env.ts';

/**
 * One of the config's `schedules:` that has work to do: what BullMQ's job schedulers
 * (`worker --schedule`) and the in-process schedules (`serve --collect`) both run.
 */
export interface PlannedSchedule {
  id: string;
  pattern: string;
  /** The source whose rounds it starts; none for the weekly report. */
  source?: SourceName;
}

export interface ScheduleOptions {
  /**
   * Tests only (`OSS_PULSE_SCHEDULE_IN_SECONDS=1`): each pattern gets a leading
   * seconds field of `*`, so `* * * * *` ticks every second. Configurations take
   * five fields; a process test of scheduling cannot wait minutes for its ticks.
   * @defaultValue false
   */
  inSeconds?: boolean;
}

export function scheduleOptions(settings: Pick<Settings, 'scheduleInSeconds'>): ScheduleOptions {
  return { inSeconds: settings.scheduleInSeconds };
}

/** Schedule ids, stable so every `worker --schedule` upserts the same schedulers. */
export const schedulerId = (name: SourceName | 'report'): string => (name === 'report' ? 'report' : `round:${name}`);

/** One schedule per source that has subjects in the config, and the weekly report. */
export function plannedSchedules(config: Config, options: ScheduleOptions = {}): PlannedSchedule[] {
  const pattern = (cron: string) => (options.inSeconds ? `* ${cron}` : cron);
  const rounds = SOURCES.filter((source) => hasSubjects(source, config)).map(({ source }) => ({
    id: schedulerId(source),
    pattern: pattern(config.schedules[source]),
    source,
  }));
  return [...rounds, { id: schedulerId('report'), pattern: pattern(config.schedules.report) }];
}
