import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../schema/db.ts';
import { makeFolder } from '../schema/make-folder.ts';
import type { Config, ReportFormat } from '../config/config.ts';
import { buildReport, HISTORY_WEEKS } from './build-report.ts';
import { type IsoWeek, lastCompleteWeek } from '../jobs/iso-week.ts';
import { readSubjectStates, readWeekSeries } from './queries.ts';
import type { Report } from './report.ts';
import { renderCsv } from './render-csv.ts';
import { renderHtml } from './render-html.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';

const RENDERERS: Record<ReportFormat, (report: Report) => string | Promise<string>> = {
  md: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
  json: renderJson,
};

/** Reads the week's figures (one consistent snapshot) and builds the report. */
export async function loadReport(db: Database, config: Config, week: IsoWeek, generatedAt: Date): Promise<Report> {
  const input = await db.transaction(
    async (tx) => {
      // Many small index lookups: JIT compilation costs more than it saves here.
      await tx.execute(sql`SET LOCAL jit = off`);
      const { figures, history } = await readWeekSeries(tx, week, HISTORY_WEEKS);
      const subjects = await readSubjectStates(tx);
      return { figures, history, subjects };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return buildReport({ week, generatedAt, ...input, config });
}

/**
 * Writes `oss-pulse-<week>.<format>` for each format into `dir` (created if needed).
 * Each file is written beside its final name and renamed into place, so a reader
 * never sees half a report. Returns the paths written.
 */
export async function writeReportFiles(report: Report, formats: readonly ReportFormat[], dir: string): Promise<string[]> {
  await makeFolder(dir, 'the reports folder');
  const rendered = await Promise.all(formats.map(async (format) => ({ format, text: await RENDERERS[format](report) })));
  const paths: string[] = [];
  for (const { format, text } of rendered) {
    const path = resolve(join(dir, `oss-pulse-${report.week}.${format}`));
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, path);
    } finally {
      await rm(temporary, { force: true });
    }
    paths.push(path);
  }
  return paths;
}

/** What a scheduled report wrote. */
export interface WrittenReport {
  week: string;
  series: number;
  files: string[];
}

/**
 * The scheduled `report` job, queued (`worker`) or in-process (`serve --collect`): the
 * files of `oss-pulse report` in the config's formats, for `week` or else the last
 * week that has ended by `now`.
 */
export async function writeScheduledReport(
  db: Database,
  config: Config,
  options: { dir: string; now: Date; week?: IsoWeek },
): Promise<WrittenReport> {
  const week = options.week ?? lastCompleteWeek(options.now);
  const report = await loadReport(db, config, week, options.now);
  const files = await writeReportFiles(report, config.reports.formats, options.dir);
  return { week: week.label, series: report.rows.length, files };
}
