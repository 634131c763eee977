import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** @defaultValue 'info' (`LOG_LEVEL`) */
  level?: string;
  /**
   * Values that must never be written (tokens): replaced wherever they appear. Read at
   * every line, so secrets known later (the alert channels' variables, once the config
   * is read) can be added to the same array.
   */
  secrets?: readonly string[];
  /** Human-readable lines instead of JSON. @defaultValue whether stderr is a terminal */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

/** Logs go to stderr (stdout carries only command output): JSON lines, or readable lines on a terminal. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const secrets = options.secrets;
  const usePretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const stream = usePretty ? pretty({ destination, colorize: true, sync: true }) : destination;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: { paths: ['token', 'tokens', '*.token', 'authorization', '*.authorization', 'headers.authorization'], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    secrets ? scrubbingStream(stream, (text) => secretScrubber(secrets)(text)) : stream,
  );
}

/** Replaces every occurrence of the given secrets (tokens) with `[redacted]`. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const real = secrets.filter((secret) => secret.length >= 4);
  return (text) => real.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** Last line of defence: a token quoted inside an upstream's error message never reaches the log. */
function scrubbingStream(stream: NodeJS.WritableStream, scrub: (text: string) => string): NodeJS.WritableStream {
  return { write: (chunk: string) => stream.write(scrub(chunk)) } as NodeJS.WritableStream;
}
