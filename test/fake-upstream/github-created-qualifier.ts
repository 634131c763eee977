// The `created:` qualifier of GitHub repository search, as the fake reads it: the date
// forms GitHub documents (`<=D`, `<D`, `>=D`, `>D`, `D`, `A..B`, `*..B`, `A..*`), each
// date a UTC day (GitHub's own time zone for date-only qualifiers is unverified).
// Times of day (`created:>2023-01-01T12:00:00Z`) are not understood.

const DAY_MS = 86_400_000;
const DAY = String.raw`\d{4}-\d{2}-\d{2}`;
const RANGE = new RegExp(`^(\\*|${DAY})\\.\\.(\\*|${DAY})$`);
const COMPARISON = new RegExp(`^(<=|<|>=|>)?(${DAY})$`);

/** Repositories created at or after `from` and before `until` (epoch ms; ±Infinity when open). */
export interface CreatedRange {
  from: number;
  until: number;
}

export interface SearchWithCreated {
  /** The query without its `created:` qualifier, as `searchKey` spells it. */
  key: string;
  /** Undefined when the query has no `created:` qualifier. */
  created: CreatedRange | undefined;
}

/** How the fake files a search: case and spacing do not matter on github.com either. */
export const searchKey = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Splits the `created:` qualifier off a query; undefined when it is malformed or repeated. */
export function splitCreatedQualifier(query: string): SearchWithCreated | undefined {
  const terms = query.trim().split(/\s+/);
  const qualifiers = terms.filter((term) => term.toLowerCase().startsWith('created:'));
  if (qualifiers.length === 0) return { key: searchKey(query), created: undefined };
  if (qualifiers.length > 1) return undefined;
  const created = parseRange(qualifiers[0]!.slice('created:'.length));
  if (!created) return undefined;
  return { key: searchKey(terms.filter((term) => !qualifiers.includes(term)).join(' ')), created };
}

function parseRange(value: string): CreatedRange | undefined {
  const range = RANGE.exec(value);
  if (range) {
    const from = range[1] === '*' ? -Infinity : dayStart(range[1]!);
    const last = range[2] === '*' ? Infinity : dayStart(range[2]!);
    return from === undefined || last === undefined ? undefined : { from, until: last + DAY_MS };
  }
  const comparison = COMPARISON.exec(value);
  const day = comparison && dayStart(comparison[2]!);
  if (day === undefined || day === null) return undefined;
  switch (comparison?.[1]) {
    case '<=':
      return { from: -Infinity, until: day + DAY_MS };
    case '<':
      return { from: -Infinity, until: day };
    case '>=':
      return { from: day, until: Infinity };
    case '>':
      return { from: day + DAY_MS, until: Infinity };
    default:
      return { from: day, until: day + DAY_MS };
  }
}

/** Midnight UTC of a `YYYY-MM-DD` that names a real day (not 2026-02-30). */
function dayStart(text: string): number | undefined {
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? undefined : time;
}
