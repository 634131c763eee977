// The fake GitHub's data: repositories (with renames), search counts and star
// history. Names match case-insensitively, as on github.com, and answers use the
// spelling stored here.
import { searchKey, splitCreatedQualifier } from './github-created-qualifier.ts';
import { GitHubReleases } from './github-releases.ts';

export interface GitHubRepoInput {
  /** `databaseId` in GraphQL, `id` in REST. */
  id: number;
  /** `owner/name`. */
  fullName: string;
  stars: number;
  forks: number;
  /** Real watchers: REST `subscribers_count`, GraphQL `watchers.totalCount`. */
  subscribers: number;
  /** Open issues without pull requests (GraphQL `issues(states: OPEN)`). */
  openIssues: number;
  openPullRequests: number;
  /** @defaultValue false */
  archived?: boolean;
  /** ISO time. @defaultValue '2026-11-20T08:00:00Z' */
  pushedAt?: string;
  /** ISO time. @defaultValue '2023-03-01T12:00:00Z' */
  createdAt?: string;
  /** @defaultValue null */
  description?: string | null;
  /** A fork of another repository (`isFork`). @defaultValue false */
  fork?: boolean;
  /** Private (`isPrivate`): the fake's tokens see it as a member of its owner would. @defaultValue false */
  private?: boolean;
}

/** What a login is on GitHub: `repositoryOwner` answers both, `organization` only the first. */
export type OwnerType = 'Organization' | 'User';

export type GitHubRepoPatch = Partial<Omit<GitHubRepoInput, 'id' | 'fullName'>>;

export interface GitHubRepo extends Required<GitHubRepoInput> {
  owner: string;
  name: string;
}

/** One week of `GET /repos/{o}/{r}/stargazers/history`. */
export interface StarWeek {
  /** Epoch seconds of the week's first day. */
  week: number;
  /** Stars still held, by day of acquisition; 7 numbers. */
  days: number[];
}

/**
 * How many repositories matching a search had been created by epoch ms `t` (a whole,
 * non-decreasing number): the fake answers `created:` qualifiers from it.
 */
export type SearchHistory = (t: number) => number;

/** Connection fields of `Repository` the fake serves, any of which GitHub may refuse to API callers. */
export type RepositoryConnection = 'watchers' | 'stargazers' | 'issues' | 'pullRequests';

export type RepoLookup =
  | { found: 'current'; repo: GitHubRepo }
  /** The name is an old one: REST answers 301, GraphQL follows unless told not to. */
  | { found: 'renamed'; repo: GitHubRepo }
  | { found: 'none' };

export class GitHubStore {
  private repos = new Map<number, GitHubRepo>();
  /** Lower-cased current full name → repository id (benchmarks load thousands). */
  private currentNames = new Map<string, number>();
  /** Lower-cased old full name → repository id. */
  private formerNames = new Map<string, number>();
  private searches = new Map<string, { count: number; incomplete: boolean }>();
  private starHistory = new Map<number, StarWeek[]>();
  /** Connection → the message GitHub refuses it with. */
  private blockedConnections = new Map<RepositoryConnection, string>();
  /** `searchKey` of the query → its history. */
  private searchHistories = new Map<string, SearchHistory>();
  /** Lower-cased login → its spelling and type; an owner of repositories not declared here is an organisation. */
  private owners = new Map<string, { login: string; type: OwnerType }>();

  /** Releases and assets by repository id (github-releases.ts). */
  readonly releases = new GitHubReleases();

  /** `now` (epoch ms) bounds searches with a history: nothing is created in the future. */
  constructor(private readonly now: () => number = Date.now) {}

  addRepo(input: GitHubRepoInput): void {
    if (this.repos.has(input.id)) throw new Error(`fake GitHub: repository id ${input.id} already exists`);
    if (this.byCurrentName(input.fullName)) throw new Error(`fake GitHub: ${input.fullName} already exists`);
    this.repos.set(input.id, {
      ...input,
      archived: input.archived ?? false,
      pushedAt: input.pushedAt ?? '2026-11-20T08:00:00Z',
      createdAt: input.createdAt ?? '2023-03-01T12:00:00Z',
      description: input.description ?? null,
      fork: input.fork ?? false,
      private: input.private ?? false,
      ...splitFullName(input.fullName),
    });
    this.currentNames.set(input.fullName.toLowerCase(), input.id);
  }

  updateRepo(fullName: string, patch: GitHubRepoPatch): void {
    const repo = this.mustFind(fullName);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(repo, { [key]: value });
  }

