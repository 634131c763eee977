import { addDays, parseUtcDay, startOfUtcDay } from '../../jobs/utc-days.ts';
import { collectSource, type RunSummary } from '../../jobs/collect-source.ts';
import { type CliContext } from '../cli-context.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import type { Config } from '../../config/config.ts';
import { hasSubjects, planOf, SOURCE_NAME_WIDTH, type SourceName, SOURCES } from '../../jobs/sources/registry.ts';
import { defineCommand } from './define-command.ts';
import { runRoundsInProcess } from './in-process-rounds.ts';

/** Sources whose upstream keeps history. */
const BACKFILLED: readonly SourceName[] = SOURCES.filter((source) => source.backfill).map((source) => source.source);

export const backfillCli = defineCommand({
  name: 'backfill',
  summary: 'reconstruct history where the upstream keeps it (default: one year)',
  description:
    `Reconstructs past figures where the upstream keeps them (${BACKFILLED.join(', ')}), from --since on (default: one year back); a progress bar on a terminal.`,
  flags: {
    since: { type: 'string', valueName: 'YYYY-MM-DD', description: 'the first day to reconstruct, in the past (default: one year back)' },
  },
  positionals: { synopsis: '[SOURCE...]', description: `${BACKFILLED.join(', ')}; none: each of them the config lists subjects for` },
  run: async (context, { flags, positionals, readConfig }) => backfillCommand(context, await readConfig(), positionals, flags.since),
});

/** `backfill [SOURCE...] [--since YYYY-MM-DD]`: reconstructs past figures where the upstream allows. */
export async function backfillCommand(context: CliContext, config: Config, sourceArgs: string[], sinceArg?: string): Promise<number> {
  const now = (context.now ?? (() => new Date()))();
  const since = sinceArg === undefined ? addDays(startOfUtcDay(now), -365) : parseSince(sinceArg, now);
  for (const name of sourceArgs) {
    if (!(BACKFILLED as readonly string[]).includes(name)) {
      throw new UsageError(`no history to backfill for "${name}"; backfill works for ${BACKFILLED.join(', ')}`);
    }
  }
  const named = new Set(sourceArgs.length > 0 ? sourceArgs : BACKFILLED);
  const sources = SOURCES.filter((source) => named.has(source.source) && hasSubjects(source, config));
  return runRoundsInProcess(context, async (runtime) => {
    const summaries: RunSummary[] = [];
    for (const source of sources) {
      const job = source.backfill?.(since);
      if (!job) continue;
      const progress = progressLine(context, source.source);
      summaries.push(await collectSource(job, planOf(job, source, config), runtime, { trigger: 'backfill', origin: 'backfill', onBatch: progress }));
    }
    return summaries;
  });
}

function parseSince(text: string, now: Date): Date {
  const date = parseUtcDay(text);
  if (!date) throw new UsageError(`--since must be a date like 2026-06-01 (got "${text}")`);
  if (date >= startOfUtcDay(now)) throw new UsageError(`--since ${text} is not in the past`);
  return date;
}

/** A progress bar on a terminal; nothing when stderr is not one. */
function progressLine(context: CliContext, source: string): ((done: number, total: number) => void) | undefined {
  if (!context.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    context.stderr.write(`\r${source.padEnd(SOURCE_NAME_WIDTH)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
