import { z } from 'zod';

const count = z.number().int().nonnegative();

/**
 * A count an upstream answer carries, or undefined when the field is absent, null or
 * not a whole non-negative number: a figure it left out, recorded as missing, never taken for 0.
 */
export function countIn(value: unknown): number | undefined {
  const parsed = count.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
