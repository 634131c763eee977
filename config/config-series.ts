import { z } from 'zod';
import { declarationOf, kindSpec, sectionOf, SUBJECT_KINDS, type SubjectKind, type Watchlist } from '../jobs/sources/registry.ts';
import { quote } from '../jobs/sources/watchlist.ts';

/**
 * Terminology
 * - subject: one thing watched upstream (a repository, a search, a model, a package),
 *   identified by its kind and key.
 * - metric: one figure of a subject (`stars`, `downloads_30d`, ...).
 * - series: the samples of one metric of one subject over time.
 * - series reference: `KIND:KEY[@METRIC]`, how the config names a series.
 */

/** The metrics of a kind, as its sources declare them; the first is the default of a reference without `@METRIC`. */
export function metricsOf(kind: SubjectKind): readonly string[] {
  return kindSpec(kind).metrics.map((metric) => metric.name);
}

/** A series named in the config. In a parsed Config, `key` has the spelling of the watchlist entry it matched. */
export interface SeriesRef {
  kind: SubjectKind;
  key: string;
  /** The kind's default metric (`metricsOf(kind)[0]`) when the reference names none. */
  metric: string;
}

function isSubjectKind(text: string): text is SubjectKind {
  return (SUBJECT_KINDS as readonly string[]).includes(text);
}

/** Parses `KIND:KEY[@METRIC]`; returns the problem in words when it does not parse. */
export function parseSeriesRef(text: string): SeriesRef | string {
  const colon = text.indexOf(':');
  if (colon < 0) return `${quote(text)} is not a KIND:KEY[@METRIC] series reference`;
  const kind = text.slice(0, colon).trim();
  if (!isSubjectKind(kind)) {
    return `${quote(kind)} is not a subject kind (expected one of: ${SUBJECT_KINDS.join(', ')})`;
  }
  const metrics = metricsOf(kind);
  let key = text.slice(colon + 1).trim();
  let metric = metrics[0] ?? '';
  // The last `@` introduces the metric; one at the start is an npm scope (`@scope/name`).
  const at = key.lastIndexOf('@');
  if (at > 0) {
    const suffix = key.slice(at + 1).trim();
    if (metrics.includes(suffix)) {
      metric = suffix;
      key = key.slice(0, at).trim();
    } else if (kind !== 'github_search' || isAnyMetric(suffix)) {
      // Search text may itself hold an `@` (`user@example`), so only a metric name counts there.
      return `${quote(suffix)} is not a metric of ${kind} (expected one of: ${metrics.join(', ')})`;
    }
  }
  if (key === '') return `${quote(text)} has no key after "${kind}:"`;
  return { kind, key, metric };
}

/** A `KIND:KEY[@METRIC]` string in the config, parsed; the problem in words when it does not parse. */
export const seriesRefSchema = z.string().transform((value, ctx): SeriesRef => {
  const parsed = parseSeriesRef(value);
  if (typeof parsed !== 'string') return parsed;
  ctx.issues.push({ code: 'custom', message: parsed, input: value });
  return z.NEVER;
});

function isAnyMetric(name: string): boolean {
  return SUBJECT_KINDS.some((kind) => metricsOf(kind).includes(name));
}

export function formatSeriesRef(ref: SeriesRef): string {
  return `${ref.kind}:${ref.key}@${ref.metric}`;
}

/**
 * The configured spelling of the subject a series reference names, or undefined
 * when the config does not watch it (each source knows its upstream's notion of
 * "the same name").
 */
export function findSubject(watchlist: Watchlist, ref: SeriesRef): string | undefined {
  const { source, declared } = declarationOf(ref.kind, ref.metric);
  return declared.find(sectionOf(source, watchlist), ref.key);
}

export function notConfigured(ref: SeriesRef): string {
  return `${quote(ref.key)} is not in ${declarationOf(ref.kind, ref.metric).declared.configuredIn}`;
}
