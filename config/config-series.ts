import type { Config } from './config.ts';
import { checkModelId, lowerCase, normalizePypiName, normalizeSearchQuery, quote } from './config-names.ts';

/**
 * Terminology
 * - subject: one thing watched upstream (a repository, a search, a model, a package),
 *   identified by its kind and key.
 * - metric: one figure of a subject (`stars`, `downloads_30d`, ...).
 * - series: the samples of one metric of one subject over time.
 * - series reference: `KIND:KEY[@METRIC]`, how the config names a series.
 */
export type SubjectKind =
  | 'github_repo'
  | 'github_search'
  | 'hf_model'
  | 'modelscope_model'
  | 'npm_package'
  | 'pypi_package';

/** The metrics of each kind; the first one is the default of a reference without `@METRIC`. */
export const METRICS: Record<SubjectKind, readonly string[]> = {
  github_repo: ['stars', 'forks', 'watchers', 'open_issues'],
  github_search: ['repositories'],
  hf_model: ['downloads_all_time', 'downloads_30d', 'likes'],
  modelscope_model: ['downloads_all_time', 'likes'],
  npm_package: ['downloads_7d', 'downloads_30d'],
  pypi_package: ['downloads_7d', 'downloads_1d', 'downloads_30d'],
};

export const SUBJECT_KINDS = Object.keys(METRICS) as readonly SubjectKind[];

/** A series named in the config. In a parsed Config, `key` has the spelling of the watchlist entry it matched. */
export interface SeriesRef {
  kind: SubjectKind;
  key: string;
  /** The kind's default metric (`METRICS[kind][0]`) when the reference names none. */
  metric: string;
}

function isSubjectKind(text: string): text is SubjectKind {
  return Object.hasOwn(METRICS, text);
}

/** Parses `KIND:KEY[@METRIC]`; returns the problem in words when it does not parse. */
export function parseSeriesRef(text: string): SeriesRef | string {
  const colon = text.indexOf(':');
  if (colon < 0) return `${quote(text)} is not a KIND:KEY[@METRIC] series reference`;
  const kind = text.slice(0, colon).trim();
  if (!isSubjectKind(kind)) {
    return `${quote(kind)} is not a subject kind (expected one of: ${SUBJECT_KINDS.join(', ')})`;
  }
  const metrics = METRICS[kind];
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

function isAnyMetric(name: string): boolean {
  return SUBJECT_KINDS.some((kind) => METRICS[kind].includes(name));
}

export function formatSeriesRef(ref: SeriesRef): string {
  return `${ref.kind}:${ref.key}@${ref.metric}`;
}

export type Watchlist = Pick<Config, 'github' | 'huggingface' | 'modelscope' | 'npm' | 'pypi'>;

/**
 * The configured spelling of the subject a series reference names, or undefined
 * when the config does not watch it. Matching follows each upstream's own notion
 * of "the same name" (GitHub and the hubs ignore case, PyPI normalises).
 */
export function findSubject(config: Watchlist, ref: SeriesRef): string | undefined {
  const among = (names: string[], same: (name: string) => string) => names.find((name) => same(name) === same(ref.key));
  switch (ref.kind) {
    case 'github_repo':
      return among(config.github.repos, lowerCase);
    case 'github_search':
      return config.github.searches.find((s) => normalizeSearchQuery(s.query) === normalizeSearchQuery(ref.key))?.query;
    case 'hf_model': {
      const owner = ref.key.split('/')[0] ?? '';
      const listed = among(config.huggingface.models, lowerCase);
      if (listed !== undefined) return listed;
      const ownerWatched = config.huggingface.authors.some((author) => author.toLowerCase() === owner.toLowerCase());
      return ownerWatched && checkModelId(ref.key, 'Hugging Face') === undefined ? ref.key : undefined;
    }
    case 'modelscope_model':
      return among(config.modelscope.models, lowerCase);
    case 'npm_package':
      return among(config.npm.packages, (name) => name);
    case 'pypi_package':
      return among(config.pypi.packages, normalizePypiName);
  }
}

const WATCHLIST_OF: Record<SubjectKind, string> = {
  github_repo: 'github.repos',
  github_search: 'github.searches',
  hf_model: 'huggingface.models or huggingface.authors',
  modelscope_model: 'modelscope.models',
  npm_package: 'npm.packages',
  pypi_package: 'pypi.packages',
};

export function notConfigured(ref: SeriesRef): string {
  return `${quote(ref.key)} is not in ${WATCHLIST_OF[ref.kind]}`;
}
