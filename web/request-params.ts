// The query parameters the dashboard takes, checked once here: a bad value is a 400
// naming the parameter, never a 500 or a silently ignored input.
import { type SeriesRef, metricsOf, parseSeriesRef } from '../config/config-series.ts';
import { SUBJECT_KINDS, type SubjectKind } from '../jobs/sources/registry.ts';
import { isoWeekOf, parseIsoWeek, type IsoWeek } from '../jobs/iso-week.ts';
import { parseUtcDay } from '../jobs/utc-days.ts';
import { badRequest, notFound } from './http-error.ts';

/** Series per request (compare, chart embeds): a chart of more is unreadable, and each costs a query. */
export const MAX_SERIES = 12;

export const INTERVALS = ['day', 'week'] as const;
export type Interval = (typeof INTERVALS)[number];
export const RANGES = ['90d', '1y', 'all'] as const;
export type Range = (typeof RANGES)[number];
export const SCALES = ['linear', 'log'] as const;
export type Scale = (typeof SCALES)[number];
export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const ALIGNS = ['date', 'first'] as const;
export type Align = (typeof ALIGNS)[number];

/** One of `allowed`, or `fallback` when absent. */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`${name} must be one of ${allowed.join(', ')} (got "${clip(value)}")`);
}

export function parseKind(text: string): SubjectKind {
  if ((SUBJECT_KINDS as readonly string[]).includes(text)) return text as SubjectKind;
  throw notFound(`"${clip(text)}" is not a subject kind (kinds: ${SUBJECT_KINDS.join(', ')})`);
}

/** The metric asked for, or the kind's default one. */
export function parseMetric(kind: SubjectKind, text: string | undefined): string {
  const metrics = metricsOf(kind);
  if (text === undefined || text === '') return metrics[0] ?? '';
  if (metrics.includes(text)) return text;
  throw badRequest(`metric must be one of ${metrics.join(', ')} for ${kind} (got "${clip(text)}")`);
}

/** A YYYY-MM-DD day that exists in the calendar. */
export function parseDay(name: string, text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!parseUtcDay(text)) throw badRequest(`${name} must be a date like 2026-11-30 (got "${clip(text)}")`);
  return text;
}

export function parseDayRange(query: { from?: string; to?: string }): { from?: string; to?: string } {
  const from = parseDay('from', query.from);
  const to = parseDay('to', query.to);
  if (from && to && from > to) throw badRequest(`from (${from}) is after to (${to})`);
  return { from, to };
}

/** `series=REF&series=REF…`: one to MAX_SERIES `KIND:KEY[@METRIC]` references, none repeated. */
export function parseSeriesRefs(values: string | string[] | undefined): SeriesRef[] {
  const texts = values === undefined ? [] : Array.isArray(values) ? values : [values];
  if (texts.length === 0) throw badRequest('series is required: one or more KIND:KEY[@METRIC], e.g. series=github_repo:ollama/ollama@stars');
  if (texts.length > MAX_SERIES) throw badRequest(`at most ${MAX_SERIES} series per request (got ${texts.length})`);
  const refs = texts.map((text) => {
    const ref = parseSeriesRef(text);
    if (typeof ref === 'string') throw badRequest(`series: ${ref}`);
    return ref;
  });
  const seen = new Set<string>();
  for (const ref of refs) {
    const id = `${ref.kind}:${ref.key.toLowerCase()}@${ref.metric}`;
    if (seen.has(id)) throw badRequest(`series: ${ref.kind}:${clip(ref.key)}@${ref.metric} is given twice`);
    seen.add(id);
  }
  return refs;
}

/** `week=YYYY-Www`, one that has started; `fallback` when absent. */
export function parseWeek(text: string | undefined, now: Date, fallback: IsoWeek): IsoWeek {
  if (text === undefined || text === '') return fallback;
  const week = parseIsoWeek(text);
  if (!week) throw badRequest(`week must be an ISO week like 2026-W48 (got "${clip(text)}")`);
  if (week.start.getTime() > isoWeekOf(now).start.getTime()) throw badRequest(`week ${text} has not started yet`);
  return week;
}

/** Echoed input is cut short: an error message is not a place to reflect a 4 KB string. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
