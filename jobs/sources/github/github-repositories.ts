// Repository figures over GraphQL that survive GitHub refusing a connection field.
// GitHub refused `stargazers` to API callers in 2026; `watchers` and `issues` are
// connections too. A connection is non-null in the schema, so an error on it nulls the
// whole nullable `repository` alias (GraphQL null propagation) and would take the
// repository's stars and forks with it. Here the loss stays with the refused figure.
import {
  buildRepositoriesQuery,
  connectionRefusals,
  COUNT_CONNECTIONS,
  type CountConnection,
  type GraphqlDocument,
  readAliasedAnswer,
  toRepositorySnapshot,
} from './github-graphql.ts';
import type { RepositorySnapshot } from './github-types.ts';
import { toSourceError } from '../../clients/source-error.ts';
import { failAll, type SubjectResult, succeeded } from '../../clients/subject-result.ts';

export interface RepositoryFetchDeps {
  /** One `POST /graphql` (gate, token pool, retries); rejects when the whole batch failed. */
  graphql(document: GraphqlDocument): Promise<{ data: unknown; errors: unknown }>;
  /** REST `GET /repos/{owner}/{repo}`, whose `subscribers_count` stands in for a refused `watchers`. */
  restRepository(fullName: string): Promise<SubjectResult<RepositorySnapshot>>;
  log: { warn(msg: string): void };
}

export interface RepositoryFetcher {
  /** One batch (≤ 100 names): stars and forks of all, watchers and open issues of those in `withCounts`. */
  fetchBatch(fullNames: readonly string[], withCounts: ReadonlySet<string>): Promise<Map<string, SubjectResult<RepositorySnapshot>>>;
}

/**
 * A refused connection is remembered for the fetcher's life (the client's): asking it
 * again in every batch of a round would null those aliases again and cost a second
 * request per batch.
 */
export function createRepositoryFetcher(deps: RepositoryFetchDeps): RepositoryFetcher {
  const refused = new Map<CountConnection, string>();

  function remember(connection: CountConnection, message: string, type: string | undefined) {
    if (refused.has(connection)) return;
    refused.set(connection, message);
    deps.log.warn(
      `GitHub GraphQL refused the \`${connection}\` connection (${type ?? 'no type'}: ${message}); ` +
        `no longer asked for it: ${connection === 'watchers' ? 'watchers come from REST' : 'open issues are not collected'}`,
    );
  }

  /** GraphQL until no alias is lost to a refusal: each pass asks the nulled aliases again without what was refused. */
  async function askGraphql(fullNames: readonly string[], withCounts: ReadonlySet<string>) {
    const results = new Map<string, SubjectResult<RepositorySnapshot>>();
    let pending = [...fullNames];
    // Each pass can only drop a connection, so there are at most one more passes than connections.
    for (let pass = 0; pending.length > 0 && pass <= COUNT_CONNECTIONS.length; pass++) {
      const asked = COUNT_CONNECTIONS.filter((connection) => !refused.has(connection));
      let answer: { data: unknown; errors: unknown };
      try {
        answer = await deps.graphql(buildRepositoriesQuery(pending, withCounts, asked));
      } catch (error) {
        for (const [key, result] of failAll<RepositorySnapshot>(pending, toSourceError(error))) results.set(key, result);
        return results;
      }
      const read = readAliasedAnswer(pending, 'r', answer.data, answer.errors, toRepositorySnapshot);
      const refusals = connectionRefusals(answer.errors);
      for (const refusal of refusals) remember(refusal.connection, refusal.message, refusal.type);
      const lostToRefusal = new Set(refusals.map((refusal) => refusal.alias));
      const again: string[] = [];
      pending.forEach((key, i) => {
        const result = read.get(key);
        if (result && !result.ok && lostToRefusal.has(`r${i}`) && pass < COUNT_CONNECTIONS.length) again.push(key);
        else if (result) results.set(key, result);
      });
      pending = again;
    }
    return results;
  }

  /** Counts a wanted repository still lacks after GraphQL: watchers from REST, open issues lost. */
  async function fillRefusedCounts(requested: string, snapshot: RepositorySnapshot): Promise<RepositorySnapshot> {
    let watchers = snapshot.watchers;
    if (watchers === null || watchers === undefined) {
      const rest = await deps.restRepository(requested);
      watchers = rest.ok && typeof rest.value.watchers === 'number' ? rest.value.watchers : undefined;
    }
    // REST's open_issues_count counts pull requests too: a different figure, never a stand-in.
    return { ...snapshot, watchers, openIssues: snapshot.openIssues ?? undefined };
  }

  return {
    async fetchBatch(fullNames, withCounts) {
      const answered = await askGraphql(fullNames, withCounts);
      const results = new Map<string, SubjectResult<RepositorySnapshot>>();
      for (const requested of fullNames) {
        const result = answered.get(requested);
        if (!result) continue;
        const wanted = result.ok && withCounts.has(requested);
        results.set(requested, wanted ? succeeded(await fillRefusedCounts(requested, result.value)) : result);
      }
      return results;
    },
  };
}
