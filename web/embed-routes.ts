// Images for READMEs and wikis: a chart of any series and a shields-style badge.
// Standalone SVG (fonts, background and colours inside), cacheable by ETag.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderBadge } from '../reports/charts/badge.ts';
import { renderTimeChart } from '../reports/charts/time-chart.ts';
import { formatCompact, metricTitle } from '../reports/format.ts';
import { isoWeekOf } from '../jobs/iso-week.ts';
import { DAY_MS, isoDate } from '../jobs/utc-days.ts';
import { readComparedSeries } from './compared-series.ts';
import { badRequest } from './http-error.ts';
import { readWeekPoints } from './queries.ts';
import type { Reader } from './read-only.ts';
import { ALIGNS, type Align, parseKind, parseMetric, parseSeriesRefs, RANGES, type Range, SCALES, type Scale, THEMES, type Theme } from './request-params.ts';
import { resolveSeries } from './resolve-series.ts';
import { seriesListSchema } from './route-schemas.ts';
import { SVG_CSP } from './security-headers.ts';
import { chartTitle, toTimeSeries } from './time-series.ts';

export interface EmbedDeps {
  read: Reader;
  now: () => Date;
}

const RANGE_DAYS: Record<Range, number | null> = { '90d': 90, '1y': 365, all: null };

interface ChartQuery {
  series: string[];
  range?: Range;
  scale?: Scale;
  theme?: Theme;
  align?: Align;
}

export function registerEmbedRoutes(app: FastifyInstance, deps: EmbedDeps): void {
  const chartQuery = {
    type: 'object',
    required: ['series'],
    properties: {
      series: seriesListSchema,
      range: { type: 'string', enum: RANGES },
      scale: { type: 'string', enum: SCALES },
      theme: { type: 'string', enum: THEMES },
      align: { type: 'string', enum: ALIGNS },
    },
  } as const;

  app.get<{ Querystring: ChartQuery }>('/embed/chart.svg', { schema: { querystring: chartQuery } }, async (request, reply) => {
    const refs = parseSeriesRefs(request.query.series);
    const range = request.query.range ?? '1y';
    const days = RANGE_DAYS[range];
    const from = days === null ? undefined : isoDate(new Date(deps.now().getTime() - (days - 1) * DAY_MS));
    const align = request.query.align ?? 'date';
    const series = await deps.read((tx) => readComparedSeries(tx, refs, 'day', { from }, 'date'));
    const svg = renderTimeChart(toTimeSeries(series), {
      title: chartTitle(series),
      unit: series[0] ? metricTitle(series[0].kind, series[0].metric) : '',
      scale: request.query.scale ?? 'linear',
      theme: request.query.theme ?? 'light',
      align,
    });
    return sendSvg(reply, svg);
  });

  app.get<{ Params: { kind: string; '*': string }; Querystring: { metric?: string; theme?: Theme } }>(
    '/badge/:kind/*',
    { schema: { querystring: { type: 'object', properties: { metric: { type: 'string', maxLength: 100 } } } } },
    async (request, reply) => {
      const kind = parseKind(request.params.kind);
      const tail = request.params['*'];
      if (!tail.endsWith('.svg')) throw badRequest('a badge is /badge/KIND/KEY.svg');
      const ref = { kind, key: tail.slice(0, -4), metric: parseMetric(kind, request.query.metric) };
      const weekStart = isoDate(isoWeekOf(deps.now()).start);
      const { value, delta } = await deps.read(async (tx) => {
        const { subject, span } = await resolveSeries(tx, ref);
        const [thisWeek] = await readWeekPoints(tx, subject, ref.metric, { from: weekStart });
        return { value: span.last_value, delta: thisWeek?.t === weekStart ? thisWeek.delta : null };
      });
      const change = delta === null ? null : `${delta >= 0 ? '+' : '-'}${formatCompact(Math.abs(delta))} this week`;
      return sendSvg(reply, renderBadge({ label: metricTitle(ref.kind, ref.metric), value: formatCompact(value), change }));
    },
  );
}

function sendSvg(reply: FastifyReply, svg: string) {
  return (
    reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-security-policy', SVG_CSP)
      // Other sites show these in <img>: they may load them, and caches may keep them a while.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=900, stale-while-revalidate=86400')
      .send(svg)
  );
}
