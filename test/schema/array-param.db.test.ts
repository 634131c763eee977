import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayParam } from '../../schema/array-param.ts';
import { type DatabaseHandle, queryRows } from '../../schema/db.ts';
import { DRIVERS, openTestHandle } from '../helpers/handles.ts';

const AWKWARD = ['plain', '', 'NULL', 'null', '"quoted"', 'back\\slash', '\\"', '{braces}', 'a,b', ' spaced ', 'line\nbreak', "'; DROP TABLE samples; --", '=1+1', 'ünïcødé 🦙', '\t'];

describe.each(DRIVERS)('arrayParam on %s', (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestHandle(driver);
  });
  afterAll(() => handle.close());

  it('round-trips text byte-identical, NULL as null', async () => {
    const rows = await queryRows<{ v: string | null }>(handle.db, sql`SELECT v FROM unnest(${arrayParam([...AWKWARD, null])}::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n`);
    expect(rows.map((row) => row.v)).toEqual([...AWKWARD, null]);
  });

  it('round-trips numbers and instants', async () => {
    const instants = [new Date('2026-11-29T23:59:59.999Z'), new Date('2026-11-29T23:59:59.999Z'), new Date('1970-01-01T00:00:00Z')];
    const rows = await queryRows<{ n: string; t: string }>(
      handle.db,
      sql`SELECT n::text AS n, to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS t
          FROM unnest(${arrayParam([0, -5, 9_007_199_254_740_991])}::bigint[], ${arrayParam(instants)}::timestamptz[]) AS v(n, t)`,
    );
    expect(rows).toEqual([
      { n: '0', t: '2026-11-29T23:59:59.999' },
      { n: '-5', t: '2026-11-29T23:59:59.999' },
      { n: '9007199254740991', t: '1970-01-01T00:00:00.000' },
    ]);
  });
});
