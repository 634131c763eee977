import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { alertEvents, deliveries } from '../../schema/tables.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const NOW = new Date('2026-11-30T06:00:00Z');
const HOUR = 3_600_000;

const event = (id: string) => ({
  id,
  rule: 'LLaMA passes 7,000 repositories',
  kind: 'github_search',
  key: 'llama',
  label: 'LLaMA',
  metric: 'repositories',
  value: 7_012,
  previousValue: 6_950,
  delta: 62,
  week: '2026-W48',
  observedAt: new Date('2026-11-29T12:00:00Z'),
  message: 'LLaMA passed 7,000 repositories on GitHub: 7,012 (+62).',
  createdAt: NOW,
});

/** The error Postgres raised, as text: the constraint it names. */
async function failureOf(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return `${(error as Error).message} ${cause instanceof Error ? cause.message : ''}`;
  }
  throw new Error('expected the statement to fail');
}

describe.each(DRIVERS)('alert_events and deliveries on %s', (driver) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestHandle(driver);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.execute(sql`TRUNCATE alert_events CASCADE`);
  });

  const columnsOf = (table: string) =>
    queryRows<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      handle.db,
      sql`SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
    );
  const describeColumns = async (table: string) =>
    (await columnsOf(table)).map((c) => `${c.column_name} ${c.data_type}${c.is_nullable === 'NO' ? ' not null' : ''}${c.column_default ? ` default ${c.column_default}` : ''}`);

  it('has the columns of the issue', async () => {
    expect(await describeColumns('alert_events')).toEqual([
      'id text not null',
      'rule text not null',
      'kind text',
      'key text',
      'label text',
      'metric text',
      'value bigint',
      'previous_value bigint',
      'delta bigint',
      'week text',
      'observed_at timestamp with time zone',
      'message text not null',
      'created_at timestamp with time zone not null',
    ]);
    expect(await describeColumns('deliveries')).toEqual([
      'event_id text not null',
      'channel text not null',
      "status text not null default 'pending'::text",
      'attempts integer not null default 0',
      'last_error text',
      'delivered_at timestamp with time zone',
      'updated_at timestamp with time zone not null',
    ]);
  });

  it('keys events by id and deliveries by (event, channel), and indexes events by created_at', async () => {
    const indexes = await queryRows<{ indexname: string; indexdef: string }>(
      handle.db,
      sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('alert_events', 'deliveries') ORDER BY indexname`,
    );
    expect(indexes.map((index) => index.indexdef.replace(/ ON public\./, ' ON '))).toEqual([
      'CREATE INDEX alert_events_created_at_idx ON alert_events USING btree (created_at)',
      'CREATE UNIQUE INDEX alert_events_pkey ON alert_events USING btree (id)',
      'CREATE UNIQUE INDEX deliveries_event_id_channel_pk ON deliveries USING btree (event_id, channel)',
    ]);
  });

  it('records an event once: the same id again adds nothing', async () => {
    await handle.db.insert(alertEvents).values(event('evt_1')).onConflictDoNothing();
    const again = await handle.db.insert(alertEvents).values({ ...event('evt_1'), message: 'again', createdAt: new Date(NOW.getTime() + HOUR) }).onConflictDoNothing().returning();
    expect(again).toEqual([]);
    expect(await handle.db.select().from(alertEvents)).toEqual([event('evt_1')]);
    expect(await failureOf(handle.db.insert(alertEvents).values(event('evt_1')))).toContain('alert_events_pkey');
  });

  it('reads events back typed: numbers and dates, NULL for what an event is not about', async () => {
    const gone = { id: 'evt_2', rule: 'Gone', message: 'meta-llama/llama is gone from GitHub.', createdAt: NOW };
    await handle.db.insert(alertEvents).values(gone);
    expect(await handle.db.select().from(alertEvents).where(eq(alertEvents.id, 'evt_2'))).toEqual([
      { ...gone, kind: null, key: null, label: null, metric: null, value: null, previousValue: null, delta: null, week: null, observedAt: null },
    ]);
  });

  it('one delivery per event and channel, pending with no attempts by default', async () => {
    await handle.db.insert(alertEvents).values(event('evt_1'));
    await handle.db.insert(deliveries).values({ eventId: 'evt_1', channel: 'team-chat', updatedAt: NOW });
    expect(await handle.db.select().from(deliveries)).toEqual([
      { eventId: 'evt_1', channel: 'team-chat', status: 'pending', attempts: 0, lastError: null, deliveredAt: null, updatedAt: NOW },
    ]);
    expect(await failureOf(handle.db.insert(deliveries).values({ eventId: 'evt_1', channel: 'team-chat', updatedAt: NOW }))).toContain(
      'deliveries_event_id_channel_pk',
    );
    await handle.db.insert(deliveries).values({ eventId: 'evt_1', channel: 'mail', updatedAt: NOW });
    expect(await handle.db.$count(deliveries)).toBe(2);
  });

  it('refuses a delivery of an event that was never recorded', async () => {
    expect(await failureOf(handle.db.insert(deliveries).values({ eventId: 'evt_missing', channel: 'ops', updatedAt: NOW }))).toContain(
      'deliveries_event_id_alert_events_id_fk',
    );
  });

  it('checks the status, the attempts, and that delivered_at is set exactly when delivered', async () => {
    await handle.db.insert(alertEvents).values(event('evt_1'));
    const row = { eventId: 'evt_1', channel: 'ops', updatedAt: NOW };
    for (const status of ['pending', 'failed', 'dropped']) {
      await handle.db.insert(deliveries).values({ ...row, channel: status, status });
    }
    await handle.db.insert(deliveries).values({ ...row, status: 'delivered', attempts: 2, deliveredAt: NOW });
    expect(await failureOf(handle.db.insert(deliveries).values({ ...row, channel: 'x', status: 'sent' }))).toContain('deliveries_status_check');
    expect(await failureOf(handle.db.insert(deliveries).values({ ...row, channel: 'x', status: 'delivered' }))).toContain('deliveries_delivered_at_check');
    expect(await failureOf(handle.db.insert(deliveries).values({ ...row, channel: 'x', status: 'failed', deliveredAt: NOW }))).toContain(
      'deliveries_delivered_at_check',
    );
    expect(await failureOf(handle.db.insert(deliveries).values({ ...row, channel: 'x', attempts: -1 }))).toContain('deliveries_attempts_check');
  });

  it('deleting an event deletes its deliveries, and no other', async () => {
    await handle.db.insert(alertEvents).values([event('evt_1'), event('evt_2')]);
    await handle.db.insert(deliveries).values([
      { eventId: 'evt_1', channel: 'team-chat', updatedAt: NOW },
      { eventId: 'evt_1', channel: 'mail', status: 'failed', attempts: 5, lastError: 'HTTP 503', updatedAt: NOW },
      { eventId: 'evt_2', channel: 'team-chat', updatedAt: NOW },
    ]);
    await handle.db.delete(alertEvents).where(eq(alertEvents.id, 'evt_1'));
    expect(await handle.db.select({ eventId: deliveries.eventId, channel: deliveries.channel }).from(deliveries)).toEqual([
      { eventId: 'evt_2', channel: 'team-chat' },
    ]);
  });

  it('documents both tables and every column with COMMENT ON', async () => {
    const tables = await queryRows<{ relname: string; comment: string | null }>(
      handle.db,
      sql`SELECT c.relname, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c
          WHERE c.relname IN ('alert_events', 'deliveries') AND c.relkind = 'r' ORDER BY c.relname`,
    );
    expect(tables.map((table) => table.relname)).toEqual(['alert_events', 'deliveries']);
    for (const table of tables) expect(table.comment, table.relname).toMatch(/\S/);
    const undocumented = await queryRows<{ column: string }>(
      handle.db,
      sql`SELECT c.relname || '.' || a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relname IN ('alert_events', 'deliveries') AND a.attnum > 0 AND NOT a.attisdropped
            AND col_description(c.oid, a.attnum) IS NULL`,
    );
    expect(undocumented).toEqual([]);
  });
});