  renameRepo(oldFullName: string, newFullName: string): void {
    const repo = this.mustFind(oldFullName);
    const parts = splitFullName(newFullName);
    const clash = this.byCurrentName(newFullName);
    if (clash && clash !== repo) throw new Error(`fake GitHub: ${newFullName} already exists`);
    this.currentNames.delete(repo.fullName.toLowerCase());
    this.formerNames.set(repo.fullName.toLowerCase(), repo.id);
    this.formerNames.delete(newFullName.toLowerCase());
    this.currentNames.set(newFullName.toLowerCase(), repo.id);
    Object.assign(repo, { fullName: newFullName, ...parts });
  }

  deleteRepo(fullName: string): void {
    const repo = this.mustFind(fullName);
    this.repos.delete(repo.id);
    this.currentNames.delete(repo.fullName.toLowerCase());
    this.starHistory.delete(repo.id);
  }

  lookup(owner: string, name: string): RepoLookup {
    const fullName = `${owner}/${name}`;
    const current = this.byCurrentName(fullName);
    if (current) return { found: 'current', repo: current };
    const id = this.formerNames.get(fullName.toLowerCase());
    const renamed = id === undefined ? undefined : this.repos.get(id);
    return renamed ? { found: 'renamed', repo: renamed } : { found: 'none' };
  }

  byId(id: number): GitHubRepo | undefined {
    return this.repos.get(id);
  }

  addOwner(login: string, type: OwnerType): void {
    this.owners.set(login.toLowerCase(), { login, type });
  }

  /** A declared login, or the owner of some repository (an organisation), in its stored spelling. */
  owner(login: string): { login: string; type: OwnerType } | undefined {
    const declared = this.owners.get(login.toLowerCase());
    if (declared) return declared;
    const owned = this.ownedBy(login)[0];
    return owned ? { login: owned.owner, type: 'Organization' } : undefined;
  }

  /** What a login that owns repositories is: as declared, else an organisation. Cheap: no repository is read. */
  ownerType(login: string): OwnerType {
    return this.owners.get(login.toLowerCase())?.type ?? 'Organization';
  }

  /** The repositories `login` owns now, oldest first (by id). */
  ownedBy(login: string): GitHubRepo[] {
    const owner = login.toLowerCase();
    return [...this.repos.values()].filter((repo) => repo.owner.toLowerCase() === owner).sort((a, b) => a.id - b.id);
  }

  setSearchCount(query: string, count: number, options: { incomplete?: boolean } = {}): void {
    this.searches.set(query, { count, incomplete: options.incomplete ?? false });
  }

  /** Counts for the query with any `created:` qualifier (or none: repositories created by now). */
  setSearchHistory(query: string, countAt: SearchHistory): void {
    this.searchHistories.set(searchKey(query), countAt);
  }

  /**
   * The query string given to `setSearchCount` exactly; else, for a query set by
   * `setSearchHistory`, the repositories created in its `created:` range (as of now);
   * any other query matches nothing.
   */
  search(query: string): { count: number; incomplete: boolean } {
    const exact = this.searches.get(query);
    if (exact) return exact;
    const split = splitCreatedQualifier(query);
    const countAt = split && this.searchHistories.get(split.key);
    if (!split || !countAt) return { count: 0, incomplete: false };
    const { from, until } = split.created ?? { from: -Infinity, until: Infinity };
    const createdBefore = (t: number) => (t === -Infinity ? 0 : countAt(Math.min(t, this.now())));
    return { count: Math.max(0, createdBefore(until) - createdBefore(from)), incomplete: false };
  }

  setStarHistory(fullName: string, weeks: StarWeek[]): void {
    const repo = this.mustFind(fullName);
    this.starHistory.set(repo.id, [...weeks].sort((a, b) => b.week - a.week)); // newest first, as GitHub answers
  }

  starHistoryOf(id: number): StarWeek[] {
    return this.starHistory.get(id) ?? [];
  }

  blockConnection(connection: RepositoryConnection, message: string): void {
    this.blockedConnections.set(connection, message);
  }

  unblockConnection(connection: RepositoryConnection): void {
    this.blockedConnections.delete(connection);
  }

  /** The refusal message when GraphQL must refuse this connection, else undefined. */
  connectionBlock(connection: RepositoryConnection): string | undefined {
    return this.blockedConnections.get(connection);
  }

  private byCurrentName(fullName: string): GitHubRepo | undefined {
    const id = this.currentNames.get(fullName.toLowerCase());
    return id === undefined ? undefined : this.repos.get(id);
  }

  private mustFind(fullName: string): GitHubRepo {
    const repo = this.byCurrentName(fullName);
    if (!repo) throw new Error(`fake GitHub: no repository ${fullName}`);
    return repo;
  }
}

function splitFullName(fullName: string): { owner: string; name: string } {
  const [owner, name, ...rest] = fullName.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`fake GitHub: "${fullName}" is not owner/name`);
  return { owner, name };
}
