import { quote } from '../watchlist.ts';

// npm's rules for new packages (validate-npm-package-name): lowercase, URL-safe,
// not starting with `.` or `_`, at most 214 characters including the scope.
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
const NPM_MAX_LENGTH = 214;

/** `undefined` for a name npm accepts for a new package, else the problem in words. */
export function checkNpmPackage(name: string): string | undefined {
  const ok = name.length <= NPM_MAX_LENGTH && NPM_NAME.test(name);
  return ok ? undefined : `${quote(name)} is not an npm package name`;
}
