import { z } from 'zod';
import { checked, list, quote } from '../watchlist.ts';
import { normalizeSearchQuery } from './github-names.ts';

// GitHub rejects search text longer than this.
const MAX_QUERY_LENGTH = 256;
const MAX_LABEL_LENGTH = 200;

// Characters as people count them (code points), not UTF-16 units.
const lengthOf = (value: string) => [...value].length;

const label = checked(z.string(), (value) =>
  value.trim() === ''
    ? 'must not be empty'
    : lengthOf(value) > MAX_LABEL_LENGTH
      ? `longer than ${MAX_LABEL_LENGTH} characters`
      : undefined,
);

const query = checked(z.string(), (value) =>
  value.trim() === ''
    ? 'search query must not be empty'
    : lengthOf(value) > MAX_QUERY_LENGTH
      ? `search query is ${lengthOf(value)} characters; GitHub allows at most ${MAX_QUERY_LENGTH}`
      : undefined,
);

/** One entry of `github.searches`: a query string (its own label), or `{ query, label }`. */
const search = z.preprocess(
  (value) => (typeof value === 'string' ? { query: value } : value),
  z
    .strictObject(
      { query, label: label.optional() },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? 'unknown key; expected one of: query, label'
            : issue.code === 'invalid_type' && issue.expected === 'object'
              ? 'expected a query string or { query, label }'
              : undefined,
      },
    )
    .transform(({ query, label }) => ({ query, label: label ?? query })),
);

/**
 * `github.searches`: no query twice (as GitHub compares them), and no label twice, as
 * labels name report rows: two searches under one label would read as one series twice.
 */
export const searchList = list(search, 'github.searches', (entry) => normalizeSearchQuery(entry.query)).superRefine((searches, ctx) => {
  const labels = new Map<string, number>();
  searches.forEach((entry, index) => {
    // Checks run on the rest even when an entry failed: a failed one has no label to compare.
    if (typeof entry?.label !== 'string') return;
    const identity = entry.label.trim().toLowerCase();
    const first = labels.get(identity);
    if (first === undefined) labels.set(identity, index);
    else ctx.addIssue({ code: 'custom', path: [index], message: `label ${quote(entry.label)} is already used by github.searches[${first}]` });
  });
});
