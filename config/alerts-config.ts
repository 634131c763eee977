import { z } from 'zod';
import { SUBJECT_KINDS, type SubjectKind, type Watchlist } from '../jobs/sources/registry.ts';
import { checked, list, quote } from '../jobs/sources/watchlist.ts';
import { type Channel, channelSchema } from './channels-config.ts';
import { findSubject, metricsOf, notConfigured, seriesRefSchema, type SeriesRef } from './config-series.ts';

/**
 * Terminology (the rest is in alerts/alert-event.ts)
 * - rule: one entry of `alerts:`: a target (what to watch) and a condition (when to
 *   speak), and the channels its events go to.
 * - channel: one entry of `channels:`: where events (and the weekly digest) are sent.
 *   Its secrets are never in the file, only the names of the variables holding them.
 * - digest: the weekly report, sent to channels after the report job.
 */

export type { Channel } from './channels-config.ts';

export type AlertCondition =
  | { type: 'above' | 'below'; level: number }
  | { type: 'spike'; factor: number }
  | { type: 'leader_changes' }
  | { type: 'missing' };

export type AlertTarget =
  /** `when.series`: one series. */
  | { type: 'series'; series: SeriesRef }
  /** `when.kind` (+ `metric`, default the kind's main metric): every series of that kind. */
  | { type: 'kind'; kind: SubjectKind; metric: string }
  /** `when.comparison`: a configured comparison, by its name as configured. */
  | { type: 'comparison'; name: string };

export interface AlertRule {
  /** Unique: it goes into the ids of the rule's events. */
  name: string;
  target: AlertTarget;
  condition: AlertCondition;
  /** Channel names. @defaultValue every channel; `notify: []` records events without sending them */
  notify: string[];
}

export interface Digest {
  channels: string[];
}

/** A rule as the schema reads it: references unchecked, `notify` null when left out. */
export type ParsedAlertRule = Omit<AlertRule, 'notify'> & { notify: string[] | null };

/** What the alert sections are checked against: the rest of the config. */
export interface AlertsContext extends Watchlist {
  comparisons: readonly { name: string }[];
  alerts: readonly ParsedAlertRule[];
  channels: readonly Channel[];
  digest: Digest | null;
}

const TARGET_KEYS = ['series', 'kind', 'comparison'] as const;
const CONDITION_KEYS = ['above', 'below', 'spike', 'leader_changes', 'missing'] as const;

// A rule's name heads its messages; the same limit as a comparison's.
const MAX_NAME_LENGTH = 200;
const ruleName = checked(z.string(), (name) => {
  if (name.trim() === '') return 'must not be empty';
  if ([...name].length > MAX_NAME_LENGTH) return `longer than ${MAX_NAME_LENGTH} characters`;
  // Event ids join the name and what the event is about with NUL; chat messages show it on one line.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not hold control characters (line breaks, tabs, ...)';
  return undefined;
});

const trueFlag = z.custom<true>((value) => value === true, { error: 'must be true' });
const spikeFactor = z.custom<number>((value) => typeof value === 'number' && Number.isFinite(value) && value > 1, {
  error: 'must be a number above 1',
});

/** Names, each listed once. */
const names = z.array(z.string()).superRefine((values, ctx) => {
  values.forEach((name, index) => {
    if (values.indexOf(name) !== index) ctx.addIssue({ code: 'custom', path: [index], message: 'listed twice' });
  });
});
/** `notify`: `null` when left out or left empty (every channel), kept apart from `[]` (none). */
const notify = names
  .nullable()
  .optional()
  .transform((values) => values ?? null);

/** `when:` as read, before its keys are checked against each other. */
interface When {
  series?: SeriesRef;
  kind?: SubjectKind;
  metric?: string;
  comparison?: string;
  above?: number;
  below?: number;
  spike?: number;
  leader_changes?: true;
  missing?: true;
}

