import { interruptRuns } from '../jobs/collection-runs.ts';
import { currentProcess, formatIdentity } from '../schema/process-identity.ts';
import type { Runtime } from '../runtime/open-runtime.ts';

/** Shell convention: 128 + the signal's number. */
const EXIT_ON_SIGNAL: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
/** A database that does not close in this long does not keep a stopping process alive. */
const CLOSE_DEADLINE_MS = 5_000;

/**
 * While a command-line round runs, Ctrl-C or SIGTERM closes this process's open runs
 * as `interrupted` (what they stored stays), closes the database and exits 130/143;
 * without this the runs stayed `running` for ever. A second signal exits at once.
 * Returns the function that removes the handlers.
 */
export function interruptRunsOnSignal(runtime: Pick<Runtime, 'db' | 'now' | 'logger' | 'close'>): () => void {
  let stopping = false;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    const code = EXIT_ON_SIGNAL[signal];
    if (stopping) process.exit(code);
    stopping = true;
    runtime.logger.warn({ signal }, 'interrupted: the open runs are closed as interrupted; what they stored is kept');
    setTimeout(() => process.exit(code), CLOSE_DEADLINE_MS).unref();
    void interruptRuns(runtime.db, formatIdentity(currentProcess()), runtime.now())
      .catch((error: unknown) => runtime.logger.error({ err: error }, 'could not mark the runs interrupted'))
      .finally(() => void runtime.close().catch(() => {}).finally(() => process.exit(code)));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
