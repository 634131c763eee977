// What every part of the bench needs: throwaway databases on the local server, the
// CLI run quietly in-process, a clock, and progress lines on stderr.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { main } from '../workers/cli.ts';
import type { CliContext } from '../workers/cli-context.ts';
import { createLogger } from '../workers/logger.ts';

/** The Postgres server the bench creates its databases on (trust auth, as in CI). */
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const progress = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

export const seconds = (startMs: number): number => (performance.now() - startMs) / 1000;

/** A fresh, empty database named `oss_pulse_bench_<part>_<random>`; `drop()` removes it. */
export async function createBenchDatabase(part: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `oss_pulse_bench_${part}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Plain SQL on a bench database, outside the product's pool. */
export async function sqlRows<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs `oss-pulse ARGS` in this process through the real `main`, its output and
 * warn-level logs captured; exit 2 (bad usage or config) throws with them.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string, seams: Partial<CliContext> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const logger = createLogger({ level: 'warn', pretty: false, destination: stderr });
  const code = await main(args, { env: { LOG_LEVEL: 'warn', ...env }, cwd, stdout, stderr, logger, ...seams });
  if (code > 1) throw new Error(`oss-pulse ${args.join(' ')} exited ${code}:\n${stderr.text}${stdout.text}`);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A temporary folder for configs and report files, removed by `remove()`. */
export async function tempDir(part: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `oss-pulse-bench-${part}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Polls `check` every `everyMs` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false | null>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
