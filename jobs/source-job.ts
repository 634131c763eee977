import type { Config, SourceName } from '../config/config.ts';
import type { GitHubClient } from './sources/github/github-client.ts';
import type { HuggingFaceClient } from './sources/huggingface/huggingface-client.ts';
import type { ModelScopeClient } from './sources/modelscope/modelscope-client.ts';
import type { NpmClient } from './sources/npm/npm-client.ts';
import type { PypiJsonClient } from './sources/pypi/pypi-json-client.ts';
import type { PypistatsClient } from './sources/pypi/pypistats-client.ts';
import type { LastValuesQuery } from './last-values.ts';
import type { BatchOutcome } from './observation.ts';
import type { SampledSinceQuery } from './sampled-since.ts';

/** What a job needs to fetch a batch: the upstream clients, the clock, and reads of what is stored. */
export interface JobDeps {
  clients: {
    github: GitHubClient;
    huggingface: HuggingFaceClient;
    modelscope: ModelScopeClient;
    npm: NpmClient;
    pypistats: PypistatsClient;
    /** PyPI's JSON API: tells a project without downloads from one that does not exist. */
    pypi: PypiJsonClient;
  };
  now: () => Date;
  /**
   * Which of the keys already have a sample of a metric since an instant: lets a job
   * ask for some figures less often than every round (GitHub's connection counts).
   */
  sampledSince(query: SampledSinceQuery): Promise<Set<string>>;
  /**
   * The newest stored figure of a metric for each key that has one: lets a job tell
   * an implausible answer (a search count that halved) from an ordinary one.
   */
  lastValues(query: LastValuesQuery): Promise<Map<string, number>>;
}

/**
 * One kind of collection job. `plan` splits the configured subjects into batches
 * (plain data: they become queue payloads); `collect` fetches one batch and turns
 * the answers into observations and per-subject failures, without touching the database.
 */
export interface SourceJob<Batch = unknown> {
  source: SourceName;
  plan(config: Config): Batch[];
  /** The configured subjects a batch covers (an author's whole list is `author/*`), for failures of the whole batch. */
  subjects(batch: Batch): string[];
  collect(batch: Batch, deps: JobDeps): Promise<BatchOutcome>;
}
