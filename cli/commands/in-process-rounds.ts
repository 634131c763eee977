import type { RunSummary } from '../../jobs/collect-source.ts';
import { closeAbandonedRuns } from '../../jobs/collection-runs.ts';
import { SOURCE_NAME_WIDTH } from '../../jobs/sources/registry.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import { openRuntime, type Runtime } from '../../runtime/open-runtime.ts';
import { interruptRunsOnSignal } from '../interrupt-runs-on-signal.ts';
import { formatFailures } from './format-failures.ts';

/**
 * Runs command-line rounds (`collect`, `backfill`) on a runtime of their own: runs a
 * dead process left open are closed as interrupted first, Ctrl-C or SIGTERM closes
 * these as interrupted, and the summaries are printed. Returns the exit status.
 */
export async function runRoundsInProcess(context: CliContext, rounds: (runtime: Runtime) => Promise<RunSummary[]>): Promise<number> {
  const runtime = await openRuntime(context);
  const stopHandlingSignals = interruptRunsOnSignal(runtime);
  let summaries: RunSummary[];
  try {
    await closeAbandonedRuns(runtime.db, runtime.now());
    summaries = await rounds(runtime);
  } finally {
    stopHandlingSignals();
    await runtime.close();
  }
  context.stdout.write(formatSummaries(summaries, runtime.database.location, runtime.redact));
  return summaries.some((summary) => summary.failures.length > 0) ? EXIT.someFailed : EXIT.ok;
}

function formatSummaries(summaries: RunSummary[], location: string, redact: (text: string) => string): string {
  const lines = summaries.map(
    (s) =>
      `${s.source.padEnd(SOURCE_NAME_WIDTH)} ${String(s.subjectsOk).padStart(5)} ok ${String(s.failures.length).padStart(4)} failed ` +
      `${String(s.samplesWritten).padStart(6)} samples ${String(s.requests).padStart(5)} requests  (run ${s.runId})`,
  );
  const failed = summaries.filter((s) => s.failures.length > 0);
  const failures = formatFailures(failed.flatMap((s) => s.failures), failed.map((s) => s.runId), redact);
  const out = [`Stored in ${location}`, ...lines];
  if (failures.length > 0) out.push('', ...failures);
  return `${out.join('\n')}\n`;
}
