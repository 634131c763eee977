import type { Queue } from 'bullmq';
import { type CliContext, EXIT } from '../cli-context.ts';
import type { Config } from '../../config/config.ts';
import { SOURCE_NAMES } from '../../jobs/sources/registry.ts';
import { JOB_NAMES, type QueueName, queueNamed, queueOf, type RoundJobData, roundDedupId } from '../../workers/queues.ts';
import { checkRedis, requireRedisUrl } from '../../workers/redis.ts';
import { scheduleOptions, syncSchedules } from '../../workers/schedules.ts';
import { openQueues } from '../../workers/worker-service.ts';
import { defineCommand } from './define-command.ts';
import { formatTable } from './format-table.ts';
import { selectSources } from './select-sources.ts';

/** Opens the queues as a producer (fails fast when Redis is down), runs `work`, closes them. */
export async function withQueues<T>(context: CliContext, command: string, work: (queues: Record<QueueName, Queue>) => Promise<T>): Promise<T> {
  const redisUrl = requireRedisUrl(context.settings, command);
  await checkRedis(redisUrl);
  const queues = openQueues({ redisUrl, prefix: context.settings.queuePrefix }, 'producer');
  for (const queue of Object.values(queues)) queue.on('error', () => {}); // surfaced by the awaited calls
  try {
    return await work(queues);
  } finally {
    await Promise.all(Object.values(queues).map((queue) => queue.close().catch(() => {})));
  }
}

export const scheduleCli = defineCommand({
  name: 'schedule',
  summary: 'upsert the schedules from the config and print them',
  description: 'Upserts the job schedulers from the config into Redis, removes those the config dropped, and prints them with their next run.',
  flags: {},
  run: async (context, { readConfig }) => scheduleCommand(context, await readConfig()),
});

export const enqueueCli = defineCommand({
  name: 'enqueue',
  summary: 'enqueue one collection round now',
  description: 'Enqueues one collection round now, for the workers to run; a source whose round is still waiting or running is not added again.',
  flags: {},
  positionals: { synopsis: '[SOURCE...]', description: `${SOURCE_NAMES.join(', ')}; none: every source the config lists subjects for` },
  run: async (context, { positionals, readConfig }) => enqueueCommand(context, await readConfig(), positionals),
});

/** `enqueue [SOURCE...]`: one round now per source; a source whose round is already waiting or running is not added again. */
export async function enqueueCommand(context: CliContext, config: Config, sourceArgs: string[]): Promise<number> {
  const sources = selectSources(config, sourceArgs);
  return withQueues(context, 'enqueue', async (queues) => {
    for (const source of sources) {
      const queue = queueNamed(queues, queueOf(source));
      const pending = await queue.getDeduplicationJobId(roundDedupId(source));
      const job = await queue.add(JOB_NAMES.round, { source, trigger: 'enqueue' } satisfies RoundJobData, {
        deduplication: { id: roundDedupId(source) },
      });
      context.stdout.write(
        pending ? `${source}: a round is already queued or running (job ${pending}); not added again\n` : `${source}: round enqueued (job ${job.id})\n`,
      );
    }
    return EXIT.ok;
  });
}

/** `schedule`: makes Redis hold the config's schedules, and prints them with their next run. */
export async function scheduleCommand(context: CliContext, config: Config): Promise<number> {
  return withQueues(context, 'schedule', async (queues) => {
    const schedules = await syncSchedules(queues, config, scheduleOptions(context.settings));
    const rows = schedules.map((s) => [s.id, s.queue, s.pattern, s.next ?? '-']);
    context.stdout.write(formatTable(['scheduler', 'queue', 'cron (UTC)', 'next run'], rows));
    return EXIT.ok;
  });
}
