import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts upstream requests per unit of work, even with several jobs running at once
 * in one process: each `count(work)` sees only the requests made on its own behalf.
 */
export class RequestTally {
  private readonly storage = new AsyncLocalStorage<{ requests: number }>();

  /** Call on every upstream exchange. */
  readonly record = (): void => {
    const scope = this.storage.getStore();
    if (scope) scope.requests++;
  };

  async count<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
    const scope = { requests: 0 };
    const result = await this.storage.run(scope, work);
    return { result, requests: scope.requests };
  }
}
