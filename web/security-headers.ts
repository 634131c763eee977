/**
 * Sent with every answer unless a route sets its own. The policy names no external
 * source: pages use only their own stylesheet, script and images, so a hostile label
 * that slipped past escaping could still load nothing and run nothing.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** SVG embeds are images on other sites: their inline presentation only, nothing fetched. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
