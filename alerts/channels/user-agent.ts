import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * `oss-pulse/<version>`, so a receiver's logs tell our requests apart. Read from
 * package.json the way cli/package-version.ts does (the build copies it beside dist/,
 * so `../../package.json` is found from the sources and from dist/alerts/channels/ alike).
 */
export function userAgent(): string {
  cached ??= `oss-pulse/${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}`;
  return cached;
}
