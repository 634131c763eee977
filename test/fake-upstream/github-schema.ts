// Two schemas: GitHub's real one (from `@octokit/graphql-schema`), which every
// query must pass exactly as on api.github.com, and the small subset this fake can
// execute. A query that is valid for GitHub but uses something outside the subset
// gets an error naming this file, so a gap in the fake never passes for data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { OWNERS_SDL } from './github-owners.ts';
import { RELEASES_SDL } from './github-releases.ts';

let realSchema: GraphQLSchema | undefined;

/** Built on first use: the SDL is 1.2 MB and takes a third of a second to build. */
export function githubSchema(): GraphQLSchema {
  realSchema ??= loadRealSchema();
  return realSchema;
}

function loadRealSchema(): GraphQLSchema {
  // The package's entry also parses a 5 MB JSON introspection on import; the SDL file beside it is enough.
  const sdlPath = fileURLToPath(new URL('./schema.graphql', import.meta.resolve('@octokit/graphql-schema')));
  return buildSchema(readFileSync(sdlPath, 'utf8'), { assumeValidSDL: true });
}

// Names, arguments and nullability copied from the real schema, so results coerce
// the same way; connections carry only `totalCount`.
const FAKE_SDL = /* GraphQL */ `
  scalar DateTime
  scalar URI

  type Query {
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    search(query: String!, type: SearchType!, first: Int, last: Int, after: String, before: String): SearchResultItemConnection!
    rateLimit(dryRun: Boolean = false): RateLimit
    viewer: User!
  }

  enum SearchType { DISCUSSION ISSUE REPOSITORY USER }
  enum IssueState { CLOSED OPEN }
  enum PullRequestState { CLOSED MERGED OPEN }

  type RateLimit { cost: Int! limit: Int! nodeCount: Int! remaining: Int! resetAt: DateTime! used: Int! }

  type SearchResultItemConnection {
    codeCount: Int!
    discussionCount: Int!
    issueCount: Int!
    repositoryCount: Int!
    userCount: Int!
    wikiCount: Int!
  }

  interface RepositoryOwner { id: ID! login: String! url: URI! }
  type Organization implements RepositoryOwner { id: ID! login: String! url: URI! databaseId: Int }
  type User implements RepositoryOwner { id: ID! login: String! url: URI! databaseId: Int }

  type Repository {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    owner: RepositoryOwner!
    url: URI!
    description: String
    stargazerCount: Int!
    forkCount: Int!
    isArchived: Boolean!
    isFork: Boolean!
    isPrivate: Boolean!
    createdAt: DateTime!
    updatedAt: DateTime!
    pushedAt: DateTime
    watchers(first: Int, last: Int, after: String, before: String): UserConnection!
    stargazers(first: Int, last: Int, after: String, before: String): StargazerConnection!
    issues(states: [IssueState!], first: Int, last: Int, after: String, before: String): IssueConnection!
    pullRequests(states: [PullRequestState!], first: Int, last: Int, after: String, before: String): PullRequestConnection!
  }

  interface Node { id: ID! }
  type PageInfo { endCursor: String hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String }

  type UserConnection { totalCount: Int! }
  type StargazerConnection { totalCount: Int! }
  type IssueConnection { totalCount: Int! }
  type PullRequestConnection { totalCount: Int! }
`;

export const fakeSchema = buildSchema(FAKE_SDL + RELEASES_SDL + OWNERS_SDL);

/**
 * GitHub's documented cost: the requests needed to fill every connection, divided
 * by 100 and rounded, at least 1. With `totalCount` only, each connection field
 * (`watchers`, `issues`, `search`, ...) is one request, so 100 repository aliases
 * asking for watchers and issues cost 2 points. A connection inside another is one
 * request per node the outer one may return (its `first`/`last`), so
 * `releases(first: 100) { nodes { releaseAssets(first: 100) } }` is 101 requests.
 */
export function queryCost(document: DocumentNode, operationName?: string, variables?: Record<string, unknown>): { cost: number; connections: number } {
  const operation = getOperationAST(document, operationName);
  const root = fakeSchema.getQueryType();
  if (!operation || !root) return { cost: 1, connections: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const connections = countConnections(operation.selectionSet, root.name, fragments, 1, variables ?? {});
  return { cost: Math.max(1, Math.round(connections / 100)), connections };
}

function countConnections(
  selectionSet: SelectionSetNode,
  typeName: string,
  fragments: Map<string, FragmentDefinitionNode>,
  parents: number,
  variables: Record<string, unknown>,
): number {
  const parent = fakeSchema.getType(typeName);
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = parent.getFields()[selection.name.value];
      if (!field) continue; // __typename
      const type = getNamedType(field.type);
      const isConnection = type.name.endsWith('Connection');
      if (isConnection) count += parents;
      const nested = isConnection ? parents * pageSize(selection.arguments ?? [], variables) : parents;
      if (selection.selectionSet) count += countConnections(selection.selectionSet, type.name, fragments, nested, variables);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countConnections(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, fragments, parents, variables);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += countConnections(fragment.selectionSet, fragment.typeCondition.name.value, fragments, parents, variables);
    }
  }
  return count;
}

/** The nodes a connection may return: its `first` or `last` (a literal or a variable); without either, 1 (a `totalCount` alone). */
function pageSize(args: readonly ArgumentNode[], variables: Record<string, unknown>): number {
  for (const arg of args) {
    if (arg.name.value !== 'first' && arg.name.value !== 'last') continue;
    const value = arg.value.kind === Kind.INT ? Number(arg.value.value) : arg.value.kind === Kind.VARIABLE ? Number(variables[arg.value.name.value]) : NaN;
    // GitHub assumes every request reaches its limit: an unreadable size counts as 100.
    return Number.isFinite(value) && value > 0 ? value : 100;
  }
  return 1;
}
