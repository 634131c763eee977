// Release downloads of a repository: the sum of `download_count` over every asset of
// every published release. GitHub keeps no history of these counts, only the total now.
//
// Why GraphQL, and so a token (without one the source collects nothing, and the GitHub
// advice says so: REST would take most of an anonymous hour for llama.cpp alone, and the
// built-in watchlist lists it). GitHub's GraphQL
// charges the requests needed to fill every connection, each nested one once per parent
// node, divided by 100 and rounded (at least 1): a page of
// `releases(first: 100) { nodes { releaseAssets(first: 100) } }` is 1 + 100 = 101
// requests, 1 point, however many assets it holds. REST `GET /repos/{o}/{r}/releases
// ?per_page=100` is 1 point a page too. So both cost ceil(releases / 100) points: for
// llama.cpp (thousands of releases of 10–30 assets, say 5,000) 50 requests and 50
// points either way. What differs is the rest: a GraphQL page carries only the counts (a
// few kB against megabytes of release notes, uploader and URL fields per REST page, and
// GitHub's secondary limits count response time), its asset lists say when they go on
// (`pageInfo`), where REST's embedded `assets` are not documented as complete, and its
// cursors do not shift when a release is published during the walk, as REST pages do.
import { z } from 'zod';
import type { GraphqlDocument } from './github-graphql.ts';
import { SourceError } from '../../clients/source-error.ts';

/** A repository's release downloads as GitHub counts them now. */
export interface ReleaseDownloads {
  /** GitHub's numeric id, as github-repos stores it: the same subject. */
  databaseId: number;
  /** owner/name as GitHub spells it now. */
  fullName: string;
  /** Sum of `download_count` over the assets of every published release (drafts left out). */
  downloads: number;
  releases: number;
}

export interface ReleaseFetchDeps {
  /** One `POST /graphql` (gate, token pool, retries); rejects when the whole request failed. */
  graphql(document: GraphqlDocument): Promise<{ data: unknown; errors: unknown }>;
}

/** GitHub's largest page, in both APIs. */
export const RELEASES_PER_PAGE = 100;
/** Follow-up asset pages asked in one query, one `node` alias each: 1 connection each, so 100 cost 1 point. */
const ASSET_PAGES_PER_QUERY = 100;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const assetConnection = z.object({ pageInfo, nodes: z.array(z.object({ downloadCount: z.number().int().nonnegative() })) });
const releasesPage = z.object({
  databaseId: z.number().int(),
  nameWithOwner: z.string(),
  releases: z.object({
    pageInfo,
    nodes: z.array(z.object({ id: z.string(), isDraft: z.boolean(), releaseAssets: assetConnection })),
  }),
});
const graphqlError = z.object({ type: z.string().optional(), message: z.string(), path: z.array(z.union([z.string(), z.number()])).optional() });

export function buildReleasesQuery(fullName: string, after: string | undefined): GraphqlDocument {
  const [owner = '', name = ''] = fullName.split('/');
  const assets = `releaseAssets(first: ${RELEASES_PER_PAGE}) { pageInfo { hasNextPage endCursor } nodes { downloadCount } }`;
  const query = `query Releases($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    databaseId nameWithOwner
    releases(first: ${RELEASES_PER_PAGE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { id isDraft ${assets} } }
  }
}`;
  return { query, variables: { owner, name, ...(after !== undefined && { after }) } };
}

