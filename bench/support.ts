// What every part of the bench needs: throwaway databases on the local server, the
// CLI run quietly in-process, a clock, and progress lines on stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTestDatabase } from '../test/helpers/database.ts';
import { main } from '../cli/cli.ts';
import type { CliContext } from '../cli/cli-context.ts';
import { createLogger } from '../runtime/logger.ts';

/** The Postgres server and Redis the bench uses: the test suite's (trust auth, as in CI). */
export { sqlRows, TEST_SERVER_URL as SERVER_URL } from '../test/helpers/database.ts';
export { TEST_REDIS_URL as REDIS_URL } from '../test/helpers/redis.ts';

export const progress = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

export const seconds = (startMs: number): number => (performance.now() - startMs) / 1000;

/** A fresh, empty database named `oss_pulse_bench_<part>_<random>`; `drop()` removes it. */
export const createBenchDatabase = (part: string) => createTestDatabase(`oss_pulse_bench_${part}`);

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs `oss-pulse ARGS` in this process through the real `main` (or another checkout's,
 * `cliMain`), its output and warn-level logs captured; exit 2 (bad usage or config) throws with them.
 */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  seams: Partial<CliContext> = {},
  cliMain: typeof main = main,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const logger = createLogger({ level: 'warn', pretty: false, destination: stderr });
  const code = await cliMain(args, { env: { LOG_LEVEL: 'warn', ...env }, cwd, stdout, stderr, logger, ...seams });
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
