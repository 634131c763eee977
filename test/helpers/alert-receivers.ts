// Local stand-ins for the places alerts are delivered to, for tests: an HTTP receiver
// (a Slack incoming webhook, a generic webhook endpoint) and an SMTP server. Both record
// what reached them and answer what the test programs, including faults: an error
// status, a rate limit, a redirect, an answer that never comes, an SMTP refusal.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAuthenticationResponse } from 'smtp-server';

// ---- HTTP

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The raw body, as the bytes arrived (decoded as UTF-8): what a signature is checked against. */
  body: string;
}

/** An answer to one request; `hang` never answers (the connection ends when the receiver closes). */
export type HttpAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface HttpReceiver {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  url: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once they are used up, `200 ok`. */
  answer(...answers: HttpAnswer[]): void;
  close(): Promise<void>;
}

const OK: HttpAnswer = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const queued: HttpAnswer[] = [];
  const server = createServer((req, res) => {
    readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: flatHeaders(req), body });
      const answer = queued.shift() ?? OK;
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    }, (error: unknown) => res.destroy(error instanceof Error ? error : undefined));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => queued.push(...answers),
    close: () => closeHttp(server),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closeHttp(server: Server): Promise<void> {
  // Hanging answers and keep-alive sockets would hold close() open.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

// ---- SMTP

/** Where in the session a fault strikes: before the greeting, at login, or at a command. */
export type SmtpStage = 'CONNECT' | 'AUTH' | 'MAIL' | 'RCPT' | 'DATA';

/** A refusal with this reply code and text, or `hang`: no reply at all. */
export type SmtpFault = { code: number; message: string } | 'hang';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent after DATA, CRLF line ends. */
  raw: string;
  /** Who logged in for it. */
  user?: string;
}

export interface SmtpReceiver {
  port: number;
  /** `smtp://user:password@127.0.0.1:<port>` with the receiver's own credentials unless others are given. */
  url(credentials?: { user: string; password: string }): string;
  mails: ReceivedMail[];
  /** Logins tried, accepted or not. */
  logins: { user: string; password: string }[];
  /** A fault for the next time the session reaches `stage` (each RCPT is one time). */
  fail(stage: SmtpStage, fault: SmtpFault): void;
  close(): Promise<void>;
}

/**
 * A plain-text SMTP server (no STARTTLS, login allowed without TLS: loopback only) that
 * accepts `user`/`password` and records every message.
 */
export async function startSmtpReceiver(credentials: { user: string; password: string }): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const logins: { user: string; password: string }[] = [];
  const faults = new Map<SmtpStage, SmtpFault[]>();
  const hung: (() => void)[] = [];
  /** Calls `done` with the next fault for `stage`, or with no error; a hang never calls it. */
  const play = (stage: SmtpStage, done: (error?: Error) => void) => {
    const fault = faults.get(stage)?.shift();
    if (fault === undefined) return done();
    if (fault === 'hang') return void hung.push(() => done(refusal({ code: 421, message: 'closing' })));
    done(refusal(fault));
  };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onConnect: (_session, callback) => play('CONNECT', callback),
    onAuth: (auth, _session, callback: (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void) => {
      const user = auth.username ?? '';
      const password = auth.password ?? '';
      logins.push({ user, password });
      play('AUTH', (error) => {
        if (error) return callback(error);
        if (user !== credentials.user || password !== credentials.password) return callback(refusal({ code: 535, message: 'Authentication failed' }));
        callback(null, { user });
      });
    },
    onMailFrom: (_address, _session, callback) => play('MAIL', callback),
    onRcptTo: (_address, _session, callback) => play('RCPT', callback),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        play('DATA', (error) => {
          if (error) return callback(error);
          const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
          mails.push({ from, to: session.envelope.rcptTo.map(({ address }) => address), raw: Buffer.concat(chunks).toString('utf8'), user: typeof session.user === 'string' ? session.user : undefined });
          callback();
        }),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: ({ user, password } = credentials) => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    mails,
    logins,
    fail: (stage, fault) => faults.set(stage, [...(faults.get(stage) ?? []), fault]),
    close: async () => {
      hung.splice(0).forEach((release) => release());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refusal(fault: { code: number; message: string }): Error {
  return Object.assign(new Error(fault.message), { responseCode: fault.code });
}

// ---- TCP

/** A server that accepts connections and never says a word: an SMTP server stuck before its greeting. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
