import { chunks } from '../../chunks.ts';
import { type GitHubClient, SEARCHES_PER_QUERY } from './github-client.ts';
import { SourceError } from '../../clients/source-error.ts';
import { failed, type SubjectResult } from '../../clients/subject-result.ts';
import { toOutcome } from '../../observation.ts';
import type { JobDeps } from '../../source-job.ts';
import { defineSource } from '../source.ts';
import { searchesBackfillJob } from './backfill-searches.ts';
import { normalizeSearchQuery } from './github-names.ts';
import { searchList } from './github-search-entries.ts';
import { githubUpstream } from './github-upstream.ts';

export interface GitHubSearchBatch {
  searches: { query: string; label: string }[];
}

/** GraphQL requests per job: enough to amortise a job, small enough to retry cheaply. */
const REQUESTS_PER_JOB = 5;

/**
 * A count below this share of the last stored one is implausible: keyword counts
 * grow, and a real fall this steep (mass deletions) is rare, while a search GitHub
 * cut short on a timeout can come back far too low with nothing to say so.
 */
export const IMPLAUSIBLE_SHARE = 0.5;

/** Repository counts of the configured keyword searches. */
export const githubSearchSource = defineSource({
  source: 'github-search',
  upstream: githubUpstream,
  kinds: [
    {
      name: 'github_search',
      title: 'GitHub repository counts',
      metrics: [{ name: 'repositories', title: 'repositories', unit: 'repositories' }],
      configuredIn: 'github.searches',
      listed: (watchlist) => watchlist.searches.map((search) => search.query),
      find: (watchlist, key) => watchlist.searches.find((search) => normalizeSearchQuery(search.query) === normalizeSearchQuery(key))?.query,
    },
  ],
  watchlist: {
    section: 'github',
    shape: { searches: searchList },
    defaultYaml: `
  # How many repositories match each query: any GitHub search syntax, at most 256
  # characters. A plain string is its own label. Short words such as "moss" or
  # "falcon" also count unrelated projects; narrow them with qualifiers
  # (e.g. "falcon llm in:name,description") if that matters to you.
  searches:
    - { query: llama, label: LLaMA }
    - { query: gpt-4, label: GPT-4 }
    - { query: chatglm, label: ChatGLM }
    - { query: qwen, label: Qwen }
    - { query: baichuan, label: Baichuan }
    - { query: xverse, label: XVERSE }
    - { query: moss, label: MOSS }
    - { query: aquila, label: Aquila }
    - { query: falcon, label: Falcon }
    - { query: mpt, label: MPT }
    - { query: dolly, label: Dolly }
    - { query: openllama, label: OpenLLaMA }
    - { query: rwkv, label: RWKV }
    - { query: stable diffusion, label: Stable Diffusion }
`,
  },
  defaultSchedule: '10 0 * * *',
  backfill: searchesBackfillJob,
  plan: (watchlist): GitHubSearchBatch[] =>
    chunks(watchlist.searches, SEARCHES_PER_QUERY * REQUESTS_PER_JOB).map((searches) => ({ searches })),
  subjects: (batch) => batch.searches.map((search) => search.query),
  async collect(batch, deps) {
    const labels = new Map(batch.searches.map((search) => [search.query, search.label]));
    const counted = await deps.client.countRepositories([...labels.keys()]);
    // Without a token the counts came from REST search, which flags an incomplete count itself.
    const results = deps.client.authenticated ? await confirmImplausibleFalls(counted, deps) : counted;
    const observedAt = deps.now();
    return toOutcome('github_search', results, (query, count) => ({
      kind: 'github_search',
      key: query,
      label: labels.get(query) ?? query,
      configuredKey: query,
      metrics: { repositories: count },
      observedAt,
    }));
  },
});

/** Whether `count` fell below `IMPLAUSIBLE_SHARE` of the last stored figure. */
export function fellImplausibly(count: number, last: number | undefined): boolean {
  return last !== undefined && count < last * IMPLAUSIBLE_SHARE;
}

/**
 * GraphQL `search` has no `incomplete_results`: a count that fell by more than half
 * against the series' last stored figure is asked again through REST search, whose
 * complete answer is stored (even when it confirms the fall); an incomplete or failed
 * one leaves the query unstored, with the failure recorded.
 */
async function confirmImplausibleFalls(
  counted: Map<string, SubjectResult<number>>,
  deps: Pick<JobDeps<GitHubClient>, 'client' | 'lastValues'>,
): Promise<Map<string, SubjectResult<number>>> {
  const last = await deps.lastValues({ kind: 'github_search', metric: 'repositories', keys: [...counted.keys()] });
  const doubtful = new Map<string, number>();
  for (const [query, result] of counted) {
    if (result.ok && fellImplausibly(result.value, last.get(query))) doubtful.set(query, result.value);
  }
  if (doubtful.size === 0) return counted;
  const recounted = await deps.client.recountRepositories([...doubtful.keys()]);
  const results = new Map(counted);
  for (const [query, graphqlCount] of doubtful) {
    const again = recounted.get(query) ?? failed(new SourceError('incomplete', 'no REST answer'));
    if (again.ok) {
      results.set(query, again);
      continue;
    }
    const { kind, message, status, retryAfterMs } = again.error;
    const why = `GitHub GraphQL counted ${graphqlCount} for "${query}", under half the last stored ${last.get(query)}, and REST search did not confirm it: ${message}`;
    results.set(query, failed(new SourceError(kind, why, { status, retryAfterMs, cause: again.error })));
  }
  return results;
}
