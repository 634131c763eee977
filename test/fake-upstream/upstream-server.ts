// One `node:http` server per upstream, each on its own port, so that relative
// redirects (the Hub's `Location: /api/models/...`) resolve as on the real hosts.
// The server reads the request, logs it, plays an injected fault if one matches,
// and otherwise lets the upstream's handler answer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommonFault, FaultQueue } from './faults.ts';
import {
  bearerToken,
  flattenHeaders,
  queryObject,
  type FakeRequest,
  type Reply,
  type UpstreamName,
} from './http-helpers.ts';

/** One request as the fake saw it, for assertions. */
export interface RecordedRequest {
  upstream: UpstreamName;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query string, as sent. */
  url: string;
  /** Query parameters; a repeated name (`expand`) gives an array. */
  query: Record<string, string | string[]>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
  /** Credential from the `Authorization` header, so tests can check how a token pool is used. */
  token?: string;
  /** Status answered; undefined while the answer is pending or when the socket was reset. */
  status?: number;
  /** Kind of the injected fault this request met, if any. */
  fault?: string;
  /** The limit the upstream enforced to refuse this request, if it did (GitHub's secondary limits). */
  refusedBy?: string;
  /** The fake clock when the request arrived (epoch ms). */
  at: number;
}

/** Faults the server plays itself, whatever the upstream. */
type TransportFault = Extract<CommonFault, { kind: 'delay' | 'truncated-json' | 'reset' }>;

/** A request's fate on arrival: refused at once, or let in and told when it has been answered. */
export type Arrival = { refused: Reply; rule: string } | { answered(): void };

export interface UpstreamHandler<F> {
  /**
   * Asked as a request arrives, before faults and delays, for limits that depend on
   * what is in flight and how long answers take (GitHub's secondary limits).
   */
  arrive?(request: FakeRequest): Arrival;
  handle(request: FakeRequest): Reply | Promise<Reply>;
  /** Answers the faults that are answers (error statuses, rate limits) in the upstream's dialect. */
  replyToFault(fault: Exclude<F, TransportFault>, request: FakeRequest): Reply;
}

export interface ServerOptions<F> {
  name: UpstreamName;
  handler: UpstreamHandler<F>;
  faults: FaultQueue<F>;
  log: RecordedRequest[];
  now: () => number;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startUpstreamServer<F extends { kind: string }>(options: ServerOptions<F>): Promise<RunningServer> {
  // Aborted on close() so delayed answers do not keep the process (or close) waiting.
  const closing = new AbortController();
  const server = createServer((req, res) => {
    serve(options, req, res, closing.signal).catch((error: unknown) => {
      // A bug in the fake must surface in the test, not hang the client.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`fake upstream ${options.name} crashed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of fetch/undici and requests held by `delay` would
        // otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

async function serve<F extends { kind: string }>(
  options: ServerOptions<F>,
  req: IncomingMessage,
  res: ServerResponse,
  closing: AbortSignal,
): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const headers = flattenHeaders(req.headers);
  const token = bearerToken(headers.authorization);
  const request: FakeRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    url,
    headers,
    body,
    ip: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    ...(token !== undefined && { token }),
  };
  const record: RecordedRequest = {
    upstream: options.name,
    method: request.method,
    path: url.pathname,
    url: url.pathname + url.search,
    query: queryObject(url.searchParams),
    headers,
    body,
    at: options.now(),
    ...(token !== undefined && { token }),
  };
  options.log.push(record);

  const arrival = options.handler.arrive?.(request);
  if (arrival && 'refused' in arrival) {
    record.refusedBy = arrival.rule;
    write(res, record, arrival.refused);
    return;
  }
  try {
    await answer(options, req, res, { request, record, closing });
  } finally {
    arrival?.answered();
  }
}

/** The answer of a request let in: a fault if one matches, else the upstream's own. */
async function answer<F extends { kind: string }>(
  options: ServerOptions<F>,
  req: IncomingMessage,
  res: ServerResponse,
  { request, record, closing }: { request: FakeRequest; record: RecordedRequest; closing: AbortSignal },
): Promise<void> {
  const fault = options.faults.take(request.method, request.path, record.url);
  if (fault) record.fault = fault.kind;
  if (fault && isTransportFault(fault)) {
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'delay') {
      try {
        await sleep(fault.ms, undefined, { signal: closing });
      } catch {
        return; // the server is closing; its sockets are being destroyed
      }
    }
  }
  let reply =
    fault && !isTransportFault(fault)
      ? options.handler.replyToFault(fault as Exclude<F, TransportFault>, request) // narrowed by the guard above
      : await options.handler.handle(request);
  if (fault?.kind === 'truncated-json') reply = truncate(reply);
  write(res, record, reply);
}

function write(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
  record.status = reply.status;
  const bodyBuffer = reply.body === undefined ? undefined : Buffer.from(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    ...(bodyBuffer && { 'content-length': String(bodyBuffer.length) }),
  });
  res.end(bodyBuffer);
}

function isTransportFault(fault: { kind: string }): fault is TransportFault {
  return fault.kind === 'delay' || fault.kind === 'truncated-json' || fault.kind === 'reset';
}

/** What a proxy that lost the rest of the body sends: a complete 200 whose JSON stops halfway. */
function truncate(reply: Reply): Reply {
  const body = reply.body && reply.body.length > 1 ? reply.body : '{"message":"';
  return {
    status: 200,
    headers: { ...reply.headers, 'content-type': 'application/json; charset=utf-8' },
    body: body.slice(0, Math.ceil(body.length / 2)),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
