import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';
import pg from 'pg';
import type { ProbeResult, ServiceName } from './service-plan.ts';

/**
 * A server on this machine answers in milliseconds, and a refused port fails at once;
 * the limit only bounds an address that swallows packets.
 */
const PROBE_TIMEOUT_MS = 1_500;

/** One connection attempt to `url`, as the tests will make it. */
export function probeService(service: ServiceName, url: string): Promise<ProbeResult> {
  return service === 'postgres' ? probePostgres(url) : probeRedis(url);
}

/** Between probes while a service starts: quick enough that a ready server costs the run little. */
const POLL_INTERVAL_MS = 250;

/** Probes until `url` answers or `timeoutMs` passes (at least once), and returns the last result. */
export async function waitUntilUp(service: ServiceName, url: string, timeoutMs: number): Promise<ProbeResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probeService(service, url);
    if (result.state === 'up' || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Up only if the role may also create databases, as every test file does. */
async function probePostgres(url: string): Promise<ProbeResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // A server shutting down mid-probe closes the socket; that is an answer, not a crash.
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ allowed: boolean }>('SELECT rolcreatedb OR rolsuper AS allowed FROM pg_roles WHERE rolname = current_user');
    return rows[0]?.allowed ? { state: 'up' } : { state: 'rejects', reason: 'the role may not create databases' };
  } catch (error) {
    return classify(error, POSTGRES_STARTING);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * PING over a bare socket (after AUTH when the URL has a password): ioredis would answer
 * the same, but loading it costs this setup, which every test run waits for, 0.2 s.
 */
function probeRedis(url: string): Promise<ProbeResult> {
  const { protocol, hostname, port, username, password } = new URL(url);
  const target = { host: hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(port) || 6379 };
  const tls = protocol === 'rediss:';
  const socket = tls ? connectTls({ ...target, servername: target.host }) : connectTcp(target);
  const auth = password ? [['AUTH', ...(username ? [decodeURIComponent(username)] : []), decodeURIComponent(password)]] : [];
  return new Promise((resolve) => {
    const finish = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish({ state: 'down', reason: `no answer within ${PROBE_TIMEOUT_MS} ms` }));
    socket.on('error', (error) => finish(classify(error, REDIS_STARTING)));
    socket.on('close', () => finish({ state: 'down', reason: 'the connection closed without an answer' }));
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write([...auth, ['PING']].map(encodeCommand).join('')));
    let replies = '';
    socket.on('data', (chunk) => {
      replies += String(chunk);
      // AUTH answers +OK and PING +PONG, or either an error line: -NOAUTH, -WRONGPASS, -LOADING.
      const lines = replies.split('\r\n');
      const refusal = lines.find((line) => line.startsWith('-'));
      if (refusal) finish(classify(new Error(refusal.slice(1)), REDIS_STARTING));
      else if (lines.includes('+PONG')) finish({ state: 'up' });
    });
  });
}

/** A command as Redis's protocol frames it: an array of bulk strings. */
function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** Postgres 57P03 (cannot_connect_now): the server is starting or stopping. */
const POSTGRES_STARTING = /^57P03$/;
/** Redis answers LOADING while it reads its data back after a start. */
const REDIS_STARTING = /^LOADING/;

/**
 * `down` when the network or a server still starting says so (socket errno codes like
 * ECONNREFUSED, a timeout, a closed connection); anything else is a server that answered
 * and refused: a password, a role, a database.
 */
function classify(error: unknown, starting: RegExp): ProbeResult {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const reason = String(message ?? error);
  const socketFailure = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  const closed = /timeout|timed out|terminated|closed/i.test(reason);
  const startingUp = starting.test(typeof code === 'string' ? code : reason);
  return { state: socketFailure || closed || startingUp ? 'down' : 'rejects', reason };
}
