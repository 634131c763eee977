import { resolve } from 'node:path';
import { isoWeekOf, lastCompleteWeek, parseIsoWeek } from '../../jobs/iso-week.ts';
import { loadReport, writeReportFiles } from '../../reports/write-report.ts';
import { type Database, openDatabase } from '../../schema/db.ts';
import type { Report } from '../../reports/report.ts';
import { makeFolder } from '../../schema/make-folder.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import { type Config, REPORT_FORMATS, type ReportFormat } from '../../config/config.ts';
import { defineCommand } from './define-command.ts';

export interface ReportOptions {
  week?: string;
  format?: string;
  out?: string;
}

export const reportCli = defineCommand({
  name: 'report',
  summary: 'write the weekly trend report (default: the last complete ISO week)',
  description: 'Writes the weekly trend report as files and prints their paths; default formats and folder: reports.formats and reports.dir of the config.',
  flags: {
    week: { type: 'string', valueName: 'YYYY-Www', description: 'the ISO week, e.g. 2026-W48 (default: the last complete one, or the week so far when that one holds no figures)' },
    format: { type: 'string', valueName: REPORT_FORMATS.join(','), description: 'comma-separated formats (default: reports.formats of the config)' },
    out: { type: 'string', valueName: 'DIR', description: 'the folder to write to (default: reports.dir of the config)' },
  },
  run: async (context, { flags, readConfig }) => reportCommand(context, await readConfig(), flags),
});

/** `report [--week YYYY-Www] [--format md,html,csv,json] [--out DIR]`: the weekly trend report, as files. */
export async function reportCommand(context: CliContext, config: Config, options: ReportOptions): Promise<number> {
  const now = (context.now ?? (() => new Date()))();
  const chosen = options.week === undefined ? undefined : parseWeek(options.week, now);
  const formats = options.format === undefined ? config.reports.formats : parseFormats(options.format);
  const dir = resolve(context.cwd, options.out ?? config.reports.dir);
  // Before the database is opened (and locked): a folder that cannot be written fails now, not after the work.
  await makeFolder(dir, options.out === undefined ? 'reports.dir' : '--out');
  const database = await openDatabase(context);
  try {
    await database.migrate();
    const report = chosen ? await loadReport(database.db, config, chosen, now) : await defaultReport(database.db, config, now);
    const paths = await writeReportFiles(report, formats, dir);
    context.logger.info({ week: report.week, complete: report.complete, series: report.rows.length, files: paths.length }, 'report written');
    context.stdout.write(paths.map((path) => `${path}\n`).join(''));
  } finally {
    await database.close();
  }
  return EXIT.ok;
}

/**
 * The last complete week; when it holds no figures (the first report after install,
 * minutes after the first `collect`) and the week so far does, the week so far: its
 * title says so.
 */
async function defaultReport(db: Database, config: Config, now: Date): Promise<Report> {
  const last = await loadReport(db, config, lastCompleteWeek(now), now);
  if (last.rows.length > 0) return last;
  const current = await loadReport(db, config, isoWeekOf(now), now);
  return current.rows.length > 0 ? current : last;
}

function parseWeek(text: string, now: Date) {
  const week = parseIsoWeek(text);
  if (!week) throw new UsageError(`--week must be an ISO week like 2026-W48 (got "${text}")`);
  if (week.start.getTime() > isoWeekOf(now).start.getTime()) throw new UsageError(`--week ${text} has not started yet`);
  return week;
}

function parseFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((format) => format.trim().toLowerCase());
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format: unknown format "${format}"; formats are ${REPORT_FORMATS.join(', ')}`);
    }
  }
  return [...new Set(formats as ReportFormat[])];
}
