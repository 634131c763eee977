import { type Job, UnrecoverableError } from 'bullmq';
import { parseIsoWeek } from '../jobs/iso-week.ts';
import { writeScheduledReport } from '../reports/write-report.ts';
import type { Config } from '../config/config.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import type { ReportJobData } from './queues.ts';

/** The scheduled `report` job: the same files as `oss-pulse report`, for the week that just ended. */
export async function processReport(
  job: Job<ReportJobData>,
  deps: { runtime: Runtime; config: Config; dir: string; afterReport?: (week: string) => Promise<void> },
): Promise<{ week: string; files: string[] }> {
  const { runtime, config } = deps;
  const week = job.data.week ? parseIsoWeek(job.data.week) : undefined;
  if (job.data.week && !week) throw new UnrecoverableError(`not an ISO week: ${job.data.week}`);
  const written = await writeScheduledReport(runtime.db, config, { dir: deps.dir, now: runtime.now(), week });
  runtime.logger.info({ jobId: job.id, week: written.week, files: written.files }, 'report written');
  await deps.afterReport?.(written.week);
  return { week: written.week, files: written.files };
}
