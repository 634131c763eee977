import { chunks } from '../../chunks.ts';
import { isScopedPackage, NPM_BULK_LIMIT } from './npm-client.ts';
import { SourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import { toOutcome } from '../../observation.ts';
import type { SourceJob } from '../../source-job.ts';

export interface NpmBatch {
  packages: string[];
}

/** Scoped names cost one call each per window; a job covers this many. */
const SCOPED_PER_JOB = 50;

/**
 * Weekly and monthly downloads of npm packages: a job is one bulk lookup's worth of
 * unscoped names (one call per window), or a handful of scoped names (two calls each).
 */
export const npmJob: SourceJob<NpmBatch> = {
  source: 'npm',
  plan: (config) => {
    const unscoped = config.npm.packages.filter((name) => !isScopedPackage(name));
    const scoped = config.npm.packages.filter(isScopedPackage);
    return [...chunks(unscoped, NPM_BULK_LIMIT), ...chunks(scoped, SCOPED_PER_JOB)].map((packages) => ({ packages }));
  },
  subjects: (batch) => batch.packages,
  async collect(batch, { clients, now }) {
    const week = await clients.npm.fetchPoint('last-week', batch.packages);
    // A package unknown for the week is unknown for the month: not asked twice.
    const found = batch.packages.filter((name) => week.get(name)?.ok);
    const month = found.length > 0 ? await clients.npm.fetchPoint('last-month', found) : new Map<string, SubjectResult<number>>();
    const observedAt = now();
    const results = batch.packages.map((name): [string, SubjectResult<{ week: number; month: number }>] => {
      const w = week.get(name) ?? noAnswer(name);
      const m = month.get(name) ?? noAnswer(name);
      if (!w.ok) return [name, w];
      if (!m.ok) return [name, m];
      return [name, succeeded({ week: w.value, month: m.value })];
    });
    return toOutcome('npm_package', results, (name, downloads) => ({
      kind: 'npm_package',
      key: name,
      label: name,
      configuredKey: name,
      metrics: { downloads_7d: downloads.week, downloads_30d: downloads.month },
      observedAt,
    }));
  },
};

const noAnswer = (name: string) => failed<number>(new SourceError('parse', `npm's answer lacks ${name}`));
