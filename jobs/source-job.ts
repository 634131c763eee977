import type { LastValuesQuery } from './last-values.ts';
import type { BatchOutcome } from './observation.ts';
import type { SampledSinceQuery } from './sampled-since.ts';
import type { Upstream } from './clients/upstream.ts';

/** What a job needs to fetch a batch: its upstream's client, the clock, and reads of what is stored. */
export interface JobDeps<Client = unknown> {
  client: Client;
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
 * One kind of collection job: a source's round, or its backfill. `plan` splits the
 * source's watchlist section into batches (plain data: they become queue payloads);
 * `collect` fetches one batch and turns the answers into observations and per-subject
 * failures, without touching the database.
 */
export interface SourceJob<Watchlist = never, Batch = unknown, Client = unknown> {
  /** The source's name, as `collection_runs` records it. */
  source: string;
  upstream: Upstream<Client>;
  plan(watchlist: Watchlist): Batch[];
  /**
   * How many of a round's batches an in-process round fetches at once. More than one
   * suits upstreams asked one subject per request, whose batches wait on the network
   * most of the time; the upstream's limits stay with its client. @defaultValue 1
   */
  batchesAtOnce?: number;
  /** The configured subjects a batch covers (an author's whole list is `author/*`), for failures of the whole batch. */
  subjects(batch: Batch): string[];
  collect(batch: Batch, deps: JobDeps<Client>): Promise<BatchOutcome>;
}
