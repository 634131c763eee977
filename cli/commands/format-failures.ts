import type { SubjectFailure } from '../../jobs/observation.ts';

/** Failures shown per cause; the rest are counted (every one is in `collection_failures`). */
export const SHOWN_PER_CAUSE = 3;

/**
 * The failures of a command, grouped by cause (subject kind, error kind, and the metric
 * when only one failed): each group's count and its first few. Ten thousand missing
 * models are one group of three lines, not ten thousand.
 */
export function formatFailures(failures: readonly SubjectFailure[], runIds: readonly number[], redact: (text: string) => string): string[] {
  if (failures.length === 0) return [];
  const groups = new Map<string, SubjectFailure[]>();
  for (const failure of failures) {
    const cause = `${failure.kind} ${failure.error.kind}${failure.metric ? ` (${failure.metric} only)` : ''}`;
    groups.set(cause, [...(groups.get(cause) ?? []), failure]);
  }
  const runs = runIds.length === 1 ? `run ${runIds[0]}` : `runs ${runIds.join(', ')}`;
  const lines = [`Failures: ${count(failures.length)}, by cause (all of them: collection_failures, ${runs})`];
  for (const [cause, members] of groups) {
    lines.push(`  ${cause}: ${count(members.length)}`);
    for (const failure of members.slice(0, SHOWN_PER_CAUSE)) lines.push(`    ${formatFailure(failure, redact)}`);
    if (members.length > SHOWN_PER_CAUSE) lines.push(`    … and ${count(members.length - SHOWN_PER_CAUSE)} more`);
  }
  return lines;
}

/** One failure on one line: `hf_model org/name: not_found: message` (`org/name (likes)` for one metric). */
export function formatFailure(failure: SubjectFailure, redact: (text: string) => string): string {
  return `${failure.kind} ${failure.key}${failure.metric ? ` (${failure.metric})` : ''}: ${failure.error.kind}: ${redact(failure.error.message)}`;
}

const count = (n: number) => n.toLocaleString('en-US');