/** The next page of assets of each release, one `node` alias per release. */
export function buildReleaseAssetsQuery(pages: readonly { releaseId: string; after: string }[]): GraphqlDocument {
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  pages.forEach(({ releaseId, after }, i) => {
    variables[`id${i}`] = releaseId;
    variables[`after${i}`] = after;
    params.push(`$id${i}: ID!, $after${i}: String!`);
    fields.push(
      `a${i}: node(id: $id${i}) { ... on Release { releaseAssets(first: ${RELEASES_PER_PAGE}, after: $after${i}) { pageInfo { hasNextPage endCursor } nodes { downloadCount } } } }`,
    );
  });
  return { query: `query ReleaseAssets(${params.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

/** A GraphQL error on `alias` (its path starts there), as a SourceError: NOT_FOUND is the subject gone. */
function aliasError(errors: unknown, alias: string): SourceError | undefined {
  const parsed = z.array(graphqlError).safeParse(errors ?? []);
  const error = parsed.success ? parsed.data.find((entry) => entry.path?.[0] === alias) : undefined;
  if (!error) return undefined;
  if (error.type === 'NOT_FOUND') return new SourceError('not_found', error.message, { status: 404 });
  return new SourceError('http', `GitHub GraphQL: ${error.message}`);
}

/** A cursor that does not move would page forever. */
function nextCursor(info: z.infer<typeof pageInfo>, previous: string | undefined, what: string): string | undefined {
  if (!info.hasNextPage) return undefined;
  if (!info.endCursor || info.endCursor === previous) throw new SourceError('parse', `GitHub GraphQL said more ${what} follow but gave no new cursor`);
  return info.endCursor;
}

export async function releaseDownloadsGraphql(fullName: string, deps: Pick<ReleaseFetchDeps, 'graphql'>): Promise<ReleaseDownloads> {
  let repository: { databaseId: number; nameWithOwner: string } | undefined;
  let downloads = 0;
  let releases = 0;
  const morePages: { releaseId: string; after: string }[] = [];
  for (let after: string | undefined; ; ) {
    const { data, errors } = await deps.graphql(buildReleasesQuery(fullName, after));
    const node = (data as { repository?: unknown } | null | undefined)?.repository;
    const parsed = releasesPage.safeParse(node);
    if (!parsed.success) throw aliasError(errors, 'repository') ?? new SourceError('parse', `unexpected GitHub GraphQL releases answer for ${fullName}`);
    repository ??= parsed.data;
    for (const release of parsed.data.releases.nodes) {
      if (release.isDraft) continue;
      releases += 1;
      downloads += sumCounts(release.releaseAssets.nodes);
      const assetsAfter = nextCursor(release.releaseAssets.pageInfo, undefined, 'assets');
      if (assetsAfter) morePages.push({ releaseId: release.id, after: assetsAfter });
    }
    after = nextCursor(parsed.data.releases.pageInfo, after, 'releases');
    if (!after) break;
  }
  downloads += await remainingAssetDownloads(morePages, deps);
  if (!repository) throw new SourceError('parse', `no GitHub GraphQL releases answer for ${fullName}`);
  return { databaseId: repository.databaseId, fullName: repository.nameWithOwner, downloads, releases };
}

/** Releases with more than a page of assets: their further pages, many releases per query. */
async function remainingAssetDownloads(pending: { releaseId: string; after: string }[], deps: Pick<ReleaseFetchDeps, 'graphql'>): Promise<number> {
  let downloads = 0;
  while (pending.length > 0) {
    const asked = pending.splice(0, ASSET_PAGES_PER_QUERY);
    const { data, errors } = await deps.graphql(buildReleaseAssetsQuery(asked));
    asked.forEach(({ releaseId, after }, i) => {
      const alias = `a${i}`;
      const parsed = assetConnection.safeParse((data as Record<string, { releaseAssets?: unknown } | null> | null | undefined)?.[alias]?.releaseAssets);
      // A release deleted between pages: its assets are gone, like any release deleted before the round.
      const gone = aliasError(errors, alias);
      if (!parsed.success) {
        if (gone?.kind === 'not_found') return;
        throw gone ?? new SourceError('parse', `unexpected GitHub GraphQL answer for the assets of release ${releaseId}`);
      }
      downloads += sumCounts(parsed.data.nodes);
      const next = nextCursor(parsed.data.pageInfo, after, 'assets');
      if (next) pending.push({ releaseId, after: next });
    });
  }
  return downloads;
}

function sumCounts(assets: readonly { downloadCount: number }[]): number {
  return assets.reduce((sum, asset) => sum + asset.downloadCount, 0);
}
