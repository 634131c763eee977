// Builds the batched GraphQL documents (pure, no I/O) and reads their answers.
import { z } from 'zod';
import { SourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import type { RepositorySnapshot } from './github-types.ts';

export interface GraphqlDocument {
  query: string;
  variables: Record<string, string>;
}

/** A repository's scalar figures; an owner's repository listing asks the same (github-owner-repositories.ts). */
export const SNAPSHOT_FIELDS = 'databaseId nameWithOwner stargazerCount forkCount isArchived';

/**
 * The connection fields behind watchers and open issues. GitHub can refuse a
 * connection to API callers (it did so with `stargazers` in 2026), and an error on one
 * nulls the whole `repository` alias, so each is named here to be left out once refused.
 */
export type CountConnection = 'watchers' | 'issues';
export const COUNT_CONNECTIONS: readonly CountConnection[] = ['watchers', 'issues'];
/**
 * Connections: a query costs a point per 100 of them (at least 1), and the scalar
 * fields above add nothing, so these are asked only where wanted.
 */
const CONNECTION_SELECTIONS: Record<CountConnection, string> = {
  watchers: 'watchers { totalCount }',
  issues: 'issues(states: OPEN) { totalCount }',
};

/**
 * One `repository` alias per name; values travel as variables, so no name can break
 * the query. Only the names in `withCounts` are asked for `connections` (by default
 * watchers and open issues).
 */
export function buildRepositoriesQuery(
  fullNames: readonly string[],
  withCounts: ReadonlySet<string>,
  connections: readonly CountConnection[] = COUNT_CONNECTIONS,
): GraphqlDocument {
  const countFields = connections.map((connection) => CONNECTION_SELECTIONS[connection]).join(' ');
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  fullNames.forEach((fullName, i) => {
    const [owner = '', name = ''] = fullName.split('/');
    variables[`o${i}`] = owner;
    variables[`n${i}`] = name;
    params.push(`$o${i}: String!, $n${i}: String!`);
    const selection = withCounts.has(fullName) && countFields ? `${SNAPSHOT_FIELDS} ${countFields}` : SNAPSHOT_FIELDS;
    fields.push(`r${i}: repository(owner: $o${i}, name: $n${i}) { ${selection} }`);
  });
  return { query: `query Repositories(${params.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

export function buildSearchCountsQuery(queries: readonly string[]): GraphqlDocument {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  queries.forEach((query, i) => {
    variables[`q${i}`] = query;
    params.push(`$q${i}: String!`);
    fields.push(`s${i}: search(query: $q${i}, type: REPOSITORY, first: 1) { repositoryCount }`);
  });
  return { query: `query SearchCounts(${params.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

const repositoryNode = z.object({
  databaseId: z.number().int(),
  nameWithOwner: z.string(),
  stargazerCount: z.number().int(),
  forkCount: z.number().int(),
  // Absent when the query did not ask for them (see CONNECTION_SELECTIONS); null if GitHub refused one.
  watchers: z.object({ totalCount: z.number().int() }).nullish(),
  issues: z.object({ totalCount: z.number().int() }).nullish(),
  isArchived: z.boolean(),
});
const searchNode = z.object({ repositoryCount: z.number().int() });

const graphqlError = z.object({
  type: z.string().optional(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type GraphqlError = z.infer<typeof graphqlError>;

/** Reads `{data, errors}` of a batch: each alias becomes a result; one alias's error spares the rest. */
export function readAliasedAnswer<T>(
  keys: readonly string[],
  aliasPrefix: 'r' | 's',
  data: unknown,
  errors: unknown,
  toValue: (node: unknown) => T | undefined,
): Map<string, SubjectResult<T>> {
  const parsedErrors = z.array(graphqlError).safeParse(errors ?? []);
  const errorsByAlias = new Map<string, GraphqlError>();
  for (const error of parsedErrors.success ? parsedErrors.data : []) {
    const alias = error.path?.[0];
    if (typeof alias === 'string') errorsByAlias.set(alias, error);
  }
  const dataObject = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const results = new Map<string, SubjectResult<T>>();
  keys.forEach((key, i) => {
    const alias = `${aliasPrefix}${i}`;
    const error = errorsByAlias.get(alias);
    const value = toValue(dataObject[alias]);
    if (value !== undefined) results.set(key, succeeded(value));
    else if (error?.type === 'NOT_FOUND') results.set(key, failed(new SourceError('not_found', error.message, { status: 404 })));
    else if (error) results.set(key, failed(new SourceError('http', `GitHub GraphQL: ${error.message}`)));
    else results.set(key, failed(new SourceError('parse', `GitHub GraphQL answer has no usable ${alias}`)));
  });
  return results;
}

export function toRepositorySnapshot(node: unknown): RepositorySnapshot | undefined {
  const parsed = repositoryNode.safeParse(node);
  if (!parsed.success) return undefined;
  const repo = parsed.data;
  return {
    databaseId: repo.databaseId,
    fullName: repo.nameWithOwner,
    stars: repo.stargazerCount,
    forks: repo.forkCount,
    watchers: countOf(repo.watchers),
    openIssues: countOf(repo.issues),
    archived: repo.isArchived,
  };
}

/** Not asked (absent) → null; asked but answered null (refused) → undefined, a lost figure. */
function countOf(connection: { totalCount: number } | null | undefined): number | null | undefined {
  if (connection === undefined) return null;
  return connection === null ? undefined : connection.totalCount;
}

/** GitHub refusing a count connection of one alias: an error whose path runs `[alias, connection, ...]`. */
export interface ConnectionRefusal {
  alias: string;
  connection: CountConnection;
  /** GitHub's words, and its `type` (FORBIDDEN, or one we have never seen) when given. */
  message: string;
  type?: string;
}

/**
 * The refusals among a batch's errors, whatever their `type`: what matters is where
 * the error sits. An error on the alias itself (NOT_FOUND) is not one.
 */
export function connectionRefusals(errors: unknown): ConnectionRefusal[] {
  const parsed = z.array(graphqlError).safeParse(errors ?? []);
  if (!parsed.success) return [];
  return parsed.data.flatMap((error) => {
    const [alias, field] = error.path ?? [];
    if (typeof alias !== 'string' || !isCountConnection(field)) return [];
    return [{ alias, connection: field, message: error.message, ...(error.type !== undefined && { type: error.type }) }];
  });
}

function isCountConnection(field: unknown): field is CountConnection {
  return typeof field === 'string' && (COUNT_CONNECTIONS as readonly string[]).includes(field);
}

export function toRepositoryCount(node: unknown): number | undefined {
  const parsed = searchNode.safeParse(node);
  return parsed.success ? parsed.data.repositoryCount : undefined;
}

/** The whole batch failed when the errors are not tied to aliases (e.g. RATE_LIMITED). */
export function batchWideError(errors: unknown): GraphqlError | undefined {
  const parsed = z.array(graphqlError).safeParse(errors ?? []);
  if (!parsed.success) return undefined;
  return parsed.data.find((error) => !error.path || error.path.length === 0);
}
