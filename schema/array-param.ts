import { type Param, sql } from 'drizzle-orm';

type Element = string | number | Date | null;

/**
 * One query parameter holding a whole array, as a Postgres array literal (`{1,2,3}`),
 * for `unnest($1::bigint[], ...)`. It says what node-postgres would, but a batch's
 * arrays have thousands of elements, and building the literal here costs a fraction
 * of the driver's element-by-element escaping (a batch's timestamps are mostly one instant).
 */
export function arrayParam(values: readonly Element[]): Param {
  const instants = new Map<number, string>();
  const parts = values.map((value) => {
    if (value === null) return 'NULL';
    if (typeof value === 'number') return String(value);
    if (value instanceof Date) {
      const time = value.getTime();
      let text = instants.get(time);
      if (text === undefined) instants.set(time, (text = `"${value.toISOString()}"`));
      return text;
    }
    return quote(value);
  });
  return sql.param(`{${parts.join(',')}}`);
}

const SPECIAL = /["\\]/;
const quote = (text: string): string => `"${SPECIAL.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
