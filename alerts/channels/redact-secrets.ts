/**
 * Secrets shorter than this are not searched for: they would blank out ordinary words
 * of a message, and a string that short guards nothing anyway.
 */
const MIN_SECRET_LENGTH = 4;

/** Longest receiver answer quoted in an error: enough for Slack's `channel_is_archived` or a short JSON error. */
const SNIPPET_LENGTH = 200;

/**
 * The parts of a URL that may be credentials: the URL itself, its user name and password,
 * its path with the query, and each path segment and query value on its own (a Slack
 * webhook's token is its path, another receiver's may be `?token=`), raw and decoded.
 */
export function urlSecrets(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const parsed = new URL(url);
  const pieces = [url, parsed.href, parsed.username, parsed.password, `${parsed.pathname}${parsed.search}`];
  pieces.push(...parsed.pathname.split('/'), ...[...parsed.searchParams.values()]);
  return pieces.flatMap((piece) => [piece, decodeUrlPart(piece)]);
}

/** `text` with every secret replaced by `[redacted]`; longer secrets first, so a part never leaves the rest of a longer one behind. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const searched = [...new Set(secrets)].filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH);
  searched.sort((a, b) => b.length - a.length);
  return searched.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

/** A receiver's answer made fit for one line of an error message: control characters gone, whitespace collapsed, cut short. */
export function snippet(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET_LENGTH ? `${line.slice(0, SNIPPET_LENGTH)}…` : line;
}

/** A percent-encoded URL part decoded, or as it is when it does not decode. */
export function decodeUrlPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
