// Answers the real services gave, kept as data under test/fixtures/recorded/ and
// replayed over HTTP, so the real clients parse exactly what the real APIs sent.
//
// A fixture file is JSON:
//   {
//     "source": "where it came from: repository, path and commit (or the documented example)",
//     "request": { "method": "GET", "path": "/repos/o/r", "query": "expand=likes" },
//     "response": { "status": 200, "headers": { "content-type": "..." }, "body": <JSON value or text> }
//   }
// `request.query` is optional: without it any query string matches.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedAnswer {
  source: string;
  request: { method: string; path: string; query?: string };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

const FIXTURES = new URL('../fixtures/recorded/', import.meta.url);

/** Reads `test/fixtures/recorded/<file>` (e.g. `github/get-repository.json`). */
export async function readRecorded(file: string): Promise<RecordedAnswer> {
  const answer = JSON.parse(await readFile(new URL(file, FIXTURES), 'utf8')) as RecordedAnswer;
  if (!answer.source || !answer.request?.path || !answer.response?.status) {
    throw new Error(`recorded answer ${file} lacks source, request.path or response.status`);
  }
  return answer;
}

export interface ReplayServer {
  url: string;
  /** Every request received: method, path and query string as sent. */
  requests: { method: string; path: string; query: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

/**
 * Serves recorded answers on 127.0.0.1: a request gets the first answer recorded for
 * its method and path (and query, when the fixture names one); anything else is a
 * 599 naming the request, so a client asking the wrong thing fails loudly.
 */
export async function serveRecorded(answers: RecordedAnswer[]): Promise<ReplayServer> {
  const requests: ReplayServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.invalid');
    const query = url.search.replace(/^\?/, '');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers });
    const answer = answers.find(
      ({ request }) =>
        request.method === req.method && request.path === url.pathname && (request.query === undefined || request.query === query),
    );
    if (!answer) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`no recorded answer for ${req.method} ${url.pathname}?${query}`);
      return;
    }
    const { status, headers, body } = answer.response;
    const text = typeof body === 'string' ? body : body === null || body === undefined ? '' : JSON.stringify(body);
    // Recorded lengths and encodings described the original bytes, not these.
    const sent = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(name.toLowerCase())),
    );
    res.writeHead(status, sent);
    res.end(status === 304 ? undefined : text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
