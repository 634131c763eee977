import { quote } from '../watchlist.ts';

// crates.io's rule for new crate names (`validate_crate_name`): ASCII letters, digits,
// `-` and `_`, starting with a letter, at most 64 characters.
const CRATE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const CRATE_NAME_MAX_LENGTH = 64;

/** `undefined` for a name crates.io accepts, else the problem in words. */
export function checkCrateName(name: string): string | undefined {
  if (name.length > CRATE_NAME_MAX_LENGTH) return `${quote(name)} is longer than crates.io's ${CRATE_NAME_MAX_LENGTH} characters`;
  return CRATE_NAME.test(name) ? undefined : `${quote(name)} is not a crate name (ASCII letters, digits, - and _, starting with a letter)`;
}

/**
 * crates.io's `canon_crate_name`: lower case, `-` read as `_`. It finds a crate by this
 * form, so `Candle_Core` and `candle-core` are one crate.
 */
export function canonicalCrateName(name: string): string {
  return name.toLowerCase().replaceAll('-', '_');
}
