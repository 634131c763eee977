import { escapeHtml } from '../../reports/html-parts.ts';
import { dashboardLink, headlineOf, isDigest, type AlertMessage, type DigestMessage } from './alert-message.ts';
import { alertFigures } from './alert-figures.ts';

/** The parts of an e-mail, before any transport: pure, so the content is testable without a server. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a message sent twice (a retry after a timeout) threads and deduplicates as one. */
  messageId: string;
  headers: Record<string, string>;
}

export const SUBJECT_PREFIX = '[OSS Pulse]';

/** Subjects past this are cut: mail clients show far less, and a label should not fill a header. */
const SUBJECT_MAX = 200;

const LINK_LABEL = 'Open in OSS Pulse';

/**
 * An alert as a text part (sentence, figures, link) and a small HTML part with every
 * string escaped; a digest as its Markdown (text) and its HTML report, which its
 * renderer already escaped. `domain` ends the Message-ID (the sender's domain).
 */
export function emailContent(message: AlertMessage | DigestMessage, domain: string): EmailContent {
  const subject = cut(oneLine(`${SUBJECT_PREFIX} ${headlineOf(message)}`), SUBJECT_MAX);
  const link = dashboardLink(message);
  // Auto-Submitted (RFC 3834) keeps vacation responders from answering a robot.
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (isDigest(message)) {
    const text = link ? `${message.markdown.trimEnd()}\n\n${LINK_LABEL}: ${link.href}\n` : message.markdown;
    return { subject, text, html: message.html, messageId: `<digest.${idPart(message.week)}@${domain}>`, headers };
  }
  headers['X-OSS-Pulse-Event'] = message.id;
  return { subject, text: alertText(message, link), html: alertHtml(message, link), messageId: `<alert.${idPart(message.id)}@${domain}>`, headers };
}

function alertText(message: AlertMessage, link: URL | undefined): string {
  const figures = alertFigures(message);
  const width = Math.max(0, ...figures.map(({ name }) => name.length)) + 2;
  return [
    oneLine(message.message),
    '',
    ...figures.map(({ name, text }) => `${`${name}:`.padEnd(width)}${oneLine(text)}`),
    ...(link ? ['', `${LINK_LABEL}: ${link.href}`] : []),
    '',
    `-- OSS Pulse, event ${message.id}`,
    '',
  ].join('\n');
}

function alertHtml(message: AlertMessage, link: URL | undefined): string {
  const rows = alertFigures(message).map(
    ({ name, text }) => `<tr><th style="text-align:left;padding:2px 16px 2px 0;font-weight:600">${escapeHtml(name)}</th><td>${escapeHtml(text)}</td></tr>`,
  );
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font:14px/1.45 system-ui,-apple-system,\'Segoe UI\',Roboto,Arial,sans-serif;color:#1f2933">',
    `<p>${escapeHtml(message.message)}</p>`,
    `<table style="border-collapse:collapse">${rows.join('')}</table>`,
    ...(link ? [`<p><a href="${escapeHtml(link.href)}">${LINK_LABEL}</a></p>`] : []),
    `<p style="color:#7b8794;font-size:12px">OSS Pulse, event ${escapeHtml(message.id)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** A header or text line from a string we did not write: no line breaks, so no header injection. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Only the characters a Message-ID's left part allows without quoting. */
function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_') || 'event';
}
