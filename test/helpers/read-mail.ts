// Just enough MIME to check what an SMTP receiver got: headers (unfolded, encoded words
// decoded), and the decoded text and HTML parts of a flat or nested multipart message.
// Not a parser for mail in general; mailparser is not a dependency.

export interface ReadMail {
  /** Lower-cased names; the raw value of the top-level headers, unfolded. */
  headers: Record<string, string>;
  /** The Subject, its encoded words decoded. */
  subject: string;
  text?: string;
  html?: string;
  /** Content types of every leaf part, in order. */
  parts: string[];
}

export function readMail(raw: string): ReadMail {
  const top = splitEntity(raw);
  const read: ReadMail = { headers: top.headers, subject: decodeWords(top.headers.subject ?? ''), parts: [] };
  const visit = (entity: Entity) => {
    const type = entity.headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      // The CRLF before a delimiter belongs to the delimiter (RFC 2046), not to the part.
      for (const part of `\r\n${entity.body}`.split(`\r\n--${boundary}`).slice(1, -1)) visit(splitEntity(part.replace(/^[ \t]*\r\n/, '')));
      return;
    }
    read.parts.push(type.split(';')[0]?.trim() ?? type);
    const body = decodeBody(entity.body, entity.headers['content-transfer-encoding'] ?? '7bit');
    if (/^text\/plain/i.test(type)) read.text ??= body;
    if (/^text\/html/i.test(type)) read.html ??= body;
  };
  visit(top);
  return read;
}

interface Entity {
  headers: Record<string, string>;
  body: string;
}

function splitEntity(text: string): Entity {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end === -1 ? '' : text.slice(end + 4) };
}

function decodeBody(body: string, encoding: string): string {
  if (/^base64$/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/^quoted-printable$/i.test(encoding)) return decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}$/i.exec(text.slice(i + 1, i + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); whitespace between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_match, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
