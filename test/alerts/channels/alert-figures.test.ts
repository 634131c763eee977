import { describe, expect, it } from 'vitest';
import { alertFigures } from '../../../alerts/channels/alert-figures.ts';
import { ALERT } from './alert-fixture.ts';

const figure = (name: string, message = ALERT) => alertFigures(message).find((entry) => entry.name === name)?.text;

describe('alertFigures', () => {
  it('names the metric as people read it, and keeps the series reference as configured', () => {
    const model = { ...ALERT, kind: 'hf_model', key: 'THUDM/chatglm-6b', metric: 'downloads_all_time' };
    expect(figure('Metric', model)).toBe('all-time downloads');
    expect(figure('Series', model)).toBe('hf_model:THUDM/chatglm-6b');
    expect(figure('Metric', { ...ALERT, kind: 'github_repo', metric: 'open_issues' })).toBe('open issues');
    // A metric this version does not know still reads as words.
    expect(figure('Metric', { ...ALERT, kind: null, metric: 'sponsor_count' })).toBe('sponsor count');
  });

  it('reads the time observed in UTC to the minute', () => {
    expect(figure('Observed')).toBe('2026-12-04 06:00 UTC');
  });
});
