import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../jobs/clients/source-error.ts';
import type { SubjectFailure } from '../../../jobs/observation.ts';
import { formatFailures } from '../../../cli/commands/format-failures.ts';

const missing = (i: number): SubjectFailure => ({
  kind: 'hf_model',
  key: `acme/m${i}`,
  error: new SourceError('not_found', `Hugging Face model acme/m${i} not found (or private)`),
});

describe('failures printed by a command', () => {
  it('are grouped by cause: 10,000 failures print a few lines with the counts, not 10,000', () => {
    const failures = [
      ...Array.from({ length: 10_000 }, (_, i) => missing(i)),
      { kind: 'github_repo', key: 'o/r', error: new SourceError('unreachable', 'github (api.github.com) cannot be reached: getaddrinfo ENOTFOUND api.github.com') },
      { kind: 'modelscope_model', key: 'org/unliked', metric: 'likes', error: new SourceError('parse', 'ModelScope answered org/unliked without likes') },
    ] satisfies SubjectFailure[];
    const lines = formatFailures(failures, [7, 8], (text) => text);
    expect(lines).toEqual([
      'Failures: 10,002, by cause (all of them: collection_failures, runs 7, 8)',
      '  hf_model not_found: 10,000',
      '    hf_model acme/m0: not_found: Hugging Face model acme/m0 not found (or private)',
      '    hf_model acme/m1: not_found: Hugging Face model acme/m1 not found (or private)',
      '    hf_model acme/m2: not_found: Hugging Face model acme/m2 not found (or private)',
      '    … and 9,997 more',
      '  github_repo unreachable: 1',
      '    github_repo o/r: unreachable: github (api.github.com) cannot be reached: getaddrinfo ENOTFOUND api.github.com',
      '  modelscope_model parse (likes only): 1',
      '    modelscope_model org/unliked (likes): parse: ModelScope answered org/unliked without likes',
    ]);
  });

  it('pass every message through the redaction', () => {
    const failure: SubjectFailure = { kind: 'npm_package', key: 'x', error: new SourceError('http', 'token ghp_secret refused') };
    expect(formatFailures([failure], [1], (text) => text.replace('ghp_secret', '[redacted]'))[2]).toBe('    npm_package x: http: token [redacted] refused');
  });
});
