import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { ConfigError, formatPath, type ConfigProblem } from './config-error.ts';
import {
  checkGithubRepo,
  checkHubOwner,
  checkModelId,
  checkNpmPackage,
  checkPypiPackage,
  lowerCase,
  normalizePypiName,
  normalizeSearchQuery,
  quote,
} from './config-names.ts';
import { findSubject, formatSeriesRef, notConfigured, parseSeriesRef, type SeriesRef } from './config-series.ts';
import { readYaml } from './config-yaml.ts';
import { checked, errorMap, list, section } from './config-zod.ts';
import { DEFAULT_CONFIG_YAML } from './default-watchlist.ts';

export { ConfigError, type ConfigProblem } from './config-error.ts';
export { METRICS, SUBJECT_KINDS, formatSeriesRef, parseSeriesRef } from './config-series.ts';
export type { SeriesRef, SubjectKind } from './config-series.ts';

export type SourceName = 'github-repos' | 'github-search' | 'huggingface' | 'modelscope' | 'npm' | 'pypi';
export const SOURCE_NAMES: readonly SourceName[] = [
  'github-repos',
  'github-search',
  'huggingface',
  'modelscope',
  'npm',
  'pypi',
];

export type ReportFormat = 'md' | 'html' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'csv', 'json'];

/** Cron, UTC. Sources are staggered by ten minutes so the rounds do not start together. */
export const DEFAULT_SCHEDULES: Readonly<Record<SourceName | 'report', string>> = {
  'github-repos': '0 */6 * * *',
  'github-search': '10 0 * * *',
  huggingface: '20 0 * * *',
  modelscope: '30 0 * * *',
  npm: '40 0 * * *',
  pypi: '50 0 * * *',
  // Monday 06:00: the ISO week that just ended is complete by then.
  report: '0 6 * * 1',
};

export interface Config {
  github: { repos: string[]; searches: { query: string; label: string }[] };
  huggingface: { models: string[]; authors: string[] };
  modelscope: { models: string[] };
  npm: { packages: string[] };
  pypi: { packages: string[] };
  comparisons: { name: string; series: SeriesRef[] }[];
  schedules: Record<SourceName | 'report', string>;
  reports: { dir: string; formats: ReportFormat[] };
}

// GitHub rejects search text longer than this.
const MAX_QUERY_LENGTH = 256;
const MAX_LABEL_LENGTH = 200;

// Characters as people count them (code points), not UTF-16 units.
const lengthOf = (value: string) => [...value].length;

const text = z.string();
const label = checked(text, (value) =>
  value.trim() === ''
    ? 'must not be empty'
    : lengthOf(value) > MAX_LABEL_LENGTH
      ? `longer than ${MAX_LABEL_LENGTH} characters`
      : undefined,
);
const query = checked(text, (value) =>
  value.trim() === ''
    ? 'search query must not be empty'
    : lengthOf(value) > MAX_QUERY_LENGTH
      ? `search query is ${lengthOf(value)} characters; GitHub allows at most ${MAX_QUERY_LENGTH}`
      : undefined,
);
const search = z.preprocess(
  (value) => (typeof value === 'string' ? { query: value } : value),
  z
    .strictObject(
      { query, label: label.optional() },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? 'unknown key; expected one of: query, label'
            : issue.code === 'invalid_type' && issue.expected === 'object'
              ? 'expected a query string or { query, label }'
              : undefined,
      },
    )
    .transform(({ query, label }) => ({ query, label: label ?? query })),
);

/** The shorthands crontab(5) documents; cron-parser also knows `@secondly`, which no collector should run. */
const CRON_SHORTHANDS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly']);

function checkCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (expression.trim().startsWith('@') && !CRON_SHORTHANDS.has(expression.trim())) {
    return `${quote(expression)} is not a cron expression: the shorthands are ${[...CRON_SHORTHANDS].join(', ')}`;
  }
  // cron-parser fills in missing fields ('' means every minute) and takes a sixth as
  // seconds ('* * * * * *' runs every second): a schedule says exactly its five fields.
  if (!expression.trim().startsWith('@') && fields.length !== 5) {
    return `${quote(expression)} is not a cron expression: expected 5 fields (minute hour day month weekday)`;
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return `${quote(expression)} is not a cron expression: ${(error as Error).message}`;
  }
}
const cron = checked(text, checkCron);

const seriesRef = text.transform((value, ctx): SeriesRef => {
  const parsed = parseSeriesRef(value);
  if (typeof parsed !== 'string') return parsed;
  ctx.issues.push({ code: 'custom', message: parsed, input: value });
  return z.NEVER;
});
const comparison = section({
  name: label,
  series: z.array(seriesRef).superRefine((refs, ctx) => {
    if (refs.length < 2) ctx.addIssue({ code: 'custom', message: 'a comparison needs at least 2 series' });
    const seen = new Set<string>();
    refs.forEach((ref, index) => {
      const identity = formatSeriesRef({ ...ref, key: ref.key.toLowerCase() });
      if (seen.has(identity)) ctx.addIssue({ code: 'custom', path: [index], message: 'series listed twice' });
      seen.add(identity);
    });
  }),
});

const schedule = (fallback: string) => z.preprocess((value) => value ?? fallback, cron);
const scheduleShape = Object.fromEntries(
  Object.entries(DEFAULT_SCHEDULES).map(([source, fallback]) => [source, schedule(fallback)]),
) as Record<SourceName | 'report', ReturnType<typeof schedule>>;
const schedules = section(scheduleShape);

