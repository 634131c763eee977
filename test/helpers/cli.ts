import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { SQL } from 'drizzle-orm';
import { main } from '../../cli/cli.ts';
import { secretsOf } from '../../runtime/read-env.ts';
import { createLogger } from '../../runtime/logger.ts';
import { openPglite, queryRows } from '../../schema/db.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON log lines written. */
  logs: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs the CLI in-process with the given environment, as `oss-pulse ARGS` would run,
 * with waits shrunk (a second of upstream-requested wait lasts 1 ms) so tests stay fast.
 */
export async function runCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; now?: () => Date; timeoutMs?: number; fetch?: typeof fetch },
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const logs = new Capture();
  const logger = createLogger({ level: 'debug', pretty: false, destination: logs, secrets: secretsOf(options.env) });
  const code = await main(args, {
    env: options.env,
    cwd: options.cwd,
    stdout,
    stderr,
    logger,
    now: options.now,
    secondMs: 1,
    searchIntervalMs: 0,
    pypiIntervalMs: 0,
    retry: { baseDelayMs: 1 },
    timeoutMs: options.timeoutMs,
    fetch: options.fetch,
  });
  return { code, stdout: stdout.text, stderr: stderr.text, logs: logs.text };
}

/** A temporary working directory, optionally with an `oss-pulse.yaml`. */
export async function tempWorkdir(configYaml?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oss-pulse-test-'));
  if (configYaml !== undefined) await writeFile(join(dir, 'oss-pulse.yaml'), configYaml);
  return dir;
}

/** Rows from the embedded database a command run in `cwd` made (`./.oss-pulse/db`), opened and closed around the query. */
export async function queryEmbedded<T>(cwd: string, text: SQL): Promise<T[]> {
  const handle = await openPglite(join(cwd, '.oss-pulse/db'));
  try {
    return await queryRows<T>(handle.db, text);
  } finally {
    await handle.close();
  }
}
