import { toSourceError } from './source-error.ts';
import { failed, type SubjectResult, succeeded } from './subject-result.ts';

/**
 * The clients' common shape for an upstream that answers one subject per request
 * (the Hub, ModelScope, pypistats): many keys in, a map of per-subject results out,
 * as the batched GitHub and npm clients give. Each key is asked in turn, and its
 * answer or error becomes its result. Once the upstream answers with a rate limit, the
 * rest are not sent: they fail with that rate limit, whose wait the queue then honours.
 */
export async function askEach<T>(keys: readonly string[], ask: (key: string) => Promise<T>): Promise<Map<string, SubjectResult<T>>> {
  const results = new Map<string, SubjectResult<T>>();
  let limited: SubjectResult<T> | undefined;
  for (const key of keys) {
    if (limited) {
      results.set(key, limited);
      continue;
    }
    try {
      results.set(key, succeeded(await ask(key)));
    } catch (error) {
      const sourceError = toSourceError(error);
      const result = failed<T>(sourceError);
      if (sourceError.kind === 'rate_limit') limited = result;
      results.set(key, result);
    }
  }
  return results;
}
