import { quote } from '../watchlist.ts';

// GitHub's sign-up form: alphanumerics and single inner hyphens, at most 39.
const GITHUB_OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** `undefined` for an `owner/name` GitHub accepts, else the problem in words. */
export function checkGithubRepo(name: string): string | undefined {
  const [owner = '', repo = '', ...rest] = name.split('/');
  const ok = rest.length === 0 && GITHUB_OWNER.test(owner) && GITHUB_REPO.test(repo) && repo !== '.' && repo !== '..';
  return ok ? undefined : `${quote(name)} is not an owner/name repository name`;
}

/** GitHub treats search text case-insensitively and collapses whitespace. */
export function normalizeSearchQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `undefined` for a user or organisation login GitHub accepts, else the problem in words. */
export function checkGithubOwner(login: string): string | undefined {
  return GITHUB_OWNER.test(login) ? undefined : `${quote(login)} is not a GitHub user or organisation login`;
}
