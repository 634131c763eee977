import { z } from 'zod';
import { quote } from '../jobs/sources/watchlist.ts';

// zod's own messages, in the words of a YAML file written by hand: lists and
// mappings rather than arrays and objects.

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
