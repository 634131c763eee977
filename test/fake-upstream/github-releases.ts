// Releases and their assets on the fake GitHub: REST `GET /repos/{o}/{r}/releases` and
// `.../releases/{id}/assets` (numbered pages with `Link` headers, newest release first),
// and GraphQL `Repository.releases`, `Release.releaseAssets` and `node(id:)` (cursor
// connections with `pageInfo`). Drafts are listed, as GitHub lists them to a token with
// push access; the fake does not model permissions.
import { type ConnectionArgs, connectionPage } from './github-connection.ts';
import { restAccount } from './github-repo-json.ts';
import type { GitHubRepo } from './github-store.ts';
import { jsonReply, type FakeRequest, type Reply } from './http-helpers.ts';

export interface FakeAssetInput {
  name: string;
  downloads: number;
}

export interface FakeReleaseInput {
  tag: string;
  /** @defaultValue false */
  draft?: boolean;
  assets: FakeAssetInput[];
}

interface StoredAsset extends FakeAssetInput {
  id: number;
}
interface StoredRelease {
  id: number;
  repoId: number;
  tag: string;
  draft: boolean;
  /** ISO time; releases are served newest first. */
  createdAt: string;
  assets: StoredAsset[];
}

/** GraphQL subset for releases, added to the fake schema (names and nullability as in GitHub's schema). */
export const RELEASES_SDL = /* GraphQL */ `
  extend type Query { node(id: ID!): Node }
  extend type Repository {
    releases(first: Int, last: Int, after: String, before: String): ReleaseConnection!
  }
  type ReleaseConnection { nodes: [Release] pageInfo: PageInfo! totalCount: Int! }
  type Release implements Node {
    id: ID!
    databaseId: Int
    tagName: String!
    name: String
    isDraft: Boolean!
    isPrerelease: Boolean!
    createdAt: DateTime!
    publishedAt: DateTime
    releaseAssets(first: Int, last: Int, after: String, before: String, name: String): ReleaseAssetConnection!
  }
  type ReleaseAssetConnection { nodes: [ReleaseAsset] pageInfo: PageInfo! totalCount: Int! }
  type ReleaseAsset implements Node { id: ID! name: String! downloadCount: Int! size: Int! contentType: String! createdAt: DateTime! updatedAt: DateTime! }
`;

const PAGE_MAX = 100;
const DAY_MS = 86_400_000;

/** Releases by repository id; ids are made up, stable for a fake's life. */
export class GitHubReleases {
  private byRepo = new Map<number, StoredRelease[]>();
  private byId = new Map<number, StoredRelease>();
  private nextId = 90_000_000;

  /** Replaces the repository's releases; `releases[0]` is the newest. */
  set(repoId: number, releases: FakeReleaseInput[]): void {
    for (const old of this.byRepo.get(repoId) ?? []) this.byId.delete(old.id);
    const stored = releases.map((release, i) => ({
      id: this.nextId++,
      repoId,
      tag: release.tag,
      draft: release.draft ?? false,
      createdAt: new Date(Date.UTC(2026, 10, 1) - i * DAY_MS).toISOString().replace('.000', ''),
      assets: release.assets.map((asset) => ({ ...asset, id: this.nextId++ })),
    }));
    stored.forEach((release) => this.byId.set(release.id, release));
    this.byRepo.set(repoId, stored);
  }

  of(repoId: number): StoredRelease[] {
    return this.byRepo.get(repoId) ?? [];
  }

  /** A release by id, if its repository still exists (`exists` asks the store). */
  byReleaseId(id: number, exists: (repoId: number) => boolean): StoredRelease | undefined {
    const release = this.byId.get(id);
    return release && exists(release.repoId) ? release : undefined;
  }
}

/**
 * `releases` releases of `assetsEach` assets whose downloads add up to `total` exactly,
 * newest first (the newest holding the remainder), for worlds that grow a total.
 */
export function releasesSumming(total: number, releases = 150, assetsEach = 12): FakeReleaseInput[] {
  const each = Math.floor(Math.max(0, total) / (releases * assetsEach));
  const remainder = Math.max(0, total) - each * releases * assetsEach;
  return Array.from({ length: releases }, (_, i) => ({
    tag: `b${releases - i}`,
    assets: Array.from({ length: assetsEach }, (_, j) => ({ name: `bin-${j}.zip`, downloads: each + (i === 0 && j === 0 ? remainder : 0) })),
  }));
}

