import { quote } from '../watchlist.ts';

// PEP 508 project names, compared case-insensitively.
const PYPI_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** `undefined` for a PEP 508 project name, else the problem in words. */
export function checkPypiPackage(name: string): string | undefined {
  return PYPI_NAME.test(name) ? undefined : `${quote(name)} is not a PyPI project name`;
}

/** PEP 503: `Foo.Bar`, `foo_bar` and `foo-bar` are one project. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