const configSchema = section({
  github: section({
    repos: list(checked(text, checkGithubRepo), 'github.repos', lowerCase),
    searches: list(search, 'github.searches', (s) => normalizeSearchQuery(s.query)),
  }),
  huggingface: section({
    models: list(checked(text, (id) => checkModelId(id, 'Hugging Face')), 'huggingface.models', lowerCase),
    authors: list(checked(text, checkHubOwner), 'huggingface.authors', lowerCase),
  }),
  modelscope: section({
    models: list(checked(text, (id) => checkModelId(id, 'ModelScope')), 'modelscope.models', lowerCase),
  }),
  npm: section({ packages: list(checked(text, checkNpmPackage), 'npm.packages', (name) => name) }),
  pypi: section({ packages: list(checked(text, checkPypiPackage), 'pypi.packages', normalizePypiName) }),
  comparisons: list(comparison, 'comparisons', (c) => c.name.trim()),
  schedules,
  reports: section({
    dir: z.preprocess(
      (value) => value ?? 'oss-pulse-reports',
      checked(text, (dir) => (dir.trim() === '' ? 'must not be empty' : undefined)),
    ),
    formats: z.preprocess(
      (value) => value ?? [...REPORT_FORMATS],
      list(z.enum(REPORT_FORMATS), 'reports.formats', (format) => format).refine(
        (formats) => formats.length > 0,
        'list at least one format',
      ),
    ),
  }),
}).superRefine((config, ctx) => {
  // Labels name report rows: two searches under one label would read as one series twice.
  const labels = new Map<string, number>();
  config.github.searches.forEach((search, index) => {
    // Checks run on the rest even when an entry failed: a failed one has no label to compare.
    const label = (search as Partial<typeof search> | undefined)?.label;
    if (typeof label !== 'string') return;
    const identity = label.trim().toLowerCase();
    const first = labels.get(identity);
    if (first === undefined) labels.set(identity, index);
    else ctx.addIssue({ code: 'custom', path: ['github', 'searches', index], message: `label ${quote(label)} is already used by github.searches[${first}]` });
  });
  config.comparisons.forEach((comparison, c) => {
    comparison.series.forEach((ref, s) => {
      if (findSubject(config, ref) === undefined) {
        ctx.addIssue({ code: 'custom', path: ['comparisons', c, 'series', s], message: notConfigured(ref) });
      }
    });
  });
});

/**
 * Parses and validates the text of an `oss-pulse.yaml`. Every problem found is
 * reported at once, one line each, in a ConfigError naming `sourceName` and the key path.
 */
export function parseConfig(text: string, sourceName: string): Config {
  const { data, lineOf } = readYaml(text, sourceName);
  const result = configSchema.safeParse(data ?? {}, { error: errorMap, reportInput: true });
  if (result.success) return withConfiguredSpelling(result.data);
  const problems: ConfigProblem[] = result.error.issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((path) => ({ path: formatPath(path), message: issue.message, line: lineOf(path) }));
  });
  // Stable sort: file order, problems without a line last.
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  throw new ConfigError(sourceName, problems);
}

/** Series keys take the spelling of the watchlist entry they matched, so they equal the subject keys. */
function withConfiguredSpelling(config: Config): Config {
  const comparisons = config.comparisons.map(({ name, series }) => ({
    name,
    series: series.map((ref) => ({ ...ref, key: findSubject(config, ref) ?? ref.key })),
  }));
  return { ...config, comparisons };
}

export interface LoadConfigOptions {
  /** `--config FILE`, relative to `cwd`. */
  path?: string;
  /** Read for `OSS_PULSE_CONFIG`. */
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const BUILT_IN_SOURCE = 'built-in default watchlist';

/**
 * Finds and parses the config: `--config`, else `$OSS_PULSE_CONFIG`, else
 * `./oss-pulse.yaml`, else the built-in default watchlist. A file named
 * explicitly must exist. `source` is the file as the user named it, for messages.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<{ config: Config; source: string }> {
  const named = options.path ?? (options.env.OSS_PULSE_CONFIG || undefined);
  if (named !== undefined) {
    const how = options.path !== undefined ? 'named by --config' : 'named by $OSS_PULSE_CONFIG';
    const text = await readConfigFile(resolve(options.cwd, named), named, how);
    if (text === undefined) throw new ConfigError(named, [{ path: '', message: `no such file (${how})` }]);
    return { config: parseConfig(text, named), source: named };
  }
  const text = await readConfigFile(resolve(options.cwd, 'oss-pulse.yaml'), 'oss-pulse.yaml', 'in the working directory');
  if (text !== undefined) return { config: parseConfig(text, 'oss-pulse.yaml'), source: 'oss-pulse.yaml' };
  return { config: DEFAULT_CONFIG, source: BUILT_IN_SOURCE };
}

/** The file's text, or undefined when there is no such file. */
async function readConfigFile(path: string, shownAs: string, how: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const reason = code === 'EISDIR' ? 'is a directory' : `cannot be read: ${(error as Error).message}`;
    throw new ConfigError(shownAs, [{ path: '', message: `${reason} (${how})` }]);
  }
}

// Last, so the schema above is initialised; a broken default watchlist fails on import, in every test.
export const DEFAULT_CONFIG: Config = parseConfig(DEFAULT_CONFIG_YAML, BUILT_IN_SOURCE);
