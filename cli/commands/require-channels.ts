import type { Config } from '../../config/config.ts';
import { checkChannelEnvironment } from '../../config/channel-environment.ts';
import { UsageError } from '../../runtime/usage-error.ts';

/**
 * Commands that may deliver alerts refuse to start while a channel's variable is unset
 * or unusable (exit 2, naming each): a channel silently skipped is an alert lost.
 */
export function requireChannelEnvironment(config: Config, env: NodeJS.ProcessEnv): void {
  const problems = checkChannelEnvironment(config.channels, env);
  if (problems.length === 1) throw new UsageError(problems[0] ?? '');
  if (problems.length > 1) throw new UsageError(`${problems.length} alert channels cannot be used:\n  ${problems.join('\n  ')}`);
}
