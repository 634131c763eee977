/**
 * Name rules of the upstreams, checked when the config is read so that a typo
 * fails `oss-pulse` at start-up with the key path, rather than as a 404 in the
 * middle of a collection round hours later.
 *
 * Each `check*` returns `undefined` for a valid name, else the problem in words.
 */

// GitHub's sign-up form: alphanumerics and single inner hyphens, at most 39.
const GITHUB_OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;

// huggingface_hub's validate_repo_id: word characters, `-` and `.`, starting and
// ending with a word character, no `--` or `..` (they are reserved in Hub URLs).
const HUB_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?$/;

// npm's rules for new packages (validate-npm-package-name): lowercase, URL-safe,
// not starting with `.` or `_`, at most 214 characters including the scope.
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const NPM_MAX_LENGTH = 214;

// PEP 508 project names, compared case-insensitively.
const PYPI_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** Quotes a user-written value for an error message, cut short so a 10 kB value stays readable. */
export function quote(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}

function splitPair(name: string): [string, string] | undefined {
  const parts = name.split('/');
  return parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : undefined;
}

export function checkGithubRepo(name: string): string | undefined {
  const pair = splitPair(name);
  const ok =
    pair !== undefined &&
    GITHUB_OWNER.test(pair[0]) &&
    GITHUB_REPO.test(pair[1]) &&
    pair[1] !== '.' &&
    pair[1] !== '..';
  return ok ? undefined : `${quote(name)} is not an owner/name repository name`;
}

export function checkHubOwner(name: string): string | undefined {
  return isHubPart(name) ? undefined : `${quote(name)} is not a user or organisation name`;
}

/** Hugging Face Hub and ModelScope model ids share the `org/name` form. */
export function checkModelId(name: string, hub: string): string | undefined {
  const pair = splitPair(name);
  const ok = pair !== undefined && isHubPart(pair[0]) && isHubPart(pair[1]);
  return ok ? undefined : `${quote(name)} is not an org/name ${hub} model id`;
}

function isHubPart(part: string): boolean {
  return HUB_PART.test(part) && !part.includes('--') && !part.includes('..');
}

export function checkNpmPackage(name: string): string | undefined {
  const ok = name.length <= NPM_MAX_LENGTH && NPM_NAME.test(name);
  return ok ? undefined : `${quote(name)} is not an npm package name`;
}

export function checkPypiPackage(name: string): string | undefined {
  return PYPI_NAME.test(name) ? undefined : `${quote(name)} is not a PyPI project name`;
}

/** PEP 503: `Foo.Bar`, `foo_bar` and `foo-bar` are one project. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** GitHub treats search text case-insensitively and collapses whitespace. */
export function normalizeSearchQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function lowerCase(name: string): string {
  return name.toLowerCase();
}
