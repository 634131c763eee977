/** A repository's figures as GitHub answered them. */
export interface RepositorySnapshot {
  /** GitHub's numeric id; survives renames. */
  databaseId: number;
  /** owner/name as GitHub spells it now. */
  fullName: string;
  stars: number;
  forks: number;
  /**
   * Subscribers (GitHub's "watchers" in the UI), not `watchers_count`, which is stars;
   * null when GraphQL was not asked for it (a connection: it costs rate-limit points);
   * undefined when it was wanted and GitHub refused it, REST standing in did not answer either.
   */
  watchers: number | null | undefined;
  /**
   * Open issues without pull requests; null when not asked, or when only REST was asked
   * (it counts both); undefined when it was wanted and GitHub refused the connection.
   */
  openIssues: number | null | undefined;
  archived: boolean;
}
