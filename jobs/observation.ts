import { subjectKey } from '../schema/subject-key.ts';
import { SourceError } from './clients/source-error.ts';
import type { SubjectResult } from './clients/subject-result.ts';

/** What one upstream answer says about one subject at one instant: the input of the write path. */
export interface Observation {
  kind: string;
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
  kind: string;
  /** The name as configured. */
  key: string;
  /**
   * Set when only this metric failed (the upstream left the field out, or refused it)
   * while the subject's other figures were stored; unset when the subject failed whole.
   */
  metric?: string;
  error: SourceError;
}

/** The result of one batch: figures to store and subjects that failed. */
export interface BatchOutcome {
  observations: Observation[];
  failures: SubjectFailure[];
}

/** An observation whose answer may have left some figures out (`undefined`). */
export type PartialObservation = Omit<Observation, 'metrics'> & { metrics: Record<string, number | undefined> };

/**
 * Keeps the figures an answer has and turns each one it lacks into a failure of that
 * metric only: a field the upstream left out is recorded, never stored as 0.
 */
export function splitMissingMetrics(partial: PartialObservation, upstream: string): { observation: Observation; failures: SubjectFailure[] } {
  const metrics: Record<string, number> = {};
  const failures: SubjectFailure[] = [];
  for (const [metric, value] of Object.entries(partial.metrics)) {
    if (value !== undefined) metrics[metric] = value;
    else {
      const error = new SourceError('parse', `${upstream} answered ${partial.key} without ${metric}; its other figures were stored`);
      failures.push({ kind: partial.kind, key: partial.configuredKey, metric, error });
    }
  }
  return { observation: { ...partial, metrics }, failures };
}

/** Sorts a batch's per-subject results into observations and failures (of subjects, or of single metrics). */
export function toOutcome<T>(
  kind: string,
  results: Iterable<[string, SubjectResult<T>]>,
  observe: (requested: string, value: T) => PartialObservation,
  upstream: string = kind,
): BatchOutcome {
  const outcome: BatchOutcome = { observations: [], failures: [] };
  for (const [requested, result] of results) {
    if (!result.ok) {
      outcome.failures.push({ kind, key: requested, error: result.error });
      continue;
    }
    const { observation, failures } = splitMissingMetrics(observe(requested, result.value), upstream);
    outcome.observations.push(observation);
    outcome.failures.push(...failures);
  }
  return outcome;
}

/** Subjects a batch stored figures for (a backfill stores many days per subject). */
export function subjectsStored(outcome: BatchOutcome): number {
  return new Set(outcome.observations.map((observation) => subjectKey(observation.kind, observation.configuredKey))).size;
}
