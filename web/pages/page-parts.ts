// Pieces several pages share: links to a series, figures with their sign, flags.
import { formatGrowth, formatNumber, formatSigned, kindTitle } from '../../reports/format.ts';
import { escapeHtml as esc } from '../../reports/html-parts.ts';
import { seriesPath } from '../../reports/series-path.ts';

/** The series' name linking to its page, its key below (unless that would only repeat the name). */
export function seriesName(subject: { kind: string; key: string; label: string }, options: { withKind?: boolean; flags?: string } = {}): string {
  const kind = options.withKind ? `${esc(kindTitle(subject.kind))} · ` : '';
  const key = kind || subject.key !== subject.label ? `<span class="key">${kind}${esc(subject.key)}</span>` : '';
  return `<a href="${esc(seriesPath('/series', subject.kind, subject.key))}">${esc(subject.label)}</a>${options.flags ?? ''}${key}`;
}

/** A signed change, green when up and red when down. */
export function change(value: number | null): string {
  const tone = value === null || value === 0 ? '' : value > 0 ? ' class="up"' : ' class="down"';
  return `<span${tone}>${formatSigned(value)}</span>`;
}

export function growth(value: number | null): string {
  const tone = value === null || value === 0 ? '' : value > 0 ? ' class="up"' : ' class="down"';
  return `<span${tone}>${formatGrowth(value)}</span>`;
}

export const number = formatNumber;

export function flag(kind: 'stale' | 'reconstructed' | 'spike' | 'missing', text: string, title?: string): string {
  return `<span class="flag ${kind}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</span>`;
}

/** "3 min ago", "5 h ago", "2 days ago"; the exact time is in the element's title. */
export function ago(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  const text =
    seconds < 90 ? `${seconds} s ago` : seconds < 5400 ? `${Math.round(seconds / 60)} min ago` : seconds < 172_800 ? `${Math.round(seconds / 3600)} h ago` : `${Math.round(seconds / 86_400)} days ago`;
  return `<time datetime="${esc(iso)}" title="${esc(iso)}">${text}</time>`;
}
