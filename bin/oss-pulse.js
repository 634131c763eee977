#!/usr/bin/env node
// Starts the CLI from dist/, the TypeScript compiled once by `npm run build` (which
// `npm install` and `npm ci` run, as the `prepare` script), so a command does not
// compile the sources at every start as tsx does.
//
// The sources run through tsx instead when there is no build yet, or when one of them
// changed after it: a development checkout never runs code older than what is on disk,
// and gets the fast start back at the next `npm run build`. "Changed" is one cheap look
// at modification times, made only where the sources are (a checkout, not the image).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The build writes dist/package.json last: its time is the time the build finished.
const buildStamp = join(root, 'dist', 'package.json');
// What the build compiles or copies into dist/.
const inputs = ['cli', 'web', 'workers', 'runtime', 'alerts', 'reports', 'config', 'jobs', 'schema', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

const { main } = useBuild() ? await import('../dist/cli/cli.js') : await fromSources();
process.exitCode = await main(process.argv.slice(2));

function useBuild() {
  const builtAt = statSync(buildStamp, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return false;
  // No sources beside the build (the image): nothing to compare with.
  if (!statSync(join(root, 'cli', 'cli.ts'), { throwIfNoEntry: false })) return true;
  return !inputs.some((input) => changedSince(join(root, input), builtAt));
}

/**
 * Whether the file, or anything in the folder, was modified after `time`. A folder's
 * own time counts too: it moves when a file in it is added, renamed or deleted.
 */
function changedSince(path, time) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return false;
  if (stat.mtimeMs > time) return true;
  if (!stat.isDirectory()) return false;
  return readdirSync(path, { recursive: true }).some((entry) => (statSync(join(path, entry), { throwIfNoEntry: false })?.mtimeMs ?? 0) > time);
}

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../cli/cli.ts');
}
