import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a process loaded with `refuseTypeScript` prints when it tried to load tsx or TypeScript. */
export const REFUSED = 'refused: no TypeScript here';

// Resolve hooks (module.register, Node 20.6+) that fail any import of tsx or of a .ts file.
const HOOKS = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'tsx' || specifier.startsWith('tsx/')) throw new Error('${REFUSED}: ' + specifier);
  const resolved = await nextResolve(specifier, context);
  if (/\\.[cm]?ts$/.test(new URL(resolved.url).pathname)) throw new Error('${REFUSED}: ' + resolved.url);
  return resolved;
}`;

/**
 * Writes a module for `node --import FILE` that makes the process fail on any import of
 * tsx or of a TypeScript file: a run that succeeds under it ran plain JavaScript (dist/).
 * Returns the file's path.
 */
export async function writeRefuseTypeScript(dir: string): Promise<string> {
  const path = join(dir, 'refuse-typescript.mjs');
  await writeFile(path, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});\n`);
  return path;
}
