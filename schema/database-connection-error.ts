// A Postgres that cannot be reached or refuses us is a setting to fix (exit 2), said
// in one line naming DATABASE_URL, what was tried (never the password) and what to do,
// instead of a stack trace of the driver's.

/** DATABASE_URL does not lead to a usable database. */
export class DatabaseConnectionError extends Error {
  override name = 'DatabaseConnectionError';
}

/** Postgres' SQLSTATE and the system's codes, in words a user can act on. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there; is Postgres running on that host and port?',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ETIMEDOUT: 'the connection timed out; is the host reachable?',
  EHOSTUNREACH: 'there is no route to the host',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user (pg_hba.conf)',
  '3D000': 'the database does not exist; create it (createdb) or name another in the URL',
  '57P03': 'the server is starting up or shutting down; try again in a moment',
};

/**
 * A DatabaseConnectionError for a failure to connect to `url`, or undefined when the
 * error is something else (a failing query is not a setting).
 */
export function describeConnectionFailure(url: string, error: unknown): DatabaseConnectionError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  if (!reason) return undefined;
  return new DatabaseConnectionError(`DATABASE_URL: cannot use ${target(url)}: ${reason}`);
}

/** `postgres at host:port, database name, as user`: what was tried, without the password. */
function target(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(the user\'s default)';
    const user = parsed.username ? `, as ${decodeURIComponent(parsed.username)}` : '';
    return `postgres at ${parsed.hostname || 'localhost'}:${parsed.port || '5432'}, database ${database}${user}`;
  } catch {
    return 'the server it names';
  }
}
