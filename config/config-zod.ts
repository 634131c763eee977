import { z } from 'zod';
import { quote } from './config-names.ts';

/*
 * Zod building blocks for a YAML file written by hand: every list and section
 * may be left empty, unknown keys are errors that list the known ones, and
 * messages speak of lists and mappings rather than arrays and objects.
 */

type Check<T> = (value: T) => string | undefined;

export function checked<T extends z.ZodType>(schema: T, check: Check<z.output<T>>) {
  return schema.superRefine((value, ctx) => {
    const message = check(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
  });
}

/** A list that may be left empty (`packages:` with nothing after it) and must not repeat itself. */
export function list<T extends z.ZodType>(item: T, listPath: string, sameAs: (value: z.output<T>) => string) {
  const items = z.array(item).superRefine((values, ctx) => {
    const firstIndex = new Map<string, number>();
    values.forEach((value, index) => {
      const identity = sameAs(value);
      const first = firstIndex.get(identity);
      if (first === undefined) firstIndex.set(identity, index);
      else ctx.addIssue({ code: 'custom', path: [index], message: `duplicate of ${listPath}[${first}]` });
    });
  });
  return z.preprocess((value) => value ?? [], items);
}

/** A mapping whose unknown keys are errors; a section left empty (`npm:`) takes its defaults. */
export function section<T extends z.core.$ZodLooseShape>(shape: T) {
  const object = z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${Object.keys(shape).join(', ')}` : undefined,
  });
  return z.preprocess((value) => value ?? {}, object);
}

const TYPE_NOUNS: Record<string, string> = { string: 'a string', array: 'a list', object: 'a mapping', number: 'a number' };

/** Messages for zod's built-in issues, in the words of a YAML file rather than of JavaScript. */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    const expected = TYPE_NOUNS[issue.expected] ?? issue.expected;
    return issue.input === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${describe(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    return `${describe(issue.input)} is not one of: ${issue.values.map(String).join(', ')}`;
  }
  return undefined;
};

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
