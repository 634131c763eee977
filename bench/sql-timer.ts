// Times every statement the product sends through node-postgres while a recording is
// on, whatever module sends it: the report's queries are measured as the code stands,
// without the bench naming them (they change as the report is tuned).
import pg from 'pg';

export interface TimedStatement {
  /** `FROM <first relation>` of the statement, or its first word (BEGIN, SET, COMMIT). */
  label: string;
  ms: number;
}

let recording: TimedStatement[] | undefined;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: (...args: unknown[]) => unknown }).query = function timedQuery(this: unknown, ...args: unknown[]) {
    const log = recording;
    const started = performance.now();
    const result = original.apply(this, args);
    if (log && result instanceof Promise) {
      const done = () => void log.push({ label: labelOf(args[0]), ms: performance.now() - started });
      result.then(done, done);
    }
    return result;
  };
}

/** Runs `work`, returning the statements it sent with their times (send to last row received). */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: TimedStatement[] }> {
  install();
  const statements: TimedStatement[] = [];
  recording = statements;
  try {
    return { result: await work(), statements };
  } finally {
    recording = undefined;
  }
}

function labelOf(query: unknown): string {
  const text = typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? '');
  const from = /\bfrom\s+("?[a-z_][a-z0-9_]*"?)/i.exec(text);
  return from?.[1] ? `FROM ${from[1].replaceAll('"', '')}` : (text.trim().split(/\s+/)[0] ?? '?').toUpperCase();
}
