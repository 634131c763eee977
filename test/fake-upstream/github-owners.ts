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
import { type ConnectionArgs, connectionPage, TypedGraphqlError } from './github-connection.ts';
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

interface RepositoriesArgs extends ConnectionArgs {
  isFork?: boolean | null;
  isArchived?: boolean | null;
  privacy?: 'PUBLIC' | 'PRIVATE' | null;
}

type RepoNode = (repo: GitHubRepo, store: GitHubStore) => object;

/** Root fields for `github-graphql.ts`; `repoNode` makes a `Repository`. */
export function ownerResolvers(store: GitHubStore, repoNode: RepoNode) {
  const ownerNode = (login: string, type: OwnerType) => ({
    __typename: type,
    id: ownerNodeId(login),
    login,
    url: `https://github.com/${login}`,
    databaseId: ownerId(login),
    repositories: (args: RepositoriesArgs) => repositories(store.ownedBy(login), args, (repo) => repoNode(repo, store)),
  });
  return {
    repositoryOwner({ login }: { login: string }) {
      const owner = store.owner(login);
      return owner ? ownerNode(owner.login, owner.type) : null;
    },
    organization({ login }: { login: string }) {
      const owner = store.owner(login);
      if (owner?.type !== 'Organization') throw new TypedGraphqlError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
      return ownerNode(owner.login, owner.type);
    },
  };
}

/** One page of an owner's repositories. The fake models no collaborators, so `ownerAffiliations` has nothing to add to what the owner owns. */
function repositories(owned: GitHubRepo[], args: RepositoriesArgs, node: (repo: GitHubRepo) => object) {
  const matching = owned.filter(
    (repo) =>
      (args.isFork === undefined || args.isFork === null || repo.fork === args.isFork) &&
      (args.isArchived === undefined || args.isArchived === null || repo.archived === args.isArchived) &&
      (!args.privacy || repo.private === (args.privacy === 'PRIVATE')),
  );
  return connectionPage('repositories', matching, args, node);
}
