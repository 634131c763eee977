import { addDays, startOfUtcDay } from '../../jobs/backfill-days.ts';
import { npmBackfillJob } from '../../jobs/sources/npm/backfill-npm.ts';
import { searchesBackfillJob } from '../../jobs/sources/github/backfill-searches.ts';
import { starsBackfillJob } from '../../jobs/sources/github/backfill-stars.ts';
import { collectSource, type RunSummary } from '../../jobs/collect-source.ts';
import type { SourceJob } from '../../jobs/source-job.ts';
import { isoDate } from '../../reports/iso-week.ts';
import { type CliContext, UsageError } from '../cli-context.ts';
import type { Config, SourceName } from '../../config/config.ts';
import { defineCommand } from './define-command.ts';
import { runRoundsInProcess } from './in-process-rounds.ts';
import { hasSubjects } from './select-sources.ts';

/** Sources whose upstream keeps history, and the job that reconstructs it from `since`. */
const BACKFILLS: Partial<Record<SourceName, (since: Date) => SourceJob>> = {
  'github-repos': (since) => starsBackfillJob(since) as SourceJob,
  'github-search': (since) => searchesBackfillJob(since) as SourceJob,
  npm: (since) => npmBackfillJob(since) as SourceJob,
};

export const backfillCli = defineCommand({
  name: 'backfill',
  summary: 'reconstruct history where the upstream keeps it (default: one year)',
  description:
    'Reconstructs past figures where the upstream keeps them (GitHub stars, GitHub search counts, npm downloads), from --since on (default: one year back); a progress bar on a terminal.',
  flags: {
    since: { type: 'string', valueName: 'YYYY-MM-DD', description: 'the first day to reconstruct, in the past (default: one year back)' },
  },
  positionals: { synopsis: '[SOURCE...]', description: `${Object.keys(BACKFILLS).join(', ')}; none: each of them the config lists subjects for` },
  run: async (context, { flags, positionals, readConfig }) => backfillCommand(context, await readConfig(), positionals, flags.since),
});

/** `backfill [SOURCE...] [--since YYYY-MM-DD]`: reconstructs past figures where the upstream allows. */
export async function backfillCommand(context: CliContext, config: Config, sourceArgs: string[], sinceArg?: string): Promise<number> {
  const now = (context.now ?? (() => new Date()))();
  const since = sinceArg === undefined ? addDays(startOfUtcDay(now), -365) : parseSince(sinceArg, now);
  const available = Object.keys(BACKFILLS) as SourceName[];
  for (const name of sourceArgs) {
    if (!available.includes(name as SourceName)) {
      throw new UsageError(`no history to backfill for "${name}"; backfill works for ${available.join(', ')}`);
    }
  }
  const sources = (sourceArgs.length > 0 ? [...new Set(sourceArgs as SourceName[])] : available).filter((source) =>
    hasSubjects(config, source),
  );
  return runRoundsInProcess(context, async (runtime) => {
    const summaries: RunSummary[] = [];
    for (const source of sources) {
      const job = BACKFILLS[source]?.(since);
      if (!job) continue;
      const progress = progressLine(context, source);
      summaries.push(await collectSource(job, job.plan(config), runtime, { trigger: 'backfill', origin: 'backfill', onBatch: progress }));
    }
    return summaries;
  });
}

function parseSince(text: string, now: Date): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || isoDate(date) !== text) {
    throw new UsageError(`--since must be a date like 2026-06-01 (got "${text}")`);
  }
  if (date >= startOfUtcDay(now)) throw new UsageError(`--since ${text} is not in the past`);
  return date;
}

/** A progress bar on a terminal; nothing when stderr is not one. */
function progressLine(context: CliContext, source: string): ((done: number, total: number) => void) | undefined {
  if (!context.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    context.stderr.write(`\r${source.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
