// The public, non-fork repositories of a GitHub user or organisation, page by page over
// GraphQL (`github.orgs`). Pure query text and answer reading, plus the paging loop.
//
// `repositoryOwner(login)` rather than `organization(login)`: it covers users as well,
// and GitHub answers an unknown login with `repositoryOwner: null` and no error (where
// `organization` answers NOT_FOUND for a missing organisation and for a user's login
// alike, "Could not resolve to an Organization with the login of '…'"). The listing
// asks for `ownerAffiliations: [OWNER]`: the default, [OWNER, COLLABORATOR], would also
// list a user's collaborations elsewhere. Archived repositories stay listed (their
// stars still move); a repository transferred away, deleted or made private no longer is.
import { z } from 'zod';
import { SourceError } from '../../clients/source-error.ts';
import { type GraphqlDocument, SNAPSHOT_FIELDS, toRepositorySnapshot } from './github-graphql.ts';
import type { RepositorySnapshot } from './github-types.ts';

/** GitHub's largest page: `first` over 100 is an error. A page costs 1 point. */
export const OWNER_REPOSITORIES_PER_PAGE = 100;
/** 100 pages is 10,000 repositories, the size the worker's memory target is set for; an owner past it is cut short, and says so. */
export const MAX_OWNER_PAGES = 100;

/**
 * One page. The scalar figures only: watchers and open issues are connections inside
 * each node (a page would cost 2–3 points), and a connection GitHub refuses would null
 * nodes of the page; the repositories due for them are asked by name instead, as
 * configured ones are (see github-org-batch.ts).
 */
export function buildOwnerRepositoriesQuery(login: string, after: string | undefined): GraphqlDocument {
  const query = `query OwnerRepositories($login: String!, $after: String) {
  repositoryOwner(login: $login) {
    login
    repositories(first: ${OWNER_REPOSITORIES_PER_PAGE}, after: $after, isFork: false, privacy: PUBLIC, ownerAffiliations: [OWNER]) {
      pageInfo { hasNextPage endCursor }
      nodes { ${SNAPSHOT_FIELDS} }
    }
  }
}`;
  return { query, variables: { login, ...(after !== undefined && { after }) } };
}

const graphqlError = z.object({ message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() });

const page = z.object({
  repositoryOwner: z
    .object({
      login: z.string(),
      repositories: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(z.unknown()).nullable(),
      }),
    })
    .nullable(),
});

export interface OwnerRepositoriesPage {
  repositories: RepositorySnapshot[];
  /** Nodes GitHub answered null or without our figures (an error on one repository): not collected. */
  unreadable: number;
  /** The cursor of the next page, or undefined on the last. */
  next: string | undefined;
}

/**
 * Reads one page. An unknown login (`repositoryOwner: null`, no error) is `not_found`;
 * an owner nulled by an error (FORBIDDEN, an invalid cursor) fails with GitHub's words.
 */
export function readOwnerRepositoriesPage(login: string, data: unknown, errors?: unknown): OwnerRepositoriesPage {
  const parsed = page.safeParse(data);
  const ownerError = z.array(graphqlError).safeParse(errors ?? []).data?.find((error) => error.path?.[0] === 'repositoryOwner');
  if (!parsed.success || (parsed.data.repositoryOwner === null && ownerError)) {
    const why = ownerError ? ownerError.message : 'an answer without a usable repositoryOwner';
    throw new SourceError(ownerError ? 'http' : 'parse', `GitHub GraphQL, listing the repositories of ${login}: ${why}`);
  }
  const owner = parsed.data.repositoryOwner;
  if (owner === null) {
    throw new SourceError('not_found', `Could not resolve to a GitHub user or organisation with the login of '${login}'.`, { status: 404 });
  }
  const nodes = owner.repositories.nodes ?? [];
  const repositories = nodes.map(toRepositorySnapshot).filter((snapshot) => snapshot !== undefined);
  const { hasNextPage, endCursor } = owner.repositories.pageInfo;
  return { repositories, unreadable: nodes.length - repositories.length, next: hasNextPage && endCursor ? endCursor : undefined };
}

/**
 * Every page in turn (each needs the last one's cursor). A page that fails throws: the
 * pages before it were already yielded. Past `maxPages`, throws `incomplete`.
 */
export async function* listOwnerRepositories(
  graphql: (document: GraphqlDocument) => Promise<{ data: unknown; errors: unknown }>,
  login: string,
  maxPages = MAX_OWNER_PAGES,
): AsyncGenerator<OwnerRepositoriesPage> {
  let after: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const { data, errors } = await graphql(buildOwnerRepositoriesQuery(login, after));
    const read = readOwnerRepositoriesPage(login, data, errors);
    yield read;
    if (read.next === undefined) return;
    after = read.next;
  }
  throw new SourceError('incomplete', `${login} has more than ${maxPages * OWNER_REPOSITORIES_PER_PAGE} public repositories: only the first ${maxPages * OWNER_REPOSITORIES_PER_PAGE} were collected`);
}
