import { formatNumber, formatSigned, formatUtcMinute, metricTitle } from '../../reports/format.ts';
import type { AlertMessage } from './alert-message.ts';

/** One named figure of an alert, shown as a Slack field, an e-mail table row, a text line. Raw text: each target escapes it. */
export interface Figure {
  name: string;
  text: string;
}

/** The figures of an alert that it has, in reading order; the same in every channel. */
export function alertFigures(message: AlertMessage): Figure[] {
  const series = message.kind !== null && message.key !== null ? `${message.kind}:${message.key}` : (message.key ?? message.kind);
  const candidates: [string, string | null][] = [
    ['Series', series],
    // As people read it ("all-time downloads"); the Series line and the webhook's JSON keep the names.
    ['Metric', message.metric === null ? null : metricTitle(message.kind ?? '', message.metric)],
    ['Value', message.value === null ? null : formatNumber(message.value)],
    ['Previous', message.previous_value === null ? null : formatNumber(message.previous_value)],
    ['Change', message.delta === null ? null : formatSigned(message.delta)],
    ['Week', message.week],
    ['Observed', message.observed_at === null ? null : formatUtcMinute(message.observed_at)],
    ['Rule', message.rule],
  ];
  return candidates.flatMap(([name, text]) => (text === null || text === '' ? [] : [{ name, text }]));
}