/** REST `/releases` and `/releases/{id}/assets` under a repository; undefined for other sub-paths. */
export function answerReleasesRest(
  repo: GitHubRepo,
  subPath: string,
  request: FakeRequest,
  releases: GitHubReleases,
  apiUrl: string,
  linkHeader: (page: number, lastPage: number) => Record<string, string>,
  notFound: () => Reply,
): Reply | undefined {
  const perPage = Math.min(PAGE_MAX, Math.max(1, intParam(request, 'per_page') ?? 30));
  const page = Math.max(1, intParam(request, 'page') ?? 1);
  const pageOf = <T>(items: T[]) => ({ items: items.slice((page - 1) * perPage, page * perPage), links: linkHeader(page, Math.max(1, Math.ceil(items.length / perPage))) });
  if (subPath === '/releases') {
    const { items, links } = pageOf(releases.of(repo.id));
    return jsonReply(200, items.map((release) => restRelease(repo, release, apiUrl)), links);
  }
  const assets = /^\/releases\/(\d+)\/assets$/.exec(subPath);
  if (assets) {
    const release = releases.of(repo.id).find((candidate) => candidate.id === Number(assets[1]));
    if (!release) return notFound();
    const { items, links } = pageOf(release.assets);
    return jsonReply(200, items.map((asset) => restAsset(repo, release, asset, apiUrl)), links);
  }
  return undefined;
}

function restRelease(repo: GitHubRepo, release: StoredRelease, apiUrl: string): Record<string, unknown> {
  const url = `${apiUrl}/repos/${repo.fullName}/releases/${release.id}`;
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`,
    html_url: `https://github.com/${repo.fullName}/releases/tag/${release.tag}`,
    id: release.id,
    author: uploader(apiUrl),
    node_id: releaseNodeId(release.id),
    tag_name: release.tag,
    target_commitish: 'master',
    name: release.tag,
    draft: release.draft,
    immutable: false,
    prerelease: false,
    created_at: release.createdAt,
    updated_at: release.createdAt,
    published_at: release.draft ? null : release.createdAt,
    // Every asset, however many: GitHub does not document a cap on the embedded list.
    assets: release.assets.map((asset) => restAsset(repo, release, asset, apiUrl)),
    tarball_url: `${apiUrl}/repos/${repo.fullName}/tarball/${release.tag}`,
    zipball_url: `${apiUrl}/repos/${repo.fullName}/zipball/${release.tag}`,
    body: `Release ${release.tag}`,
  };
}

function restAsset(repo: GitHubRepo, release: StoredRelease, asset: StoredAsset, apiUrl: string): Record<string, unknown> {
  return {
    url: `${apiUrl}/repos/${repo.fullName}/releases/assets/${asset.id}`,
    id: asset.id,
    node_id: assetNodeId(asset.id),
    name: asset.name,
    label: '',
    uploader: uploader(apiUrl),
    content_type: 'application/zip',
    state: 'uploaded',
    size: 1_048_576,
    digest: `sha256:${asset.id.toString(16).padStart(64, '0')}`,
    download_count: asset.downloads,
    created_at: release.createdAt,
    updated_at: release.createdAt,
    browser_download_url: `https://github.com/${repo.fullName}/releases/download/${release.tag}/${asset.name}`,
  };
}

/** The GitHub Actions bot, which uploads most release assets of projects like llama.cpp. */
function uploader(apiUrl: string): Record<string, unknown> {
  return restAccount(apiUrl, {
    login: 'github-actions[bot]',
    id: 41898282,
    nodeId: 'MDM6Qm90NDE4OTgyODI=',
    avatarUrl: 'https://avatars.githubusercontent.com/in/15368?v=4',
    htmlUrl: 'https://github.com/apps/github-actions',
    type: 'Bot',
  });
}

/** Legacy global node IDs, like the fake's repositories': base64 of "07:Release{id}" and "012:ReleaseAsset{id}". */
export function releaseNodeId(id: number): string {
  return Buffer.from(`07:Release${id}`).toString('base64');
}
function assetNodeId(id: number): string {
  return Buffer.from(`012:ReleaseAsset${id}`).toString('base64');
}

/** The release a node ID names, or undefined (another type, or not a node ID at all). */
export function releaseIdOf(nodeId: string): number | undefined {
  const match = /^07:Release(\d+)$/.exec(Buffer.from(nodeId, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** The GraphQL `Release` object, with its `releaseAssets` connection. */
export function graphqlRelease(release: StoredRelease) {
  return {
    __typename: 'Release',
    id: releaseNodeId(release.id),
    databaseId: release.id,
    tagName: release.tag,
    name: release.tag,
    isDraft: release.draft,
    isPrerelease: false,
    createdAt: release.createdAt,
    publishedAt: release.draft ? null : release.createdAt,
    releaseAssets: (args: ConnectionArgs) =>
      connectionPage('releaseAssets', release.assets, args, (asset) => ({
        id: assetNodeId(asset.id),
        name: asset.name,
        downloadCount: asset.downloads,
        size: 1_048_576,
        contentType: 'application/zip',
        createdAt: release.createdAt,
        updatedAt: release.createdAt,
      })),
  };
}

/** `Repository.releases`, newest first. */
export function releasesField(repo: GitHubRepo, releases: GitHubReleases) {
  return (args: ConnectionArgs) => connectionPage('releases', releases.of(repo.id), args, graphqlRelease);
}

function intParam(request: FakeRequest, name: string): number | undefined {
  const value = Number.parseInt(request.url.searchParams.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}
