// GraphQL connections of the fake GitHub, paged as GitHub pages them: `first` or `last`
// (one of them, at most 100), `after` and `before` cursors, `totalCount` and `pageInfo`.
// Shared by `repositoryOwner.repositories`, `Repository.releases` and `Release.releaseAssets`.

/** An error GitHub reports with a top-level `type`, like `NOT_FOUND`. */
export class TypedGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** GitHub's largest page. */
const MAX_PAGE = 100;

/**
 * One page of the connection `field` over `items`. Wording of the pagination errors from
 * GitHub's answers as users quote them (unverified against a recording). Cursors are
 * opaque base64 like GitHub's `cursor:v2:…`; here the position in `items`.
 */
export function connectionPage<T, N>(field: string, items: readonly T[], args: ConnectionArgs, toNode: (item: T) => N) {
  const forward = args.first !== undefined && args.first !== null;
  const size = forward ? args.first : args.last;
  if (size === undefined || size === null) {
    throw new TypedGraphqlError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`);
  }
  if (size > MAX_PAGE || size < 0) {
    throw new TypedGraphqlError('EXCESSIVE_PAGINATION', `Requesting ${size} records on the \`${field}\` connection exceeds the \`${forward ? 'first' : 'last'}\` limit of ${MAX_PAGE} records.`);
  }
  const start = args.after ? offsetOf(args.after) + 1 : 0;
  const end = args.before ? offsetOf(args.before) : items.length;
  const window = items.slice(start, Math.max(start, end));
  const page = forward ? window.slice(0, size) : window.slice(Math.max(0, window.length - size));
  const first = start + (forward ? 0 : window.length - page.length);
  return {
    totalCount: items.length,
    nodes: page.map(toNode),
    pageInfo: {
      hasNextPage: first + page.length < items.length,
      hasPreviousPage: first > 0,
      startCursor: page.length > 0 ? cursorAt(first) : null,
      endCursor: page.length > 0 ? cursorAt(first + page.length - 1) : null,
    },
  };
}

function cursorAt(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString('base64');
}

function offsetOf(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new TypedGraphqlError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}
