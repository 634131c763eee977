// Small pieces shared by the fake upstreams: the request as handlers see it,
// the reply they return (a value, so faults can rewrite it before it is written),
// and builders for JSON and text replies.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type UpstreamName = 'github' | 'huggingface' | 'modelscope' | 'npm' | 'pypistats' | 'pypi' | 'dockerhub' | 'crates';

/** A request after its body has been read, as every handler receives it. */
export interface FakeRequest {
  method: string;
  /** Path without the query string, e.g. `/repos/octocat/hello`. */
  path: string;
  /** The full URL, with the query string, as the server received it. */
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** The credential of `Authorization: token X` or `Authorization: Bearer X`. */
  token?: string;
  /** Remote address, IPv4 form: anonymous budgets are kept per IP like on the real hosts. */
  ip: string;
}

/** What a handler answers; written to the socket by `upstream-server.ts`. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Omitted for 304 and similar answers without a body. */
  body?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function textReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

/** A caller-supplied fault body: JSON when it parses as JSON, plain text otherwise. */
export function rawReply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return looksLikeJson(body) ? { status, headers: { 'content-type': JSON_TYPE, ...headers }, body } : textReply(status, body, headers);
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Node joins repeated headers itself except `set-cookie`; flatten that one too. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Octokit sends `token X` for personal tokens, other clients `Bearer X`. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** Query parameters as a plain object: a repeated name gives an array, like `expand`. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

export function hashHex(text: string, algorithm: 'sha1' | 'sha256' = 'sha256'): string {
  return createHash(algorithm).update(text).digest('hex');
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Epoch milliseconds to whole epoch seconds, rounded up so a client never wakes early. */
export function toEpochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** Percent-decodes a path piece; a malformed escape is kept as sent rather than crashing. */
export function decodePath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
