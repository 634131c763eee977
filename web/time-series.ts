import type { TimeSeries } from '../reports/charts/time-chart.ts';
import { metricTitle } from '../reports/format.ts';
import type { ComparedSeries } from './compared-series.ts';

/** Stored points as the chart draws them: backfilled days marked, so they are drawn apart from observed ones. */
export function toTimeSeries(series: ComparedSeries[]): TimeSeries[] {
  return series.map((entry) => ({
    label: entry.label,
    points: entry.points.map((point) => ({ t: point.t, value: point.value, backfill: 'origin' in point && point.origin === 'backfill' })),
  }));
}

/** "ollama/ollama vs llama.cpp: stars". */
export function chartTitle(series: Pick<ComparedSeries, 'kind' | 'label' | 'metric'>[]): string {
  const metrics = [...new Set(series.map((entry) => metricTitle(entry.kind, entry.metric)))];
  return `${series.map((entry) => entry.label).join(' vs ')}: ${metrics.join(', ')}`;
}
