import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/oss-pulse.js', import.meta.url));

/** One JSON log line of the child (pino: `level`, `msg` and the bound fields). */
export type LogLine = { msg?: string; level?: number | string } & Record<string, unknown>;

export interface SpawnedCli {
  process: ChildProcessByStdio<null, Readable, Readable>;
  /** Log lines parsed from stderr so far; a line that is not JSON is kept as `{ msg: line }`. */
  logs: LogLine[];
  /** Resolves to the first log line with this `msg`; rejects at the deadline or when the process exits first. */
  waitForLog(msg: string, timeoutMs?: number): Promise<LogLine>;
  /** The exit code once the process and its pipes have closed; null when a signal ended it. */
  exit: Promise<number | null>;
  /** `exit`, but rejects if the process is still running after `timeoutMs`. */
  exitWithin(timeoutMs: number): Promise<number | null>;
  /** The last log lines as text, to explain a failure. */
  tail(lines?: number): string;
}

const running = new Set<SpawnedCli>();
// Should the test runner itself die, no worker is left running forever.
process.once('exit', () => {
  for (const cli of running) cli.process.kill('SIGKILL');
});

/**
 * Runs `oss-pulse ARGS` as a real child process (`node bin/oss-pulse.js`), the way a user or compose starts it;
 * `options.bin` starts another checkout's (the bench's baseline).
 */
export function spawnCli(args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; bin?: string }): SpawnedCli {
  const child = spawn(process.execPath, [options.bin ?? bin, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  let partial = '';
  let closed = false;
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') logs.push(parseLine(line));
    notify();
  });
  const exit = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      closed = true;
      running.delete(cli);
      if (partial.trim() !== '') logs.push(parseLine(partial));
      notify();
      resolve(code);
    });
  });
  const tail = (count = 15) => logs.slice(-count).map((line) => JSON.stringify(line)).join('\n');

  const waitUntil = <T>(what: string, check: () => T | undefined, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const settle = (done: () => void) => {
        clearTimeout(timer);
        listeners.delete(listener);
        done();
      };
      const listener = () => {
        const value = check();
        if (value !== undefined) settle(() => resolve(value));
        else if (closed) settle(() => reject(new Error(`oss-pulse ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before ${what}; last logs:\n${tail()}`)));
      };
      const timer = setTimeout(() => settle(() => reject(new Error(`no ${what} within ${timeoutMs} ms; last logs:\n${tail()}`))), timeoutMs);
      listeners.add(listener);
      listener();
    });

  const cli: SpawnedCli = {
    process: child,
    logs,
    waitForLog: (msg, timeoutMs = 20_000) => waitUntil(`log "${msg}"`, () => logs.find((line) => line.msg === msg), timeoutMs),
    exit,
    exitWithin: (timeoutMs) => waitUntil('exit', () => (closed ? { code: child.exitCode } : undefined), timeoutMs).then(({ code }) => code),
    tail,
  };
  running.add(cli);
  return cli;
}

/** SIGKILLs every child still running and waits for them: for afterEach, so a failed test leaves none behind. */
export async function killAllSpawned(): Promise<void> {
  await Promise.all(
    [...running].map((cli) => {
      cli.process.kill('SIGKILL');
      return cli.exit;
    }),
  );
}

function parseLine(line: string): LogLine {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') return parsed as LogLine;
  } catch {
    // not JSON: a crash trace or a message of the Node runtime
  }
  return { msg: line };
}
