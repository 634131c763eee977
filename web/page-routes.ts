// The HTML pages: server-rendered, readable with scripts off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Config } from '../config/config.ts';
import { formatSeriesRef, metricsOf } from '../config/config-series.ts';
import { isoWeekOf } from '../jobs/iso-week.ts';
import { type Database, queryRows } from '../schema/db.ts';
import { readComparedSeries } from './compared-series.ts';
import { HttpError, notFound } from './http-error.ts';
import { overviewLoader } from './overview-model.ts';
import { renderComparePage } from './pages/compare-page.ts';
import { renderOverview } from './pages/overview-page.ts';
import { INDEX_PAGE_SIZE, renderKindPage, renderKindsPage } from './pages/series-index-page.ts';
import { renderSeriesPage } from './pages/series-page.ts';
import { findSubjectRecord, type SeriesListing, readDayPoints, readLastRuns, readRecentFailures, readSeriesSpans, readWeekPoints } from './queries.ts';
import type { Reader } from './read-only.ts';
import { ALIGNS, type Align, parseKind, parseSeriesRefs, parseWeek, RANGES, type Range, SCALES, type Scale } from './request-params.ts';
import { seriesPath } from '../reports/series-path.ts';
import { declarationsOf } from '../jobs/sources/registry.ts';

export interface PageDeps {
  /** For the overview's report, which opens its own read-only snapshot. */
  db: Database;
  read: Reader;
  config: Config;
  now: () => Date;
}

export function registerPageRoutes(app: FastifyInstance, deps: PageDeps): void {
  const { read, config } = deps;
  const loadOverview = overviewLoader(deps.db, read, config);

  app.get<{ Querystring: { week?: string } }>('/', { schema: { querystring: { type: 'object', properties: { week: { type: 'string', maxLength: 10 } } } } }, async (request, reply) => {
    const now = deps.now();
    const current = isoWeekOf(now);
    const week = parseWeek(request.query.week, now, current);
    const model = await loadOverview(week, now);
    return html(reply, renderOverview(model, now, { current: week.label === current.label }));
  });

  app.get('/series/', async (_request, reply) => {
    const counts = await read((tx) =>
      queryRows<{ kind: string; subjects: number; series: number }>(
        tx,
        sql`SELECT s.kind, count(DISTINCT s.id)::int AS subjects, count(*)::int AS series FROM series se JOIN subjects s ON s.id = se.subject_id GROUP BY s.kind ORDER BY s.kind`,
      ),
    );
    return html(reply, renderKindsPage(counts));
  });

  app.get<{ Params: { kind: string; '*': string }; Querystring: { page?: number } }>(
    '/series/:kind/*',
    { schema: { querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, maximum: 100_000 } } } } },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const key = request.params['*'];
      const now = deps.now();
      if (key === '') {
        const page = request.query.page ?? 1;
        const { rows, total } = await read(async (tx) => ({
          rows: await queryRows<SeriesListing & { status: string }>(
            tx,
            sql`SELECT m.kind, m.key, m.label, m.metric, m.value, m.observed_at, s.status FROM latest_metrics m
                JOIN subjects s ON s.kind = m.kind AND s.key = m.key WHERE m.kind = ${kind}
                ORDER BY lower(m.key), m.key, m.metric LIMIT ${INDEX_PAGE_SIZE} OFFSET ${(page - 1) * INDEX_PAGE_SIZE}`,
          ),
          total: Number((await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM latest_metrics WHERE kind = ${kind}`))[0]?.n ?? 0),
        }));
        const listing = rows.map((row) => ({ ...row, value: Number(row.value), observed_at: new Date(row.observed_at).toISOString() }));
        return html(reply, renderKindPage(kind, listing, page, total, now));
      }
      const model = await read(async (tx) => {
        const subject = await findSubjectRecord(tx, kind, key);
        if (!subject) throw notFound(`no ${kind} "${key}" has been collected`);
        if (subject.key !== key) return { redirect: seriesPath('/series', kind, subject.key) };
        // The kind's own order (stars, then forks…), not the alphabet's: the first is the one the badge snippet offers.
        const order = metricsOf(kind);
        const spans = (await readSeriesSpans(tx, subject.id)).sort((a, b) => rank(order, a.metric) - rank(order, b.metric));
        const metrics = [];
        for (const span of spans) {
          metrics.push({ span, days: await readDayPoints(tx, subject.id, span.metric), weeks: await readWeekPoints(tx, subject, span.metric) });
        }
        // The newest round of the sources that collect this kind (a repository's stars and its release downloads come from two).
        const sources = declarationsOf(kind).map(({ source }) => source.source as string);
        const [lastRun] = (await readLastRuns(tx)).filter((run) => sources.includes(run.source)).sort((a, b) => b.started_at.localeCompare(a.started_at));
        return { subject, metrics, failures: await readRecentFailures(tx, subject), lastRun, origin: originOf(request) };
      });
      // A renamed subject's old name (or another spelling) leads to its page under the current one.
      if ('redirect' in model && model.redirect !== undefined) return reply.redirect(model.redirect, 301);
      return html(reply, renderSeriesPage(model, now));
    },
  );

  app.get<{ Querystring: { series?: string[]; scale?: Scale; align?: Align; range?: Range } }>(
    '/compare',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            series: { type: 'array', items: { type: 'string', maxLength: 300 }, maxItems: 40 },
            scale: { type: 'string', enum: SCALES },
            align: { type: 'string', enum: ALIGNS },
            range: { type: 'string', enum: RANGES },
          },
        },
      },
    },
    async (request, reply) => {
      // The form sends its empty spare inputs too.
      const refs = (request.query.series ?? []).map((text) => text.trim()).filter(Boolean);
      const base = {
        refs,
        scale: request.query.scale ?? 'linear',
        align: request.query.align ?? 'date',
        range: request.query.range ?? 'all',
        comparisons: config.comparisons.map((c) => ({ name: c.name, refs: c.series.map(formatSeriesRef) })),
      };
      if (refs.length === 0) return html(reply, renderComparePage({ ...base, series: [] }));
      try {
        const series = await read((tx) => readComparedSeries(tx, parseSeriesRefs(refs), 'day', {}, 'date'));
        return html(reply, renderComparePage({ ...base, series }));
      } catch (error) {
        // The page keeps the form, with the problem said next to it, and the status says what went wrong.
        if (!(error instanceof HttpError)) throw error;
        return html(reply.code(error.status), renderComparePage({ ...base, series: [], problem: error.message }));
      }
    },
  );
}

function html(reply: FastifyReply, page: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
}

/** Where `metric` stands in `order`; metrics the kind no longer lists go last. */
function rank(order: readonly string[], metric: string): number {
  const index = order.indexOf(metric);
  return index === -1 ? order.length : index;
}

/** The scheme and host the reader used, for absolute embed URLs. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
