import { readFileSync } from 'node:fs';

/** OSS Pulse's version, from package.json (beside dist/ too: the build copies it there). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
