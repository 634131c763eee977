// Every `oss-pulse` command, in the order help lists them. Adding a command means
// declaring it with defineCommand next to its implementation and adding one line here.
import { commandHelp, generalHelp } from '../cli-help.ts';
import { EXIT } from '../cli-context.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import { alertsCli } from './alerts.ts';
import { backfillCli } from './backfill.ts';
import { collectCli } from './collect.ts';
import { type Command, defineCommand } from './define-command.ts';
import { initCli } from './init.ts';
import { migrateCli } from './migrate.ts';
import { notifyCli } from './notify.ts';
import { enqueueCli, scheduleCli } from './queue-commands.ts';
import { reportCli } from './report.ts';
import { serveCli } from './serve.ts';
import { statusCli } from './status.ts';
import { workerCli } from './worker.ts';

/** `help [COMMAND]`: here, not in a file of its own, because it lists the commands. */
const helpCli = defineCommand({
  name: 'help',
  summary: "show this help, or one command's usage and flags",
  flags: {},
  positionals: { synopsis: '[COMMAND]', description: 'a command name; none: every command' },
  async run(context, { positionals }) {
    if (positionals.length > 1) throw new UsageError(`help takes one command (got "${positionals.join(' ')}")`);
    const [name] = positionals;
    context.stdout.write(name === undefined ? generalHelp(COMMANDS) : commandHelp(commandNamed(name)));
    return EXIT.ok;
  },
});

export const COMMANDS: readonly Command[] = [
  initCli,
  migrateCli,
  collectCli,
  backfillCli,
  workerCli,
  scheduleCli,
  enqueueCli,
  reportCli,
  serveCli,
  statusCli,
  alertsCli,
  notifyCli,
  helpCli,
];

/** The command of that name; a UsageError (exit 2) pointing at the help when there is none. */
export function commandNamed(name: string): Command {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"; see oss-pulse --help`);
  return command;
}
