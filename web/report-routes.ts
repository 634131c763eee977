// `/reports/`: the weekly report files `report` has written to reports.dir, and the files themselves.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from './http-error.ts';
import { renderReportsPage, type ReportFiles } from './pages/reports-page.ts';

/** Only names `report` writes are served: nothing else in the folder, and no path can leave it. */
const REPORT_FILE = /^oss-pulse-(\d{4}-W\d{2})\.(md|html|csv|json)$/;

const TYPES: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The HTML report is one self-contained file with an inline stylesheet and SVG; it needs nothing else. */
const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'";

export function registerReportRoutes(app: FastifyInstance, deps: { reportsDir: string }): void {
  app.get('/reports/', async (_request, reply) => {
    const weeks = await listReports(deps.reportsDir);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderReportsPage(weeks, deps.reportsDir));
  });
  app.get('/reports', async (_request, reply) => reply.redirect('/reports/', 301));

  app.get<{ Params: { file: string } }>('/reports/:file', async (request, reply) => {
    const match = REPORT_FILE.exec(request.params.file);
    if (!match) throw notFound(`no report named "${request.params.file.slice(0, 80)}"`);
    const format = match[2] ?? '';
    const text = await readFile(join(deps.reportsDir, request.params.file), 'utf8').catch(() => {
      throw notFound(`no report named "${request.params.file}"`);
    });
    if (format === 'html') reply.header('content-security-policy', REPORT_HTML_CSP);
    return reply.type(TYPES[format] ?? 'text/plain; charset=utf-8').header('cache-control', 'no-cache').send(text);
  });
}

/** The weeks with report files, newest first, each with the formats written. */
async function listReports(dir: string): Promise<ReportFiles[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const weeks = new Map<string, string[]>();
  for (const name of names) {
    const match = REPORT_FILE.exec(name);
    if (match?.[1]) weeks.set(match[1], [...(weeks.get(match[1]) ?? []), name]);
  }
  return [...weeks.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([week, files]) => ({ week, files: files.sort() }));
}
