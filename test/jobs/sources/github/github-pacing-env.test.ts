import { describe, expect, it } from 'vitest';
import { githubPacingCeilings, GITHUB_PACING_VARIABLES, pacingDefault } from '../../../../jobs/sources/github/github-pacing-env.ts';

describe('the pacing ceilings from the environment', () => {
  it('are read per variable, seconds kept as milliseconds; unset or empty ones keep their defaults', () => {
    expect(githubPacingCeilings({ OSS_PULSE_GITHUB_IN_FLIGHT: '10', OSS_PULSE_GRAPHQL_SECONDS: '12.5', OSS_PULSE_REST_POINTS: '' })).toEqual({
      maxConcurrent: 10,
      graphqlResponseMs: 12_500,
    });
    expect(githubPacingCeilings({})).toEqual({});
  });

  it('show their defaults in the unit of the variable', () => {
    expect(GITHUB_PACING_VARIABLES.map(({ name }) => [name, pacingDefault(name)])).toEqual([
      ['OSS_PULSE_GITHUB_IN_FLIGHT', '25'],
      ['OSS_PULSE_GRAPHQL_POINTS', '1500'],
      ['OSS_PULSE_REST_POINTS', '675'],
      ['OSS_PULSE_GRAPHQL_SECONDS', '50'],
      ['OSS_PULSE_GITHUB_SECONDS', '75'],
    ]);
  });

  it.each([
    ['OSS_PULSE_GITHUB_IN_FLIGHT', '0'],
    ['OSS_PULSE_GITHUB_IN_FLIGHT', '101'],
    ['OSS_PULSE_GRAPHQL_POINTS', '2.5'],
    ['OSS_PULSE_REST_POINTS', 'lots'],
    ['OSS_PULSE_GRAPHQL_SECONDS', '61'],
  ])('refuse %s=%s, naming the variable and the most GitHub allows', (name, value) => {
    expect(() => githubPacingCeilings({ [name]: value })).toThrow(new RegExp(`^${name} must be a .*number above 0 and at most \\d+, GitHub's limit \\(got "${value}"\\)$`));
  });
});
