/** Resolves with the name of the first SIGTERM or SIGINT the process receives. */
export function processStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
