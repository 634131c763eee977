// The REST representation of a repository, field for field as `GET /repos/{o}/{r}`
// answers it (search items are the same minus the counts only the single GET has).
import type { GitHubRepo } from './github-store.ts';

/** GitHub's legacy global node ID: base64 of "010:Repository{id}". */
export function repoNodeId(id: number): string {
  return Buffer.from(`010:Repository${id}`).toString('base64');
}

/** Owners are all organizations here; their legacy node ID is base64 of "012:Organization{id}". */
export function ownerNodeId(login: string): string {
  return Buffer.from(`012:Organization${ownerId(login)}`).toString('base64');
}

export function restRepo(repo: GitHubRepo, apiUrl: string, kind: 'repo' | 'search-item' = 'repo'): Record<string, unknown> {
  const url = `${apiUrl}/repos/${repo.fullName}`;
  const html = `https://github.com/${repo.fullName}`;
  const core = {
    id: repo.id,
    node_id: repoNodeId(repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: false,
    owner: {
      login: repo.owner,
      id: ownerId(repo.owner),
      node_id: ownerNodeId(repo.owner),
      avatar_url: `https://avatars.githubusercontent.com/u/${ownerId(repo.owner)}?v=4`,
      url: `${apiUrl}/users/${repo.owner}`,
      html_url: `https://github.com/${repo.owner}`,
      type: 'Organization',
      user_view_type: 'public',
      site_admin: false,
    },
    html_url: html,
    description: repo.description,
    fork: false,
    url,
    forks_url: `${url}/forks`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    stargazers_url: `${url}/stargazers`,
    subscribers_url: `${url}/subscribers`,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${repo.fullName}.git`,
    clone_url: `${html}.git`,
    homepage: null,
    size: 1024,
    stargazers_count: repo.stars,
    // GitHub kept the old name: "watchers" here are stargazers; real watchers are subscribers_count.
    watchers_count: repo.stars,
    language: 'Python',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks,
    archived: repo.archived,
    disabled: false,
    // Pull requests are issues to the REST API, so they are counted here.
    open_issues_count: repo.openIssues + repo.openPullRequests,
    license: null,
    allow_forking: true,
    is_template: false,
    topics: [],
    visibility: 'public',
    forks: repo.forks,
    open_issues: repo.openIssues + repo.openPullRequests,
    watchers: repo.stars,
    default_branch: 'main',
  };
  return kind === 'repo'
    ? { ...core, network_count: repo.forks, subscribers_count: repo.subscribers }
    : { ...core, score: 1 };
}

/** A stable made-up numeric id per owner login. */
export function ownerId(login: string): number {
  let hash = 0;
  for (const char of login.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) % 100_000_000;
  return hash + 1;
}
