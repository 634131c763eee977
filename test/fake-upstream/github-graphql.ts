// GitHub GraphQL: `POST /graphql`. Every query is checked against the real schema,
// charged by GitHub's cost formula, then executed against the fake's subset. Errors
// come back the GitHub way: HTTP 200 with an `errors` array beside the partial data.
import { executeSync, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import type { KnownCaller } from './github-accounts.ts';
import { ownerId, ownerNodeId, repoNodeId } from './github-repo-json.ts';
import { DOCS, githubHeaders, newRequestId, notFound, rateLimitedFor, withHeaders } from './github-responses.ts';
import type { GitHubContext } from './github-rest.ts';
import { TypedGraphqlError } from './github-connection.ts';
import { ownerResolvers } from './github-owners.ts';
import { graphqlRelease, releaseIdOf, releasesField } from './github-releases.ts';
import { fakeSchema, githubSchema, queryCost } from './github-schema.ts';
import type { GitHubRepo, GitHubStore, RepositoryConnection } from './github-store.ts';
import { jsonReply, type FakeRequest, type Reply } from './http-helpers.ts';

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export function answerGraphql(request: FakeRequest, caller: KnownCaller, ctx: GitHubContext): Reply {
  const requestId = newRequestId();
  const budget = ctx.accounts.budget(caller, 'graphql');
  const finish = (reply: Reply) => withHeaders(reply, githubHeaders('graphql', budget.snapshot(), requestId));
  const errors = (list: unknown[]) => finish(jsonReply(200, { errors: list }));

  if (request.method !== 'POST') return finish(notFound());
  if (caller.kind === 'anonymous') {
    return finish(jsonReply(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: DOCS.graphqlAuth, status: '401' }));
  }
  let body: GraphqlBody;
  try {
    body = JSON.parse(request.body) as GraphqlBody;
  } catch {
    return finish(jsonReply(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql', status: '400' }));
  }
  if (typeof body.query !== 'string') return errors([{ message: 'A query attribute must be specified and must be a string.' }]);
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const variables = isRecord(body.variables) ? body.variables : undefined;

  const checked = checkQuery(body.query);
  if ('errors' in checked) return errors(checked.errors);
  const { document } = checked;

  const { cost, connections } = queryCost(document, operationName, variables);
  if (!budget.tryCharge(cost)) return errors([{ type: 'RATE_LIMITED', message: rateLimitedFor(caller) }]);
  const spent = budget.snapshot();
  const rateLimit = { cost, limit: spent.limit, remaining: spent.remaining, used: spent.used, resetAt: new Date(spent.resetAt).toISOString(), nodeCount: connections };

  const result = executeSync({
    schema: fakeSchema,
    document,
    rootValue: rootResolvers(caller, ctx, rateLimit),
    ...(variables && { variableValues: variables }),
    ...(operationName && { operationName }),
  });
  // No `data` at all when execution could not start (bad variables), as on GitHub.
  return finish(jsonReply(200, { ...('data' in result && { data: result.data }), ...(result.errors && { errors: result.errors.map(formatError) }) }));
}

/**
 * Query texts already checked: the collector sends a few texts again and again with new
 * variables, and checking one of 100 aliases against GitHub's schema takes tens of
 * milliseconds, which the bench would count as the client's time.
 */
const checkedQueries = new Map<string, { document: DocumentNode } | { errors: unknown[] }>();
const CHECKED_QUERIES_KEPT = 200;

function checkQuery(query: string): { document: DocumentNode } | { errors: unknown[] } {
  const known = checkedQueries.get(query);
  if (known) return known;
  const checked = checkQueryText(query);
  if (checkedQueries.size >= CHECKED_QUERIES_KEPT) checkedQueries.clear();
  checkedQueries.set(query, checked);
  return checked;
}

function checkQueryText(query: string): { document: DocumentNode } | { errors: unknown[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error.toJSON() : { message: String(error) }] };
  }
  // Messages are graphql-js's wording; GitHub (graphql-ruby) words them differently.
  const invalid = validate(githubSchema(), document);
  if (invalid.length > 0) return { errors: invalid.map((error) => error.toJSON()) };
  const unsupported = validate(fakeSchema, document);
  if (unsupported.length > 0) {
    return {
      errors: unsupported.map((error) => ({
        ...error.toJSON(),
        message: `Valid for GitHub, but the fake does not implement it (extend test/fake-upstream/github-schema.ts): ${error.message}`,
      })),
    };
  }
  return { document };
}

