import { readAlertEvents } from '../../alerts/read-alert-events.ts';
import { DAY_MS, parseUtcDay } from '../../jobs/utc-days.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import { openDatabase } from '../../schema/db.ts';
import { EXIT } from '../cli-context.ts';
import { defineCommand } from './define-command.ts';
import { formatTable } from './format-table.ts';

/** What `alerts` lists without `--since`. */
const DEFAULT_DAYS = 30;

export const alertsCli = defineCommand({
  name: 'alerts',
  summary: 'the alert events recorded and what became of their deliveries',
  description: `Lists the alert events recorded since --since (default: the last ${DEFAULT_DAYS} days), newest first, each with its deliveries per channel: delivered, pending, failed or dropped, the attempts and the last error.`,
  flags: {
    since: { type: 'string', valueName: 'YYYY-MM-DD', description: `the first day listed (default: ${DEFAULT_DAYS} days ago)` },
    json: { type: 'boolean', description: 'print JSON (for jq) instead of a table' },
  },
  async run(context, { flags }) {
    const now = (context.now ?? (() => new Date()))();
    const since = flags.since === undefined ? new Date(now.getTime() - DEFAULT_DAYS * DAY_MS) : parseDay(flags.since);
    const database = await openDatabase(context);
    try {
      await database.migrate();
      const events = await readAlertEvents(database.db, since);
      if (flags.json) {
        context.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
      } else if (events.length === 0) {
        context.stdout.write(`No alert events since ${since.toISOString().slice(0, 10)}.\n`);
      } else {
        const rows = events.map((event) => [
          event.created_at.slice(0, 16).replace('T', ' '),
          event.rule,
          event.message,
          event.deliveries.map((d) => `${d.channel}: ${d.status}${d.attempts > 1 ? ` (${d.attempts} attempts)` : ''}${d.status !== 'delivered' && d.last_error ? `: ${d.last_error}` : ''}`).join('; ') || 'no channel',
        ]);
        context.stdout.write(formatTable(['recorded (UTC)', 'rule', 'what happened', 'deliveries'], rows));
      }
    } finally {
      await database.close();
    }
    return EXIT.ok;
  },
});

function parseDay(text: string): Date {
  const day = parseUtcDay(text);
  if (!day) throw new UsageError(`--since must be a date like 2026-11-30 (got "${text}")`);
  return day;
}
