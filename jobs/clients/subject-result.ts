import type { SourceError } from './source-error.ts';

/** The outcome for one subject of a batched upstream call: its figures, or why there are none. */
export type SubjectResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export const succeeded = <T>(value: T): SubjectResult<T> => ({ ok: true, value });
export const failed = <T>(error: SourceError): SubjectResult<T> => ({ ok: false, error });

/** The same failure for every subject of a batch whose request failed as a whole. */
export function failAll<T>(keys: readonly string[], error: SourceError): Map<string, SubjectResult<T>> {
  return new Map(keys.map((key) => [key, failed<T>(error)]));
}
