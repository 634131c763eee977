import { type Job, UnrecoverableError } from 'bullmq';
import { lastCompleteWeek, parseIsoWeek } from '../jobs/iso-week.ts';
import { loadReport, writeReportFiles } from '../reports/write-report.ts';
import type { Config } from '../config/config.ts';
import type { Runtime } from '../runtime/open-runtime.ts';
import type { ReportJobData } from './queues.ts';

/** The scheduled `report` job: the same files as `oss-pulse report`, for the week that just ended. */
export async function processReport(
  job: Job<ReportJobData>,
  deps: { runtime: Runtime; config: Config; dir: string },
): Promise<{ week: string; files: string[] }> {
  const { runtime, config } = deps;
  const week = job.data.week ? parseIsoWeek(job.data.week) : lastCompleteWeek(runtime.now());
  if (!week) throw new UnrecoverableError(`not an ISO week: ${job.data.week}`);
  const report = await loadReport(runtime.db, config, week, runtime.now());
  const files = await writeReportFiles(report, config.reports.formats, deps.dir);
  runtime.logger.info({ jobId: job.id, week: week.label, files }, 'report written');
  return { week: week.label, files };
}
