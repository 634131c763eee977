// The views are hand-written SQL in migrations/ (the latest `CREATE OR REPLACE VIEW` of
// each is its definition); these declarations only give drizzle their column types for
// typed reads of the views users query (the tests read them through these).
import { bigint, date, numeric, pgView, text, timestamp } from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const latestMetrics = pgView('latest_metrics', {
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  metric: text('metric').notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
  observedAt: timestamptz('observed_at').notNull(),
}).existing();

export const dailyMetrics = pgView('daily_metrics', {
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  metric: text('metric').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
}).existing();

export const weeklyMetrics = pgView('weekly_metrics', {
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  metric: text('metric').notNull(),
  week: text('week').notNull(),
  weekStart: date('week_start', { mode: 'string' }).notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
  previousValue: bigint('previous_value', { mode: 'number' }),
  delta: bigint('delta', { mode: 'number' }),
  growthPct: numeric('growth_pct', { mode: 'number' }),
  observedAt: timestamptz('observed_at').notNull(),
}).existing();
