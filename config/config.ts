import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { SOURCES, type SourceName, type Watchlist } from '../jobs/sources/registry.ts';
import { checked, list, quote, section } from '../jobs/sources/watchlist.ts';
import { alertReferenceProblems, alertsShape, resolveAlertRules, type AlertRule, type AlertsContext, type Channel, type Digest } from './alerts-config.ts';
import { ConfigError, formatPath, type ConfigProblem } from './config-error.ts';
import { findSubject, formatSeriesRef, notConfigured, seriesRefSchema, type SeriesRef } from './config-series.ts';
import { readYaml } from './config-yaml.ts';
import { DEFAULT_SCHEDULES, defaultConfigYaml } from './default-watchlist.ts';
import { errorMap } from './error-map.ts';

export { ConfigError, type ConfigProblem } from './config-error.ts';

export type ReportFormat = 'md' | 'html' | 'csv' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'csv', 'json'];

export type { AlertCondition, AlertRule, AlertTarget, Channel, Digest } from './alerts-config.ts';

export type ScheduleName = SourceName | 'report';

/**
 * The whole `oss-pulse.yaml`: the sources' watchlist sections, then what to compare,
 * when, where reports go, and what to alert on and where to send it.
 */
export type Config = Watchlist & {
  comparisons: { name: string; series: SeriesRef[] }[];
  schedules: Record<ScheduleName, string>;
  reports: { dir: string; formats: ReportFormat[] };
  /** @defaultValue [] */
  alerts: AlertRule[];
  /** @defaultValue [] */
  channels: Channel[];
  /** The weekly report sent to channels. @defaultValue null (none) */
  digest: Digest | null;
};

const text = z.string();
// A comparison's name heads a report section.
const MAX_NAME_LENGTH = 200;
const comparisonName = checked(text, (value) =>
  value.trim() === '' ? 'must not be empty' : [...value].length > MAX_NAME_LENGTH ? `longer than ${MAX_NAME_LENGTH} characters` : undefined,
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

const comparison = section({
  name: comparisonName,
  series: z.array(seriesRefSchema).superRefine((refs, ctx) => {
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
) as Record<ScheduleName, ReturnType<typeof schedule>>;
const schedules = section(scheduleShape);

/** Each watchlist section gathers the lists of the sources that share it. */
function watchlistShape(): Record<string, z.ZodType> {
  const lists = new Map<string, Record<string, z.ZodType>>();
  for (const source of SOURCES) {
    lists.set(source.watchlist.section, { ...lists.get(source.watchlist.section), ...(source.watchlist.shape as Record<string, z.ZodType>) });
  }
  return Object.fromEntries([...lists].map(([name, shape]) => [name, section(shape)]));
}

const configSchema = section({
  ...watchlistShape(),
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
  ...alertsShape,
}).superRefine((parsed, ctx) => {
  // Rules and channels are only whole when nothing in the file was refused (an item that
  // failed its checks may still be here, half read).
  const alertsWhole = ctx.issues.length === 0;
  const config = parsed as unknown as Config;
  config.comparisons.forEach((comparison, c) => {
    comparison.series.forEach((ref, s) => {
      if (findSubject(config, ref) === undefined) {
        ctx.addIssue({ code: 'custom', path: ['comparisons', c, 'series', s], message: notConfigured(ref) });
      }
    });
  });
  if (!alertsWhole) return;
  for (const { path, message } of alertReferenceProblems(parsed as unknown as AlertsContext)) ctx.addIssue({ code: 'custom', path, message });
});

/**
 * Parses and validates the text of an `oss-pulse.yaml`. Every problem found is
 * reported at once, one line each, in a ConfigError naming `sourceName` and the key path.
 */
export function parseConfig(text: string, sourceName: string): Config {
  const { data, lineOf } = readYaml(text, sourceName);
  const result = configSchema.safeParse(data ?? {}, { error: errorMap, reportInput: true });
  if (result.success) return withConfiguredSpelling(result.data as unknown as Config);
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
  return { ...config, comparisons, alerts: resolveAlertRules(config as unknown as AlertsContext) };
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
export const DEFAULT_CONFIG: Config = parseConfig(defaultConfigYaml(), BUILT_IN_SOURCE);
