/**
 * Resolves when the caller may send its request: turns are handed out in call order,
 * `intervalMs` apart, so concurrent callers sharing the client share the budget too.
 * For upstreams that publish a fixed pace (pypistats: 30 a minute; crates.io: 1 a second)
 * rather than answering with rate-limit headers.
 */
export function requestSpacing(intervalMs: number, clock: () => number, sleep: (ms: number) => Promise<void>): () => Promise<void> {
  let nextTurn = Number.NEGATIVE_INFINITY;
  return async () => {
    if (intervalMs <= 0) return;
    const now = clock();
    const turn = Math.max(now, nextTurn);
    nextTurn = turn + intervalMs;
    if (turn > now) await sleep(turn - now);
  };
}
