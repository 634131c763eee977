import { UsageError } from '../../runtime/usage-error.ts';
import type { Config } from '../../config/config.ts';
import { hasSubjects, SOURCE_NAMES, type SourceName, sourceNamed } from '../../jobs/sources/registry.ts';

const isSource = (name: string): name is SourceName => (SOURCE_NAMES as readonly string[]).includes(name);

/** The sources a command works on: those named (each must exist), else every source the config has subjects for. */
export function selectSources(config: Config, names: string[]): SourceName[] {
  for (const name of names) {
    if (!isSource(name)) throw new UsageError(`unknown source "${name}"; sources are ${SOURCE_NAMES.join(', ')}`);
  }
  if (names.length > 0) return [...new Set(names as SourceName[])];
  return SOURCE_NAMES.filter((name) => hasSubjects(sourceNamed(name), config));
}