const when = z
  .strictObject(
    {
      series: seriesRefSchema.optional(),
      kind: z.enum(SUBJECT_KINDS as unknown as [SubjectKind, ...SubjectKind[]]).optional(),
      metric: z.string().optional(),
      comparison: z.string().optional(),
      above: z.number().optional(),
      below: z.number().optional(),
      spike: spikeFactor.optional(),
      leader_changes: trueFlag.optional(),
      missing: trueFlag.optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${[...TARGET_KEYS, 'metric', ...CONDITION_KEYS].join(', ')}` : undefined,
    },
  )
  .nullable()
  .optional()
  .transform((value, ctx): Pick<AlertRule, 'target' | 'condition'> => {
    const w: When = value ?? {};
    const targets = TARGET_KEYS.filter((key) => w[key] !== undefined);
    const conditions = CONDITION_KEYS.filter((key) => w[key] !== undefined);
    let valid = true;
    const problem = (path: string[], message: string) => {
      valid = false;
      ctx.addIssue({ code: 'custom', path, message });
    };
    if (targets.length === 0) problem([], `name what to watch: ${TARGET_KEYS.join(', ')}`);
    for (const extra of targets.slice(1)) problem([extra], `one target per rule; this one already watches ${targets[0]}`);
    if (conditions.length === 0) problem([], `name a condition: ${CONDITION_KEYS.join(', ')}`);
    for (const extra of conditions.slice(1)) problem([extra], `one condition per rule; this one already has ${conditions[0]}`);
    if (w.metric !== undefined && w.kind === undefined) {
      problem(['metric'], 'only with kind (a series names its metric itself: KIND:KEY@METRIC)');
    } else if (w.metric !== undefined && w.kind !== undefined && !metricsOf(w.kind).includes(w.metric)) {
      problem(['metric'], `${quote(w.metric)} is not a metric of ${w.kind} (expected one of: ${metricsOf(w.kind).join(', ')})`);
    }
    const [target] = targets;
    const [condition] = conditions;
    if (condition === 'leader_changes' && target !== undefined && target !== 'comparison') problem([condition], 'only with comparison');
    if (condition === 'missing' && target === 'comparison') problem([condition], 'only with series or kind');
    if (target === 'comparison' && (condition === 'above' || condition === 'below' || condition === 'spike')) {
      problem([condition], 'not with comparison (a comparison takes leader_changes)');
    }
    if (!valid || target === undefined || condition === undefined) return z.NEVER;
    return { target: targetOf(w, target), condition: conditionOf(w, condition) };
  });

function targetOf(w: When, key: (typeof TARGET_KEYS)[number]): AlertTarget {
  if (key === 'series') return { type: 'series', series: w.series as SeriesRef };
  if (key === 'kind') {
    const kind = w.kind as SubjectKind;
    return { type: 'kind', kind, metric: w.metric ?? metricsOf(kind)[0] ?? '' };
  }
  return { type: 'comparison', name: w.comparison as string };
}

function conditionOf(w: When, key: (typeof CONDITION_KEYS)[number]): AlertCondition {
  if (key === 'above' || key === 'below') return { type: key, level: w[key] as number };
  if (key === 'spike') return { type: 'spike', factor: w.spike as number };
  return { type: key };
}

const alertRule = z
  .strictObject(
    { name: ruleName, when, notify },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown key; expected one of: name, when, notify' : undefined) },
  )
  .transform(({ name, when, notify }): ParsedAlertRule => ({ name, ...when, notify }));

const digest = z.preprocess(
  (value) => value ?? null,
  z
    .strictObject(
      {
        channels: names.refine((values) => values.length > 0, 'list at least one channel'),
      },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown key; expected one of: channels' : undefined) },
    )
    .nullable(),
);

/** The top-level keys `alerts`, `channels` and `digest` of `oss-pulse.yaml`. @defaultValue [], [], null */
export const alertsShape = {
  alerts: list(alertRule, 'alerts', (rule) => rule.name.trim()),
  channels: list(channelSchema, 'channels', (channel) => channel.name),
  digest,
};

type Problem = { path: (string | number)[]; message: string };

/** What the alert sections name that the rest of the config does not hold: series, comparisons, channels. */
export function alertReferenceProblems(config: AlertsContext): Problem[] {
  const problems: Problem[] = [];
  const channelNames = new Set(config.channels.map((channel) => channel.name));
  const checkChannels = (names: readonly string[] | null, path: (string | number)[]) =>
    names?.forEach((name, index) => {
      if (!channelNames.has(name)) problems.push({ path: [...path, index], message: `${quote(name)} is not in channels` });
    });
  config.alerts.forEach((rule, index) => {
    const { target } = rule;
    if (target.type === 'series' && findSubject(config, target.series) === undefined) {
      problems.push({ path: ['alerts', index, 'when', 'series'], message: notConfigured(target.series) });
    }
    if (target.type === 'comparison' && findComparison(config, target.name) === undefined) {
      problems.push({ path: ['alerts', index, 'when', 'comparison'], message: `${quote(target.name)} is not in comparisons` });
    }
    checkChannels(rule.notify, ['alerts', index, 'notify']);
  });
  checkChannels(config.digest?.channels ?? null, ['digest', 'channels']);
  return problems;
}

/** The rules with their references in the configured spelling and `notify` filled in; after `alertReferenceProblems` found none. */
export function resolveAlertRules(config: AlertsContext): AlertRule[] {
  const everyChannel = config.channels.map((channel) => channel.name);
  return config.alerts.map((rule) => {
    const target: AlertTarget =
      rule.target.type === 'series'
        ? { ...rule.target, series: { ...rule.target.series, key: findSubject(config, rule.target.series) ?? rule.target.series.key } }
        : rule.target.type === 'comparison'
          ? { ...rule.target, name: findComparison(config, rule.target.name) ?? rule.target.name }
          : rule.target;
    return { ...rule, target, notify: rule.notify ?? everyChannel };
  });
}

/** The configured name of the comparison `name` names (comparison names are compared trimmed, as their duplicates are). */
function findComparison(config: AlertsContext, name: string): string | undefined {
  return config.comparisons.find((comparison) => comparison.name.trim() === name.trim())?.name;
}