function rootResolvers(caller: Extract<KnownCaller, { kind: 'token' }>, ctx: GitHubContext, rateLimit: object) {
  return {
    repository({ owner, name, followRenames }: { owner: string; name: string; followRenames: boolean }) {
      const lookup = ctx.store.lookup(owner, name);
      if (lookup.found === 'current' || (lookup.found === 'renamed' && followRenames)) return graphqlRepo(lookup.repo, ctx.store);
      throw new TypedGraphqlError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
    },
    search({ query, type }: { query: string; type: string }) {
      // One stored count per query string, reported under the asked type.
      const { count } = ctx.store.search(query);
      const of = (wanted: string) => (type === wanted ? count : 0);
      return { repositoryCount: of('REPOSITORY'), issueCount: of('ISSUE'), userCount: of('USER'), discussionCount: of('DISCUSSION'), codeCount: 0, wikiCount: 0 };
    },
    ...ownerResolvers(ctx.store, graphqlRepo),
    node: ({ id }: { id: string }) => releaseNode(id, ctx.store),
    rateLimit: () => rateLimit,
    viewer: () => ({
      id: Buffer.from(`04:User${caller.userId}`).toString('base64'),
      databaseId: caller.userId,
      login: `fake-user-${caller.userId}`,
      url: `https://github.com/fake-user-${caller.userId}`,
    }),
  };
}

function graphqlRepo(repo: GitHubRepo, store: GitHubStore) {
  // Only open counts are stored; `states` omitted (all states) reads the open count too.
  const byState = (open: number) => ({ states }: { states?: string[] | null }) => ({ totalCount: !states || states.includes('OPEN') ? open : 0 });
  // A refused connection throws; its type is non-null, so graphql-js carries the null up
  // to the nullable `repository` alias and reports the error at `[alias, connection]`.
  const unlessRefused =
    <A, R>(connection: RepositoryConnection, answer: (args: A) => R) =>
    (args: A): R => {
      const refusal = store.connectionBlock(connection);
      if (refusal !== undefined) throw new TypedGraphqlError('FORBIDDEN', refusal);
      return answer(args);
    };
  return {
    id: repoNodeId(repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    owner: { __typename: store.ownerType(repo.owner), id: ownerNodeId(repo.owner), databaseId: ownerId(repo.owner), login: repo.owner, url: `https://github.com/${repo.owner}` },
    url: `https://github.com/${repo.fullName}`,
    description: repo.description,
    stargazerCount: repo.stars,
    forkCount: repo.forks,
    isArchived: repo.archived,
    isFork: repo.fork,
    isPrivate: repo.private,
    createdAt: repo.createdAt,
    updatedAt: repo.pushedAt,
    pushedAt: repo.pushedAt,
    watchers: unlessRefused('watchers', () => ({ totalCount: repo.subscribers })),
    stargazers: unlessRefused('stargazers', () => ({ totalCount: repo.stars })),
    issues: unlessRefused('issues', byState(repo.openIssues)),
    pullRequests: unlessRefused('pullRequests', byState(repo.openPullRequests)),
    releases: releasesField(repo, store.releases),
  };
}

/** GitHub puts `type` at the top level of an error, beside `path` and `locations`. */
function formatError(error: GraphQLError): object {
  const original = error.originalError;
  if (original instanceof TypedGraphqlError) {
    return { type: original.type, path: error.path, locations: error.locations, message: error.message };
  }
  return error.toJSON();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node(id:)` for the node types the fake serves by id: releases (of repositories that still exist). */
function releaseNode(id: string, store: GitHubStore) {
  const releaseId = releaseIdOf(id);
  const release = releaseId === undefined ? undefined : store.releases.byReleaseId(releaseId, (repoId) => store.byId(repoId) !== undefined);
  if (!release) throw new TypedGraphqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
  return graphqlRelease(release);
}
