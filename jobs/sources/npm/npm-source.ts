import { chunks } from '../../chunks.ts';
import { isScopedPackage, NPM_BULK_LIMIT } from './npm-client.ts';
import { SourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult, succeeded } from '../../clients/subject-result.ts';
import { toOutcome } from '../../observation.ts';
import { defineSource } from '../source.ts';
import { nameList } from '../watchlist.ts';
import { npmBackfillJob } from './backfill-npm.ts';
import { checkNpmPackage } from './npm-names.ts';
import { npmUpstream } from './npm-upstream.ts';

export interface NpmBatch {
  packages: string[];
}

/** Scoped names cost one call each per window; a job covers this many. */
const SCOPED_PER_JOB = 50;

/**
 * Weekly and monthly downloads of npm packages: a job is one bulk lookup's worth of
 * unscoped names (one call per window), or a handful of scoped names (two calls each).
 */
export const npmSource = defineSource({
  source: 'npm',
  upstream: npmUpstream,
  kinds: [
    {
      name: 'npm_package',
      title: 'npm packages',
      metrics: [
        { name: 'downloads_7d', title: 'downloads (7 days)', unit: 'downloads', windowDays: 7 },
        { name: 'downloads_30d', title: 'downloads (30 days)', unit: 'downloads', windowDays: 30 },
      ],
      configuredIn: 'npm.packages',
      listed: (watchlist) => watchlist.packages,
      find: (watchlist, key) => watchlist.packages.find((name) => name === key),
    },
  ],
  watchlist: {
    section: 'npm',
    // New npm names are all lowercase: a name is the same package only when spelled the same.
    shape: { packages: nameList('npm.packages', checkNpmPackage, (name) => name) },
    defaultYaml: `
  # Weekly and monthly downloads of these packages; scoped names need quotes.
  packages:
    - openai                        # OpenAI SDK
    - "@huggingface/transformers"   # Transformers.js
    - "@anthropic-ai/sdk"           # Anthropic SDK
    - langchain                     # LangChain.js
    - ollama                        # Ollama client
`,
  },
  defaultSchedule: '40 0 * * *',
  backfill: npmBackfillJob,
  plan: (watchlist): NpmBatch[] => {
    const unscoped = watchlist.packages.filter((name) => !isScopedPackage(name));
    const scoped = watchlist.packages.filter(isScopedPackage);
    return [...chunks(unscoped, NPM_BULK_LIMIT), ...chunks(scoped, SCOPED_PER_JOB)].map((packages) => ({ packages }));
  },
  subjects: (batch) => batch.packages,
  async collect(batch, { client, now }) {
    const week = await client.fetchPoint('last-week', batch.packages);
    // A package unknown for the week is unknown for the month: not asked twice.
    const found = batch.packages.filter((name) => week.get(name)?.ok);
    const month = found.length > 0 ? await client.fetchPoint('last-month', found) : new Map<string, SubjectResult<number>>();
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
});

const noAnswer = (name: string) => failed<number>(new SourceError('parse', `npm's answer lacks ${name}`));
