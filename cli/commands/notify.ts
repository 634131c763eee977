import { hostname } from 'node:os';
import { type AlertMessage, messageAboutNoSeries } from '../../alerts/channels/alert-message.ts';
import { DeliveryError } from '../../alerts/channels/delivery-error.ts';
import { sendToChannel } from '../../alerts/send-to-channel.ts';
import { UsageError } from '../../runtime/usage-error.ts';
import { EXIT } from '../cli-context.ts';
import { defineCommand } from './define-command.ts';
import { requireChannelEnvironment } from './require-channels.ts';

export const notifyCli = defineCommand({
  name: 'notify',
  summary: 'send a test message to the alert channels, or to one',
  description: 'notify test sends a test message to every channel of the config, or to the one named, once each (no retries, nothing recorded), and prints what each answered; exit 1 when one failed.',
  flags: {},
  positionals: { synopsis: 'test [CHANNEL]', description: 'a channel name of the config; none: every channel' },
  async run(context, { positionals, readConfig }) {
    const [action, name, ...rest] = positionals;
    if (action !== 'test' || rest.length > 0) throw new UsageError('usage: oss-pulse notify test [CHANNEL]');
    const config = await readConfig();
    if (config.channels.length === 0) throw new UsageError('the configuration declares no channels (channels: in oss-pulse.yaml)');
    const channels = name === undefined ? config.channels : config.channels.filter((channel) => channel.name === name);
    if (channels.length === 0) throw new UsageError(`no channel named "${name}"; channels: ${config.channels.map((channel) => channel.name).join(', ')}`);
    requireChannelEnvironment({ ...config, channels }, context.env);
    const now = (context.now ?? (() => new Date()))();
    let failed = 0;
    for (const channel of channels) {
      try {
        await sendToChannel(channel, testMessage(channel.name, now), { env: context.env, fetch: context.fetch ?? globalThis.fetch });
        context.stdout.write(`${channel.name} (${channel.type}): delivered\n`);
      } catch (error) {
        failed++;
        const words = error instanceof DeliveryError ? `${error.kind === 'retry' ? 'failed, worth retrying' : 'refused'}: ${error.message}` : `failed: ${(error as Error).name}`;
        context.stdout.write(`${channel.name} (${channel.type}): ${words}\n`);
      }
    }
    return failed > 0 ? EXIT.someFailed : EXIT.ok;
  },
});

function testMessage(channel: string, now: Date): AlertMessage {
  return messageAboutNoSeries({
    id: `test-${now.getTime()}`,
    rule: 'test',
    observed_at: now.toISOString(),
    title: 'OSS Pulse test message',
    message: `A test message from OSS Pulse on ${hostname()} to the channel "${channel}": alerts will arrive here.`,
  });
}
