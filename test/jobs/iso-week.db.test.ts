import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../../jobs/iso-week.ts';
import { sqlRows, TEST_SERVER_URL } from '../helpers/database.ts';

const DAY_MS = 86_400_000;
const week = (iso: string) => {
  const { label, start, end } = isoWeekOf(new Date(iso));
  return { label, start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
};

describe('isoWeekOf', () => {
  it('puts the days around a new year in the week holding its Thursday, W53 included', () => {
    expect(week('2020-12-31T12:00:00Z')).toEqual({ label: '2020-W53', start: '2020-12-28', end: '2021-01-04' });
    expect(week('2021-01-03T23:59:59.999Z')).toEqual({ label: '2020-W53', start: '2020-12-28', end: '2021-01-04' });
    expect(week('2021-01-04T00:00:00Z')).toEqual({ label: '2021-W01', start: '2021-01-04', end: '2021-01-11' });
    expect(week('2024-12-30T00:00:00Z')).toEqual({ label: '2025-W01', start: '2024-12-30', end: '2025-01-06' });
    expect(week('2027-01-03T00:00:00Z')).toEqual({ label: '2026-W53', start: '2026-12-28', end: '2027-01-04' });
  });

  it("agrees with Postgres' IYYY-IW and date_trunc('week') on every day from 2015 to 2030, at both ends of the day, in any time zone", async () => {
    const rows = await sqlRows<{ day: string; label: string; start: string }>(
      TEST_SERVER_URL,
      `SELECT to_char(d, 'YYYY-MM-DD') AS day, to_char(d, 'IYYY-"W"IW') AS label,
              to_char(date_trunc('week', d), 'YYYY-MM-DD') AS start
         FROM generate_series('2015-01-01'::timestamp, '2030-12-31'::timestamp, interval '1 day') AS d
        ORDER BY d`,
    );
    expect(rows).toHaveLength(5_844); // 16 years, 4 of them leap
    const mine = (date: Date) => {
      const { label, start, end } = isoWeekOf(date);
      return { label, start: start.toISOString().slice(0, 10), days: (end.getTime() - start.getTime()) / DAY_MS };
    };
    const differing = (timeZone: string) => {
      // The machine's time zone must not matter: weeks are UTC. (Node re-reads TZ when it is set.)
      const saved = process.env.TZ;
      process.env.TZ = timeZone;
      try {
        return rows.filter(({ day, label, start }) => {
          const expected = JSON.stringify({ label, start, days: 7 });
          const midnight = new Date(`${day}T00:00:00Z`);
          return JSON.stringify(mine(midnight)) !== expected || JSON.stringify(mine(new Date(midnight.getTime() + DAY_MS - 1))) !== expected;
        });
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    };
    for (const timeZone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) expect(differing(timeZone), timeZone).toEqual([]);
    const longYears = [...new Set(rows.filter((row) => row.label.endsWith('-W53')).map((row) => row.label))];
    expect(longYears).toEqual(['2015-W53', '2020-W53', '2026-W53']);
  });
});
