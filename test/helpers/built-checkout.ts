import { execFile } from 'node:child_process';
import { cp, readFile, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A copy of this checkout as the Docker build stage gets it (what .dockerignore lets
 * in), with the repository's node_modules linked in for `npm ci`, built with
 * `npm run build`. A copy, so that the build is of the sources as they are now and
 * stays so while the files here are edited. Returns its path (`dir/checkout`).
 */
export async function buildCheckout(dir: string): Promise<string> {
  const checkout = join(dir, 'checkout');
  const context = await buildContext();
  for (const entry of context.allowed) {
    await cp(join(root, entry), join(checkout, entry), { recursive: true, filter: (source) => !context.excluded(source) });
  }
  await symlink(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  await new Promise<void>((resolve, reject) => {
    execFile('npm', ['run', 'build'], { cwd: checkout, timeout: 240_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm run build failed:\n${stdout}${stderr}`)) : resolve(),
    );
  });
  return checkout;
}

/** What .dockerignore lets into the build context: its allowlist, less the names it excludes anywhere. */
async function buildContext(): Promise<{ allowed: string[]; excluded(path: string): boolean }> {
  const patterns = (await readFile(join(root, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const allowed = patterns.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/\/$/, ''));
  const names = patterns
    .filter((line) => line !== '*' && !line.startsWith('!'))
    .map((line) => {
      if (!line.startsWith('**/') || line.slice(3).includes('/')) throw new Error(`.dockerignore: buildCheckout reads only **/NAME exclusions, not "${line}"`);
      return new RegExp(`^${line.slice(3).replaceAll('.', '\\.').replaceAll('*', '.*')}$`);
    });
  return { allowed, excluded: (path) => names.some((name) => name.test(basename(path))) };
}
