import { describe, expect, it } from 'vitest';
import { kindSpec, SUBJECT_KINDS } from '../../jobs/sources/registry.ts';
import { formatCompact, formatGrowth, formatUtcMinute, metricTitle } from '../../reports/format.ts';

describe('formatCompact', () => {
  it('keeps three significant digits with a unit letter', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(1_234_567)).toBe('1.23M');
    expect(formatCompact(123_456)).toBe('123k');
    expect(formatCompact(4_560_000_000)).toBe('4.56B');
    expect(formatCompact(7_100_000_000_000)).toBe('7.1T');
  });

  it('drops trailing zeros and carries rounding into the next unit', () => {
    expect(formatCompact(1_000)).toBe('1k');
    expect(formatCompact(1_200)).toBe('1.2k');
    expect(formatCompact(999.6)).toBe('1k');
    expect(formatCompact(999_999)).toBe('1M');
    expect(formatCompact(999_499)).toBe('999k');
  });

  it('handles zero, fractions and negatives', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(-0)).toBe('0');
    expect(formatCompact(12.345)).toBe('12.3');
    expect(formatCompact(0.05)).toBe('0.05');
    expect(formatCompact(-1_500)).toBe('-1.5k');
    expect(formatCompact(NaN)).toBe('NaN');
  });
});

describe('formatGrowth: one rule for every report format and the dashboard', () => {
  it('keeps two significant digits, and every digit of the whole percent', () => {
    expect(formatGrowth(0.09)).toBe('+0.09%');
    expect(formatGrowth(0.44)).toBe('+0.44%');
    expect(formatGrowth(0.5)).toBe('+0.5%');
    expect(formatGrowth(4.35)).toBe('+4.4%');
    expect(formatGrowth(-1.23)).toBe('-1.2%');
    expect(formatGrowth(62.75)).toBe('+63%');
    expect(formatGrowth(1_234.56)).toBe('+1,235%');
  });

  it('never shows a change of a hundredth as none, drops trailing zeros, and carries rounding', () => {
    expect(formatGrowth(0.01)).toBe('+0.01%');
    expect(formatGrowth(-0.01)).toBe('-0.01%');
    expect(formatGrowth(2)).toBe('+2%');
    expect(formatGrowth(9.96)).toBe('+10%');
    expect(formatGrowth(0.995)).toBe('+1%');
  });

  it('shows no change as 0% and no figure as –', () => {
    expect(formatGrowth(0)).toBe('0%');
    expect(formatGrowth(-0)).toBe('0%');
    expect(formatGrowth(null)).toBe('–');
  });
});

describe('formatUtcMinute', () => {
  it('reads an ISO time in UTC to the minute', () => {
    expect(formatUtcMinute('2026-11-30T06:00:00.000Z')).toBe('2026-11-30 06:00 UTC');
    expect(formatUtcMinute('2026-12-04T23:59:59Z')).toBe('2026-12-04 23:59 UTC');
    expect(formatUtcMinute('2026-12-04T06:07+00:00')).toBe('2026-12-04 06:07 UTC');
  });

  it('leaves what it cannot read as UTC as it is, rather than mislabel it', () => {
    expect(formatUtcMinute('2026-12-04T06:00:00+02:00')).toBe('2026-12-04T06:00:00+02:00');
    expect(formatUtcMinute('soon')).toBe('soon');
  });
});

describe('metricTitle', () => {
  it('gives every metric of every kind a title of its own, declared by its source', () => {
    for (const kind of SUBJECT_KINDS) {
      const { metrics } = kindSpec(kind);
      for (const metric of metrics) expect(metric.title, `${kind}@${metric.name}`).toMatch(/^[a-z][a-z0-9 ()-]*$/);
      // Two metrics of a kind that read alike would make a table ambiguous.
      expect(new Set(metrics.map((metric) => metricTitle(kind, metric.name))).size, kind).toBe(metrics.length);
    }
  });

  it('reads as people say it', () => {
    expect(metricTitle('hf_model', 'downloads_all_time')).toBe('all-time downloads');
    expect(metricTitle('hf_model', 'downloads_30d')).toBe('downloads (30 days)');
    expect(metricTitle('github_repo', 'open_issues')).toBe('open issues');
    expect(metricTitle('github_repo', 'release_downloads')).toBe('release downloads');
    expect(metricTitle('crate', 'downloads_90d')).toBe('downloads (90 days)');
    expect(metricTitle('pypi_package', 'downloads_1d')).toBe('downloads (1 day)');
  });

  it("shows a metric or kind this version does not know (an older database's) as its name, spaced", () => {
    expect(metricTitle('github_repo', 'sponsor_count')).toBe('sponsor count');
    expect(metricTitle('gitlab_repo', 'downloads_all_time')).toBe('downloads all time');
  });
});
