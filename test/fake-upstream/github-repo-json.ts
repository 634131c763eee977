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
    private: repo.private,
    owner: account(repo.owner, apiUrl),
    html_url: html,
    description: repo.description,
    fork: repo.fork,
    url,
    ...linkTemplates(url),
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
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
    mirror_url: null,
    archived: repo.archived,
    disabled: false,
    // Pull requests are issues to the REST API, so they are counted here.
    open_issues_count: repo.openIssues + repo.openPullRequests,
    license: null,
    allow_forking: true,
    is_template: false,
    topics: [],
    visibility: repo.private ? 'private' : 'public',
    forks: repo.forks,
    open_issues: repo.openIssues + repo.openPullRequests,
    watchers: repo.stars,
    default_branch: 'main',
  };
  return kind === 'repo'
    ? { ...core, organization: account(repo.owner, apiUrl), network_count: repo.forks, subscribers_count: repo.subscribers }
    : { ...core, score: 1 };
}

/** A stable made-up numeric id per owner login. */
export function ownerId(login: string): number {
  let hash = 0;
  for (const char of login.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) % 100_000_000;
  return hash + 1;
}

/** An owner (or the `organization` beside it) as REST embeds it. */
function account(login: string, apiUrl: string): Record<string, unknown> {
  const id = ownerId(login);
  return restAccount(apiUrl, { login, id, nodeId: ownerNodeId(login), avatarUrl: `https://avatars.githubusercontent.com/u/${id}?v=4`, htmlUrl: `https://github.com/${login}`, type: 'Organization' });
}

/** Any account as REST embeds it (a repository's owner, a release asset's uploader), with its link fields. */
export function restAccount(
  apiUrl: string,
  account: { login: string; id: number; nodeId: string; avatarUrl: string; htmlUrl: string; type: 'Organization' | 'User' | 'Bot' },
): Record<string, unknown> {
  const url = `${apiUrl}/users/${encodeURIComponent(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: account.nodeId,
    avatar_url: account.avatarUrl,
    gravatar_id: '',
    url,
    html_url: account.htmlUrl,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The `*_url` fields of a repository: URI templates under its API URL, in GitHub's order. */
const LINK_TEMPLATES: [field: string, suffix: string][] = [
  ['forks_url', '/forks'],
  ['keys_url', '/keys{/key_id}'],
  ['collaborators_url', '/collaborators{/collaborator}'],
  ['teams_url', '/teams'],
  ['hooks_url', '/hooks'],
  ['issue_events_url', '/issues/events{/number}'],
  ['events_url', '/events'],
  ['assignees_url', '/assignees{/user}'],
  ['branches_url', '/branches{/branch}'],
  ['tags_url', '/tags'],
  ['blobs_url', '/git/blobs{/sha}'],
  ['git_tags_url', '/git/tags{/sha}'],
  ['git_refs_url', '/git/refs{/sha}'],
  ['trees_url', '/git/trees{/sha}'],
  ['statuses_url', '/statuses/{sha}'],
  ['languages_url', '/languages'],
  ['stargazers_url', '/stargazers'],
  ['contributors_url', '/contributors'],
  ['subscribers_url', '/subscribers'],
  ['subscription_url', '/subscription'],
  ['commits_url', '/commits{/sha}'],
  ['git_commits_url', '/git/commits{/sha}'],
  ['comments_url', '/comments{/number}'],
  ['issue_comment_url', '/issues/comments{/number}'],
  ['contents_url', '/contents/{+path}'],
  ['compare_url', '/compare/{base}...{head}'],
  ['merges_url', '/merges'],
  ['archive_url', '/{archive_format}{/ref}'],
  ['downloads_url', '/downloads'],
  ['issues_url', '/issues{/number}'],
  ['pulls_url', '/pulls{/number}'],
  ['milestones_url', '/milestones{/number}'],
  ['notifications_url', '/notifications{?since,all,participating}'],
  ['labels_url', '/labels{/name}'],
  ['releases_url', '/releases{/id}'],
  ['deployments_url', '/deployments'],
];

function linkTemplates(url: string): Record<string, string> {
  return Object.fromEntries(LINK_TEMPLATES.map(([field, suffix]) => [field, `${url}${suffix}`]));
}
