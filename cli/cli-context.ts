import type { RuntimeSeams } from '../runtime/open-runtime.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Settings } from '../runtime/read-env.ts';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliContext extends RuntimeSeams {
  env: NodeJS.ProcessEnv;
  /** The environment, read and checked once (`readEnv`). */
  settings: Settings;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
}

/** Exit statuses of SPEC "Command line". */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

