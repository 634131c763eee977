// GET /api/…: the figures as JSON, or CSV with `.csv` or `Accept: text/csv`. Every
// number is what the SQL views give (test/web/api.db.test.ts compares them).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { lastCompleteWeek } from '../jobs/iso-week.ts';
import { isoDate } from '../jobs/utc-days.ts';
import { csvTable } from './csv-table.ts';
import { type DayPoint, listSeries, readWeekRows, type WeekPoint } from './queries.ts';
import type { Reader } from './read-only.ts';
import { ALIGNS, type Align, INTERVALS, type Interval, parseDayRange, parseKind, parseMetric, parseSeriesRefs, parseWeek } from './request-params.ts';
import { resolveSeries } from './resolve-series.ts';
import { type Point, readComparedSeries, readPoints } from './compared-series.ts';
import { daySchema, seriesListSchema, stringParam } from './route-schemas.ts';
import { keyFromPath } from '../reports/series-path.ts';

export interface ApiDeps {
  read: Reader;
  now: () => Date;
}

const SERIES_COLUMNS = ['kind', 'key', 'label', 'metric', 'value', 'observed_at'] as const;
const WEEK_COLUMNS = ['week', 'kind', 'key', 'label', 'metric', 'value', 'previous_value', 'delta', 'growth_pct'] as const;
const DAY_POINT_COLUMNS = ['t', 'value', 'origin'] as const;
const WEEK_POINT_COLUMNS = ['t', 'week', 'value', 'previous_value', 'delta', 'growth_pct', 'observed_at'] as const;

interface PointsQuery {
  metric?: string;
  from?: string;
  to?: string;
  interval?: Interval;
}

export function registerApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { read } = deps;
  const pointsQuery = {
    type: 'object',
    properties: { metric: stringParam, from: daySchema, to: daySchema, interval: { type: 'string', enum: INTERVALS } },
  } as const;

  for (const path of ['/api/series', '/api/series.csv']) {
    app.get(path, async (request, reply) => {
      const rows = await read(listSeries);
      return answer(request, reply, { series: rows }, () => csvTable(SERIES_COLUMNS, rows));
    });
  }

  app.get<{ Params: { kind: string; '*': string }; Querystring: PointsQuery }>(
    '/api/series/:kind/*',
    { schema: { querystring: pointsQuery } },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const { key, csv } = keyFromPath(request.params['*']);
      const ref = { kind, key, metric: parseMetric(kind, request.query.metric) };
      const range = parseDayRange(request.query);
      const interval = request.query.interval ?? 'day';
      const body = await read(async (tx) => {
        const { subject } = await resolveSeries(tx, ref);
        const points = await readPoints(tx, subject, ref.metric, interval, range);
        return { kind, key: subject.key, label: subject.label, metric: ref.metric, interval, points };
      });
      return answer(request, reply, body, () => pointsCsv(interval, body.points), csv);
    },
  );

  app.get<{ Querystring: { week?: string } }>('/api/weekly', { schema: { querystring: weekQuery } }, (request, reply) => weekly(request, reply, deps));
  app.get<{ Querystring: { week?: string } }>('/api/weekly.csv', { schema: { querystring: weekQuery } }, (request, reply) => weekly(request, reply, deps, true));

  const compareQuery = {
    type: 'object',
    required: ['series'],
    properties: { series: seriesListSchema, from: daySchema, to: daySchema, interval: { type: 'string', enum: INTERVALS }, align: { type: 'string', enum: ALIGNS } },
  } as const;
  type CompareQuery = { series: string[]; from?: string; to?: string; interval?: Interval; align?: Align };
  const compare = async (request: FastifyRequest<{ Querystring: CompareQuery }>, reply: FastifyReply, csv = false) => {
    const refs = parseSeriesRefs(request.query.series);
    const range = parseDayRange(request.query);
    const interval = request.query.interval ?? 'day';
    const align = request.query.align ?? 'date';
    const series = await read((tx) => readComparedSeries(tx, refs, interval, range, align));
    const rows: Record<string, unknown>[] = series.flatMap((entry) => entry.points.map((point) => ({ series: entry.ref, ...point })));
    const columns = ['series', ...(interval === 'day' ? DAY_POINT_COLUMNS : WEEK_POINT_COLUMNS), ...(align === 'first' ? ['day'] : [])];
    return answer(request, reply, { interval, align, series }, () => csvTable(columns, rows), csv);
  };
  app.get<{ Querystring: CompareQuery }>('/api/compare', { schema: { querystring: compareQuery } }, (request, reply) => compare(request, reply));
  app.get<{ Querystring: CompareQuery }>('/api/compare.csv', { schema: { querystring: compareQuery } }, (request, reply) => compare(request, reply, true));
}

const weekQuery = { type: 'object', properties: { week: stringParam } } as const;

/** GET /api/weekly: the rows the weekly report's CSV holds for that week (default: the last complete one). */
async function weekly(request: FastifyRequest<{ Querystring: { week?: string } }>, reply: FastifyReply, deps: ApiDeps, csv = false) {
  const now = deps.now();
  const week = parseWeek(request.query.week, now, lastCompleteWeek(now));
  const rows = await deps.read((tx) => readWeekRows(tx, isoDate(week.start)));
  return answer(request, reply, { week: week.label, rows }, () => csvTable(WEEK_COLUMNS, rows), csv);
}

function pointsCsv(interval: Interval, points: Point[]): string {
  return interval === 'day' ? csvTable(DAY_POINT_COLUMNS, points as DayPoint[]) : csvTable(WEEK_POINT_COLUMNS, points as WeekPoint[]);
}

/** JSON, or CSV when the path ends in `.csv` or the client asks for text/csv; always revalidated (ETag). */
function answer(request: FastifyRequest, reply: FastifyReply, json: unknown, csv: () => string, csvPath = request.url.split('?')[0]?.endsWith('.csv') ?? false) {
  reply.header('cache-control', 'no-cache').header('vary', 'Accept');
  if (csvPath || prefersCsv(request.headers.accept)) return reply.type('text/csv; charset=utf-8').send(csv());
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
}

function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const csv = accept.indexOf('text/csv');
  const json = accept.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
