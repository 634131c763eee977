/**
 * Terminology
 * - subject: one thing we watch upstream (a GitHub repository, a keyword search,
 *   a Hub model, a package), identified by `(kind, key)`.
 * - metric: one figure of a subject (`stars`, `downloads_7d`, ...).
 * - sample: one value of one metric of one subject at one instant.
 * - run: one collection round of one source; its per-subject failures are kept.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const subjects = pgTable(
  'subjects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    externalId: text('external_id'),
    status: text('status').notNull().default('active'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    firstSeenAt: timestamptz('first_seen_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at'),
  },
  (t) => [
    uniqueIndex('subjects_kind_key_key').on(t.kind, t.key),
    uniqueIndex('subjects_kind_external_id_key').on(t.kind, t.externalId),
  ],
);

export const collectionRuns = pgTable('collection_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The queue job of the round, so a round picked up twice records one run. */
  jobKey: text('job_key').unique('collection_runs_job_key_key'),
  source: text('source').notNull(),
  trigger: text('trigger').notNull(),
  startedAt: timestamptz('started_at').notNull(),
  finishedAt: timestamptz('finished_at'),
  status: text('status').notNull().default('running'),
  subjectsOk: integer('subjects_ok').notNull().default(0),
  subjectsFailed: integer('subjects_failed').notNull().default(0),
  requests: integer('requests').notNull().default(0),
  error: text('error'),
  /** The command-line process running the round (`host pid start-time`), to tell a run cut short from one still going. */
  process: text('process'),
});

export const samples = pgTable(
  'samples',
  {
    // No foreign key: the check would cost every sample a lookup and a row lock. Deleting
    // a subject still deletes its samples and rollups (trigger `subjects_delete_cascade`).
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    metric: text('metric').notNull(),
    observedAt: timestamptz('observed_at').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    origin: text('origin').notNull().default('observed'),
    // No foreign key: runs are never deleted, and the check would cost every sample a lookup.
    runId: bigint('run_id', { mode: 'number' }),
  },
  (t) => [
    // One observed figure per series per run is kept by `series.last_run_id`, not by an
    // index here: a second index would cost every sample as much again.
    primaryKey({ columns: [t.subjectId, t.metric, t.observedAt] }),
  ],
);

export const collectionFailures = pgTable(
  'collection_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => collectionRuns.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    /** Set when only this metric of the subject failed and its other figures were stored. */
    metric: text('metric'),
    errorKind: text('error_kind').notNull(),
    message: text('message').notNull(),
    failedAt: timestamptz('failed_at').notNull(),
  },
  (t) => [index('collection_failures_run_id_idx').on(t.runId)],
);

/**
 * Internal, kept by the write path: every series (subject and metric) with the span
 * of its samples and its newest sample, so the latest figures and the weekly view
 * need not search the samples for them.
 */
export const series = pgTable(
  'series',
  {
    // Derived from samples (which reference subjects): no foreign key of its own to check on every write.
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    metric: text('metric').notNull(),
    firstObservedAt: timestamptz('first_observed_at').notNull(),
    /** The newest sample: when, its value and its origin. */
    lastObservedAt: timestamptz('last_observed_at').notNull(),
    lastValue: bigint('last_value', { mode: 'number' }).notNull(),
    lastOrigin: text('last_origin').notNull(),
    /**
     * The run of the last observed write. A series takes one observed sample per run:
     * a batch that runs again (a worker killed after its commit, a retry after a rate
     * limit) finds its series taken by its run and adds nothing.
     */
    lastRunId: bigint('last_run_id', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.metric] })],
);

/**
 * Internal rollup kept by the write path: the last sample of each series in each ISO
 * week before the series' latest one (that week's figure is the series' newest sample).
 * A week's figure is a lookup here instead of a search through every sample.
 */
export const weeklySamples = pgTable(
  'weekly_samples',
  {
    // Derived from samples, like `series`: no foreign key of its own.
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    metric: text('metric').notNull(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    observedAt: timestamptz('observed_at').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    origin: text('origin').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.metric, t.weekStart] }), index('weekly_samples_week_start_idx').on(t.weekStart)],
);

/** Conditional-request cache: the last answer of an ETag-carrying URL, so a 304 still yields figures. */
export const httpCache = pgTable('http_cache', {
  url: text('url').primaryKey(),
  etag: text('etag').notNull(),
  body: jsonb('body').notNull(),
  storedAt: timestamptz('stored_at').notNull(),
});

/**
 * One row per occurrence of an alert rule (a crossing, a week's spike, a new leader, a
 * subject gone). The id is made from the rule and what the occurrence is about, so a
 * re-run round, a retried job or a second worker finds the row there and adds nothing.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: text('id').primaryKey(),
    rule: text('rule').notNull(),
    /** The series it is about (kind, key, metric); NULL for what no one series says (a comparison's leader). */
    kind: text('kind'),
    key: text('key'),
    /** The subject's display name when the event was recorded (messages are made from it). */
    label: text('label'),
    metric: text('metric'),
    value: bigint('value', { mode: 'number' }),
    previousValue: bigint('previous_value', { mode: 'number' }),
    delta: bigint('delta', { mode: 'number' }),
    /** ISO week, `2026-W48`. */
    week: text('week'),
    observedAt: timestamptz('observed_at'),
    message: text('message').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('alert_events_created_at_idx').on(t.createdAt)],
);

/**
 * One row per event and channel: the delivery's state and its attempts. The key makes
 * a second delivery row impossible, and `status` reaches 'delivered' once.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => alertEvents.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    /** pending, delivered, failed (attempts left or a permanent answer) or dropped; checked by `deliveries_status_check`. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    deliveredAt: timestamptz('delivered_at'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.channel] })],
);
