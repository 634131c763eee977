import type { RuntimeSeams } from '../runtime/open-runtime.ts';
import type { Logger } from '../runtime/logger.ts';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliContext extends RuntimeSeams {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
}

/** Exit statuses of SPEC "Command line". */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** Bad usage or bad configuration: exit 2 with this message, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}
