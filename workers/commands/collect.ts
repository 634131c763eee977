import { collectSource, type RunSummary } from '../../jobs/collect-source.ts';
import { closeAbandonedRuns } from '../../jobs/collection-runs.ts';
import { interruptRunsOnSignal } from '../interrupt-runs-on-signal.ts';
import { SOURCE_JOBS } from '../../jobs/registry.ts';
import type { SourceJob } from '../../jobs/source-job.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import { type Config, SOURCE_NAMES, type SourceName } from '../config.ts';
import { openRuntime } from '../deps.ts';
import { githubTokens } from '../deps.ts';
import { defineCommand } from './define-command.ts';
import { formatFailures } from './format-failures.ts';
import { selectSources } from './select-sources.ts';

export const collectCli = defineCommand({
  name: 'collect',
  summary: 'one collection round in-process, then exit',
  description: 'One collection round in-process, then exits; prints per source what was stored and lists the failures (exit 1 when some subjects failed).',
  flags: {},
  positionals: { synopsis: '[SOURCE...]', description: `${SOURCE_NAMES.join(', ')}; none: every source the config lists subjects for` },
  run: async (context, { positionals, readConfig }) => collectCommand(context, await readConfig(), positionals),
});

/** `collect [SOURCE...]`: one collection round in-process, then exit. */
export async function collectCommand(context: CliContext, config: Config, sourceArgs: string[]): Promise<number> {
  const sources = selectSources(config, sourceArgs);
  const plans = sources.map((source) => {
    const job = SOURCE_JOBS[source];
    return { source, job, batches: job.plan(config) };
  });
  if (plans.length === 0) {
    context.stdout.write('Nothing to collect: the configuration lists no subjects.\n');
    return EXIT.ok;
  }
  if (sources.some((source) => source.startsWith('github')) && githubTokens(context.env).length === 0) {
    context.logger.warn(
      'GITHUB_TOKEN is not set: using GitHub REST without a token (60 requests/hour, 10 searches/minute). Set GITHUB_TOKEN to raise the limits and batch requests through GraphQL.',
    );
  }
  const runtime = await openRuntime({ ...context, now: context.now });
  const stopHandlingSignals = interruptRunsOnSignal(runtime);
  const summaries: RunSummary[] = [];
  try {
    await closeAbandonedRuns(runtime.db, runtime.now());
    for (const { source, job, batches } of plans) {
      summaries.push(await collectOne(context, runtime, source, job, batches));
    }
  } finally {
    stopHandlingSignals();
    await runtime.close();
  }
  context.stdout.write(formatSummaries(summaries, runtime.database.location, runtime.redact));
  return summaries.some((summary) => summary.failures.length > 0) ? EXIT.someFailed : EXIT.ok;
}

async function collectOne(
  context: CliContext,
  runtime: Awaited<ReturnType<typeof openRuntime>>,
  source: SourceName,
  job: SourceJob,
  batches: unknown[],
): Promise<RunSummary> {
  const log = runtime.logger.child({ source });
  log.info({ batches: batches.length }, 'collecting');
  const showProgress = Boolean(context.stderr.isTTY);
  const summary = await collectSource(job, batches, runtime, {
    trigger: 'collect',
    onBatch: (done, total) => {
      if (showProgress) context.stderr.write(`\r${source}: batch ${done}/${total}${done === total ? '\n' : ''}`);
    },
  });
  log.info(
    { runId: summary.runId, ok: summary.subjectsOk, failed: summary.failures.length, requests: summary.requests, samples: summary.samplesWritten },
    'collected',
  );
  return summary;
}

export function formatSummaries(summaries: RunSummary[], location: string, redact: (text: string) => string): string {
  const lines = summaries.map(
    (s) =>
      `${s.source.padEnd(14)} ${String(s.subjectsOk).padStart(5)} ok ${String(s.failures.length).padStart(4)} failed ` +
      `${String(s.samplesWritten).padStart(6)} samples ${String(s.requests).padStart(5)} requests  (run ${s.runId})`,
  );
  const failed = summaries.filter((s) => s.failures.length > 0);
  const failures = formatFailures(failed.flatMap((s) => s.failures), failed.map((s) => s.runId), redact);
  const out = [`Stored in ${location}`, ...lines];
  if (failures.length > 0) out.push('', ...failures);
  return `${out.join('\n')}\n`;
}
