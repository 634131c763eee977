import { sql } from 'drizzle-orm';
import { closeAbandonedRuns } from '../../jobs/collection-runs.ts';
import { kindsOf, SOURCE_NAMES, type SourceName, sourceNamed } from '../../jobs/sources/registry.ts';
import { openDatabase, queryRows } from '../../schema/db.ts';
import { type CliContext, EXIT } from '../cli-context.ts';
import { checkRedis } from '../../workers/redis.ts';
import { defineCommand } from './define-command.ts';
import { formatTable } from './format-table.ts';
import type { Config } from '../../config/config.ts';
import { formatQueueStatus, type QueueStatus, readQueueStatus } from './queue-status.ts';

export interface SourceStatus {
  source: SourceName;
  lastRun: {
    id: number;
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    status: string;
    subjectsOk: number;
    subjectsFailed: number;
    requests: number;
    error: string | null;
  } | null;
  subjects: { active: number; notFound: number };
  /** When the upstream last answered for any subject of this source. */
  newestSampleAt: string | null;
  ageSeconds: number | null;
}

export const statusCli = defineCommand({
  name: 'status',
  summary: 'per source: last run, outcome, freshness; queues with REDIS_URL',
  description:
    'Per source: the last run, its outcome, the subjects, and how old the newest figure is; with REDIS_URL, also queue depths, schedules and rate-limit budgets (exit 1 when Redis does not answer).',
  flags: {
    json: { type: 'boolean', description: 'print JSON (for jq) instead of tables' },
  },
  run: async (context, { flags, readConfig }) => statusCommand(context, await readConfig(), { json: flags.json ?? false }),
});

/**
 * `status [--json]`: per source, the last run, its outcome and how fresh the data is;
 * with REDIS_URL set, also queue depths, schedules and rate-limit budgets.
 */
export async function statusCommand(context: CliContext, config: Config, options: { json: boolean }): Promise<number> {
  // A Redis that does not answer, or a database index it refuses, is a setting to fix (exit 2).
  if (context.settings.redisUrl) await checkRedis(context.settings.redisUrl);
  const database = await openDatabase(context);
  let sources: SourceStatus[];
  const now = (context.now ?? (() => new Date()))();
  try {
    await database.migrate();
    // A run left `running` by a process that is gone was interrupted: say so, not "running".
    await closeAbandonedRuns(database.db, now);
    sources = await readStatus(database.db, now);
  } finally {
    await database.close();
  }
  let queues: QueueStatus | { error: string } | undefined;
  if (context.settings.redisUrl) {
    queues = await readQueueStatus(context, config).catch((error: Error) => ({ error: `Redis: ${error.message}` }));
  }
  if (options.json) {
    context.stdout.write(`${JSON.stringify({ generatedAt: now.toISOString(), sources, ...(queues ? { redis: queues } : {}) }, null, 2)}\n`);
  } else {
    context.stdout.write(formatStatus(sources));
    if (queues) context.stdout.write('error' in queues ? `\n${queues.error}\n` : formatQueueStatus(queues));
  }
  return queues && 'error' in queues ? EXIT.someFailed : EXIT.ok;
}

export async function readStatus(db: Parameters<typeof queryRows>[0], now: Date): Promise<SourceStatus[]> {
  const runs = await queryRows<Record<string, string | number | null>>(
    db,
    sql`SELECT DISTINCT ON (source) source, id, trigger, started_at, finished_at, status, subjects_ok, subjects_failed, requests, error
        FROM collection_runs ORDER BY source, started_at DESC, id DESC`,
  );
  // subjects.last_seen_at tracks the newest answer per subject: no scan of samples needed.
  const kinds = await queryRows<{ kind: string; active: number | string; not_found: number | string; newest: string | null }>(
    db,
    sql`SELECT kind, count(*) FILTER (WHERE status = 'active') AS active, count(*) FILTER (WHERE status = 'not_found') AS not_found,
               max(last_seen_at) AS newest
        FROM subjects GROUP BY kind`,
  );
  return SOURCE_NAMES.map((source) => {
    const run = runs.find((row) => row.source === source);
    const own = kinds.filter((row) => (kindsOf(sourceNamed(source)) as string[]).includes(row.kind));
    const newest = own.reduce<Date | null>((latest, row) => (row.newest && (!latest || new Date(row.newest) > latest) ? new Date(row.newest) : latest), null);
    return {
      source,
      lastRun: run
        ? {
            id: Number(run.id),
            trigger: String(run.trigger),
            startedAt: new Date(String(run.started_at)).toISOString(),
            finishedAt: run.finished_at ? new Date(String(run.finished_at)).toISOString() : null,
            status: String(run.status),
            subjectsOk: Number(run.subjects_ok),
            subjectsFailed: Number(run.subjects_failed),
            requests: Number(run.requests),
            error: run.error === null ? null : String(run.error),
          }
        : null,
      subjects: { active: own.reduce((sum, row) => sum + Number(row.active), 0), notFound: own.reduce((sum, row) => sum + Number(row.not_found), 0) },
      newestSampleAt: newest?.toISOString() ?? null,
      ageSeconds: newest ? Math.round((now.getTime() - newest.getTime()) / 1000) : null,
    };
  });
}

function formatStatus(statuses: SourceStatus[]): string {
  const header = ['source', 'last run (UTC)', 'outcome', 'ok', 'failed', 'requests', 'subjects', 'newest sample'];
  const rows = statuses.map((s) => [
    s.source,
    s.lastRun ? s.lastRun.startedAt.slice(0, 16).replace('T', ' ') : 'never',
    s.lastRun?.status ?? '-',
    String(s.lastRun?.subjectsOk ?? '-'),
    String(s.lastRun?.subjectsFailed ?? '-'),
    String(s.lastRun?.requests ?? '-'),
    `${s.subjects.active}${s.subjects.notFound ? ` (+${s.subjects.notFound} not found)` : ''}`,
    s.ageSeconds === null ? '-' : `${formatAge(s.ageSeconds)} ago`,
  ]);
  return formatTable(header, rows);
}

export function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}
