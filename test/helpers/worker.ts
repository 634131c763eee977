import { Writable } from 'node:stream';
import { workerCommand } from '../../cli/commands/worker.ts';
import { readEnv } from '../../runtime/read-env.ts';
import type { Config } from '../../config/config.ts';
import { createLogger } from '../../runtime/logger.ts';

export interface InProcessWorker {
  logs: () => string;
  /** Sends the stop request (as SIGTERM would) and resolves with the exit status. */
  stop(): Promise<number>;
}

/** Runs `oss-pulse worker` in this process, stopped by `stop()` instead of a signal. */
export function startInProcessWorker(
  env: NodeJS.ProcessEnv,
  config: Config,
  options: { schedule?: boolean; cwd?: string } = {},
): InProcessWorker {
  let logText = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  let requestStop: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => {
    requestStop = resolve;
  });
  const exit = workerCommand(
    {
      env,
      settings: readEnv(env),
      cwd: options.cwd ?? process.cwd(),
      stdout: sink,
      stderr: sink,
      logger: createLogger({ level: 'debug', pretty: false, destination: sink }),
      secondMs: 1,
      searchIntervalMs: 0,
      retry: { baseDelayMs: 1 },
    },
    config,
    { schedule: options.schedule ?? false, concurrency: 1, stopSignal },
  );
  return {
    logs: () => logText,
    stop: async () => {
      requestStop('SIGTERM');
      return exit;
    },
  };
}
