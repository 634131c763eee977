// Builds the batched GraphQL documents (pure, no I/O) and reads their answers.
import { z } from 'zod';
import { SourceError } from './source-error.ts';
import { failed, type SubjectResult, succeeded } from './subject-result.ts';
import type { RepositorySnapshot } from './github-types.ts';

export interface GraphqlDocument {
  query: string;
  variables: Record<string, string>;
}

const SNAPSHOT_FIELDS = 'databaseId nameWithOwner stargazerCount forkCount isArchived';
/**
 * Connections: a query costs a point per 100 of them (at least 1), and the scalar
 * fields above add nothing, so these are asked only where wanted.
 */
const COUNT_FIELDS = 'watchers { totalCount } issues(states: OPEN) { totalCount }';

/**
 * One `repository` alias per name; values travel as variables, so no name can break
 * the query. Only the names in `withCounts` are asked for watchers and open issues.
 */
export function buildRepositoriesQuery(fullNames: readonly string[], withCounts: ReadonlySet<string>): GraphqlDocument {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  fullNames.forEach((fullName, i) => {
    const [owner = '', name = ''] = fullName.split('/');
    variables[`o${i}`] = owner;
    variables[`n${i}`] = name;
    params.push(`$o${i}: String!, $n${i}: String!`);
    const selection = withCounts.has(fullName) ? `${SNAPSHOT_FIELDS} ${COUNT_FIELDS}` : SNAPSHOT_FIELDS;
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
  // Absent when the query did not ask for them (see COUNT_FIELDS).
  watchers: z.object({ totalCount: z.number().int() }).optional(),
  issues: z.object({ totalCount: z.number().int() }).optional(),
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
    watchers: repo.watchers?.totalCount ?? null,
    openIssues: repo.issues?.totalCount ?? null,
    archived: repo.isArchived,
  };
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
