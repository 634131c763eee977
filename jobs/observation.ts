import type { SubjectKind } from '../workers/config.ts';
import type { SourceError } from './clients/source-error.ts';
import type { SubjectResult } from './clients/subject-result.ts';

/** What one upstream answer says about one subject at one instant: the input of the write path. */
export interface Observation {
  kind: SubjectKind;
  /** The name as the upstream spells it now. */
  key: string;
  label: string;
  /** Identity that survives renames (GitHub databaseId, Hub _id), when the upstream has one. */
  externalId?: string;
  /** The name as configured, kept as an alias when it differs from `key`. */
  configuredKey: string;
  metrics: Record<string, number>;
  /** The collector's clock when the upstream answered. */
  observedAt: Date;
}

export interface SubjectFailure {
  kind: SubjectKind;
  /** The name as configured. */
  key: string;
  error: SourceError;
}

/** The result of one batch: figures to store and subjects that failed. */
export interface BatchOutcome {
  observations: Observation[];
  failures: SubjectFailure[];
}

/** Sorts a batch's per-subject results into observations and failures. */
export function toOutcome<T>(
  kind: SubjectKind,
  results: Iterable<[string, SubjectResult<T>]>,
  observe: (requested: string, value: T) => Observation,
): BatchOutcome {
  const outcome: BatchOutcome = { observations: [], failures: [] };
  for (const [requested, result] of results) {
    if (result.ok) outcome.observations.push(observe(requested, result.value));
    else outcome.failures.push({ kind, key: requested, error: result.error });
  }
  return outcome;
}

/** Subjects a batch stored figures for (a backfill stores many days per subject). */
export function subjectsStored(outcome: BatchOutcome): number {
  return new Set(outcome.observations.map((observation) => `${observation.kind}\u0000${observation.configuredKey}`)).size;
}
