import type { CliContext } from '../cli-context.ts';
import type { Config } from '../../config/config.ts';
import { QUEUE_NAMES, queueNamed } from '../../workers/queues.ts';
import { type Budget, readBudgets } from '../../workers/rate-limit-budgets.ts';
import { plainRedis, requireRedisUrl } from '../../workers/redis.ts';
import { listSchedules, plannedSchedules, type ScheduleInfo, scheduleOptions } from '../../workers/schedules.ts';
import { formatTable } from './format-table.ts';
import { withQueues } from './queue-commands.ts';

export interface QueueStatus {
  queues: { name: string; waiting: number; active: number; delayed: number; waitingChildren: number; failed: number; completed: number; rateLimitedForMs: number }[];
  schedules: ScheduleInfo[];
  budgets: Budget[];
}

/** Queue depths, schedules with their next run, and the last rate-limit budgets the workers saw. */
export async function readQueueStatus(context: CliContext, config: Config): Promise<QueueStatus> {
  return withQueues(context, 'status', async (queues) => {
    const depths = await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const counts = await queueNamed(queues, name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'waiting-children', 'failed', 'completed');
        const ttl = await queueNamed(queues, name).getRateLimitTtl();
        return {
          name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          waitingChildren: counts['waiting-children'] ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
          rateLimitedForMs: Math.max(0, ttl),
        };
      }),
    );
    const schedules = await listSchedules(queues, plannedSchedules(config, scheduleOptions(context.settings)));
    const redis = plainRedis(requireRedisUrl(context.settings, 'status'), 'producer');
    try {
      return { queues: depths, schedules, budgets: await readBudgets(redis, context.settings.queuePrefix) };
    } finally {
      redis.disconnect();
    }
  });
}

export function formatQueueStatus(status: QueueStatus): string {
  const queues = formatTable(
    ['queue', 'waiting', 'active', 'delayed', 'rounds open', 'failed', 'completed', 'paused for'],
    status.queues.map((q) => [
      q.name,
      String(q.waiting),
      String(q.active),
      String(q.delayed),
      String(q.waitingChildren),
      String(q.failed),
      String(q.completed),
      q.rateLimitedForMs > 0 ? `${Math.ceil(q.rateLimitedForMs / 1000)}s (rate limit)` : '-',
    ]),
  );
  const schedules = formatTable(
    ['scheduler', 'cron (UTC)', 'next run'],
    status.schedules.map((s) => [s.id, s.pattern, s.next ?? 'not scheduled (run `oss-pulse schedule`)']),
  );
  const budgets = status.budgets.length
    ? formatTable(
        ['upstream', 'resource', 'remaining', 'limit', 'resets at', 'seen at'],
        status.budgets.map((b) => [b.upstream, b.resource, String(b.remaining), String(b.limit ?? '?'), b.resetAt, b.seenAt]),
      )
    : 'no rate-limit budgets seen yet\n';
  return `\n${queues}\n${schedules}\n${budgets}`;
}
