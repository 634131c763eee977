import { collectSource, type RunSummary } from '../../jobs/collect-source.ts';
import type { SourceJob } from '../../jobs/source-job.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import type { Config } from '../../config/config.ts';
import { kindsOf, planOf, SOURCE_NAMES, type SourceName, sourceNamed } from '../../jobs/sources/registry.ts';
import type { Runtime } from '../../runtime/open-runtime.ts';
import { alertAfterRounds } from '../../alerts/alert-after-rounds.ts';
import { deliveryDeps } from '../../alerts/deliver-event.ts';
import { defineCommand } from './define-command.ts';
import { requireChannelEnvironment } from './require-channels.ts';
import { runRoundsInProcess } from './in-process-rounds.ts';
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
  requireChannelEnvironment(config, context.env);
  const plans = sources.map((source) => {
    const job = sourceNamed(source);
    return { source, job, batches: planOf(job, job, config) };
  });
  if (plans.length === 0) {
    context.stdout.write('Nothing to collect: the configuration lists no subjects.\n');
    return EXIT.ok;
  }
  for (const upstream of new Set(plans.map(({ job }) => job.upstream))) {
    const advice = upstream.advice?.(context.env);
    if (advice) context.logger.warn(advice);
  }
  return runRoundsInProcess(context, async (runtime) => {
    const summaries: RunSummary[] = [];
    for (const { source, job, batches } of plans) summaries.push(await collectOne(context, runtime, source, job, batches));
    const stored = summaries.filter((summary) => summary.samplesWritten > 0).flatMap((summary) => kindsOf(sourceNamed(summary.source as SourceName)));
    await alertAfterRounds(
      {
        ...deliveryDeps({ db: runtime.db, config, now: runtime.now }, { env: context.env, fetch: context.fetch, publicUrl: context.settings.publicUrl }),
        logger: runtime.logger,
        retry: { baseDelayMs: context.settings.retryDelayMs },
      },
      stored,
    );
    return summaries;
  });
}

async function collectOne(
  context: CliContext,
  runtime: Runtime,
  source: SourceName,
  job: SourceJob<never>,
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
