// Who a process is, in a form that outlives it: host, pid and the kernel's start time
// of that pid. A pid alone is not enough: pids are reused, and a restarted container
// starts again at low pids, even at this process's own.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Clock ticks since boot when the process started (Linux /proc); absent elsewhere. */
  startTime?: string;
}

export function currentProcess(): ProcessIdentity {
  const startTime = processStartTime(process.pid);
  return { host: hostname(), pid: process.pid, ...(startTime !== undefined && { startTime }) };
}

/**
 * `alive`: that very process still runs here. `gone`: it does not (no such pid, or the
 * pid now belongs to a process started later). `unknown`: another host, or no way to tell.
 */
export function processState(identity: ProcessIdentity): 'alive' | 'gone' | 'unknown' {
  if (identity.host !== hostname()) return 'unknown';
  if (!pidExists(identity.pid)) return 'gone';
  const now = processStartTime(identity.pid);
  if (identity.startTime !== undefined && now !== undefined) return identity.startTime === now ? 'alive' : 'gone';
  return 'unknown';
}

/** `host pid start-time`, as stored in collection_runs.process. */
export function formatIdentity(identity: ProcessIdentity): string {
  return [identity.host, identity.pid, identity.startTime ?? '-'].join(' ');
}

export function parseIdentity(text: string): ProcessIdentity | undefined {
  const [host, pid, startTime] = text.split(' ');
  if (!host || !pid || !/^\d+$/.test(pid)) return undefined;
  return { host, pid: Number(pid), ...(startTime && startTime !== '-' && { startTime }) };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/PID/stat (after the command name, which may hold spaces); undefined without procfs. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
