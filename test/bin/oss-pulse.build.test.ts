// `node bin/oss-pulse.js` runs the compiled dist/ where the build is up to date, with
// no tsx and no TypeScript loaded, and the sources where one changed after the build.
// Built here the way the Dockerfile builds: the files .dockerignore lets in, then
// `npm run build`, then the image's layout (dist/, bin/, the package files).
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, sqlRows } from '../helpers/database.ts';
import { buildCheckout } from '../helpers/built-checkout.ts';
import { REFUSED, writeRefuseTypeScript } from '../helpers/refuse-typescript.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
/** A checkout as the Docker build stage sees it, built with `npm run build`. */
let checkout: string;
/** The image's final layout: dist/, bin/, package.json, package-lock.json and node_modules. */
let image: string;
let refuseTypeScript: string;
let version: string;

function run(args: string[], options: { cwd: string; refuse?: boolean; env?: NodeJS.ProcessEnv; from?: string }): Promise<Run> {
  const nodeArgs = [...(options.refuse === false ? [] : ['--import', refuseTypeScript]), join(options.from ?? image, 'bin', 'oss-pulse.js'), ...args];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...options.env };
  return new Promise((resolve) => {
    execFile(process.execPath, nodeArgs, { cwd: options.cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-pulse-bin-'));
  image = join(dir, 'image');
  refuseTypeScript = await writeRefuseTypeScript(dir);
  // The repository's dependencies stand for `npm ci`, tsx among them: hence the refusal.
  checkout = await buildCheckout(dir);
  version = (JSON.parse(await readFile(join(checkout, 'package.json'), 'utf8')) as { version: string }).version;
  await mkdir(image);
  for (const entry of ['dist', 'bin', 'package.json', 'package-lock.json']) await cp(join(checkout, entry), join(image, entry), { recursive: true });
  await symlink(join(root, 'node_modules'), join(image, 'node_modules'), 'dir');
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built CLI, in the image layout (no sources)', () => {
  it('answers --version from dist/ with neither tsx nor TypeScript loaded', async () => {
    const result = await run(['--version'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('applies every migration to a fresh Postgres database from dist/', async () => {
    const database = await createTestDatabase();
    try {
      const result = await run(['migrate'], { cwd: dir, env: { DATABASE_URL: database.url } });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const journal = JSON.parse(await readFile(join(checkout, 'schema', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      const [applied] = await sqlRows<{ count: string }>(database.url, 'SELECT count(*) AS count FROM drizzle.__drizzle_migrations');
      expect(Number(applied?.count)).toBe(journal.entries.length);
      // The hand-written views come from the .sql files too.
      const views = await sqlRows(database.url, "SELECT 1 FROM information_schema.views WHERE table_schema = 'public'");
      expect(views.length).toBeGreaterThan(0);
    } finally {
      await database.drop();
    }
  });
});

describe('a development checkout', () => {
  it('runs its build while it is up to date, and its sources through tsx once one changed', async () => {
    expect(await run(['--version'], { cwd: dir, from: checkout })).toMatchObject({ code: 0, stdout: `${version}\n` });

    const source = join(checkout, 'jobs', 'sources', 'registry.ts');
    const later = new Date(Date.now() + 60_000);
    await utimes(source, later, later);
    const refused = await run(['--version'], { cwd: dir, from: checkout });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${REFUSED}: tsx`);
    expect(await run(['--version'], { cwd: dir, from: checkout, refuse: false })).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});
