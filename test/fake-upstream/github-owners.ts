// The fake GitHub's users and organisations over GraphQL: `repositoryOwner(login)` and
// `organization(login)`, each with `repositories(...)` paged by cursor and filtered by
// `isFork`, `privacy`, `isArchived` and `ownerAffiliations` the way GitHub filters them.
//
// What GitHub answers, as recorded by its users: `repositoryOwner` with an unknown login
// is `null` with no error (helloRupa/github-repos-by-username, src/apollo_query.js);
// `organization` with an unknown login, or a user's, is `null` with a NOT_FOUND error
// "Could not resolve to an Organization with the login of '…'." (cli/cli's and others'
// tests quote it). The fake's tokens see private repositories as a member would, so a
// query that leaves out `privacy: PUBLIC` gets them, as a member's token would.
import { ownerId, ownerNodeId } from './github-repo-json.ts';
import type { GitHubRepo, GitHubStore, OwnerType } from './github-store.ts';

// Arguments, nullability and descriptions' semantics copied from the real schema.
export const OWNERS_SDL = /* GraphQL */ `
  enum RepositoryPrivacy { PRIVATE PUBLIC }
  enum RepositoryAffiliation { COLLABORATOR ORGANIZATION_MEMBER OWNER }

  type RepositoryConnection {
    nodes: [Repository]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  extend type Query {
    repositoryOwner(login: String!): RepositoryOwner
    organization(login: String!): Organization
  }

  extend interface RepositoryOwner {
    repositories(first: Int, last: Int, after: String, before: String, isFork: Boolean, isArchived: Boolean, privacy: RepositoryPrivacy, ownerAffiliations: [RepositoryAffiliation] = [OWNER, COLLABORATOR]): RepositoryConnection!
  }
  extend type Organization {
    repositories(first: Int, last: Int, after: String, before: String, isFork: Boolean, isArchived: Boolean, privacy: RepositoryPrivacy, ownerAffiliations: [RepositoryAffiliation] = [OWNER, COLLABORATOR]): RepositoryConnection!
  }
  extend type User {
    repositories(first: Int, last: Int, after: String, before: String, isFork: Boolean, isArchived: Boolean, privacy: RepositoryPrivacy, ownerAffiliations: [RepositoryAffiliation] = [OWNER, COLLABORATOR]): RepositoryConnection!
  }
`;

interface RepositoriesArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  isFork?: boolean | null;
  isArchived?: boolean | null;
  privacy?: 'PUBLIC' | 'PRIVATE' | null;
}

/** GitHub's largest page. */
const MAX_PAGE = 100;

type TypedError = (type: string, message: string) => Error;
type RepoNode = (repo: GitHubRepo, store: GitHubStore) => object;

/** Root fields for `github-graphql.ts`; `typedError` makes errors GitHub reports with a `type`, `repoNode` a `Repository`. */
export function ownerResolvers(store: GitHubStore, typedError: TypedError, repoNode: RepoNode) {
  const ownerNode = (login: string, type: OwnerType) => ({
    __typename: type,
    id: ownerNodeId(login),
    login,
    url: `https://github.com/${login}`,
    databaseId: ownerId(login),
    repositories: (args: RepositoriesArgs) => repositories(store.ownedBy(login), args, typedError, (repo) => repoNode(repo, store)),
  });
  return {
    repositoryOwner({ login }: { login: string }) {
      const owner = store.owner(login);
      return owner ? ownerNode(owner.login, owner.type) : null;
    },
    organization({ login }: { login: string }) {
      const owner = store.owner(login);
      if (owner?.type !== 'Organization') throw typedError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
      return ownerNode(owner.login, owner.type);
    },
  };
}

/**
 * One page of a connection. The fake models no collaborators, so `ownerAffiliations` has
 * nothing to add to what the owner owns. Wording of the pagination errors from GitHub's
 * answers as users quote them (unverified against a recording).
 */
function repositories(owned: GitHubRepo[], args: RepositoriesArgs, typedError: TypedError, node: (repo: GitHubRepo) => object) {
  const size = args.first ?? args.last;
  if (size === undefined || size === null) {
    throw typedError('MISSING_PAGINATION_BOUNDARIES', 'You must provide a `first` or `last` value to properly paginate the `repositories` connection.');
  }
  if (size > MAX_PAGE || size < 0) {
    const which = args.first !== undefined && args.first !== null ? 'first' : 'last';
    throw typedError('EXCESSIVE_PAGINATION', `Requesting ${size} records on the \`repositories\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`);
  }
  const matching = owned.filter(
    (repo) =>
      (args.isFork === undefined || args.isFork === null || repo.fork === args.isFork) &&
      (args.isArchived === undefined || args.isArchived === null || repo.archived === args.isArchived) &&
      (!args.privacy || repo.private === (args.privacy === 'PRIVATE')),
  );
  const start = args.after ? offsetOf(args.after, typedError) + 1 : 0;
  const end = args.before ? offsetOf(args.before, typedError) : matching.length;
  const window = matching.slice(start, Math.max(start, end));
  const page = args.first !== undefined && args.first !== null ? window.slice(0, size) : window.slice(Math.max(0, window.length - size));
  const first = start + (args.first !== undefined && args.first !== null ? 0 : window.length - page.length);
  return {
    totalCount: matching.length,
    nodes: page.map(node),
    pageInfo: {
      hasNextPage: first + page.length < matching.length,
      hasPreviousPage: first > 0,
      startCursor: page.length > 0 ? cursorAt(first) : null,
      endCursor: page.length > 0 ? cursorAt(first + page.length - 1) : null,
    },
  };
}

/** Opaque to clients, like GitHub's base64 `cursor:v2:…`; here the position in the filtered list. */
function cursorAt(offset: number): string {
  return Buffer.from(`cursor:v2:${offset}`).toString('base64');
}

function offsetOf(cursor: string, typedError: TypedError): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw typedError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}
