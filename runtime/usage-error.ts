/**
 * A mistake in how oss-pulse was called or set up (a flag, a variable, a service it
 * cannot reach): printed as one line naming it, exit 2, never a stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
