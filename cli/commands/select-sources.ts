import { UsageError } from '../cli-context.ts';
import { type Config, SOURCE_NAMES, type SourceName } from '../../config/config.ts';

const isSource = (name: string): name is SourceName => (SOURCE_NAMES as readonly string[]).includes(name);

/** The sources a command works on: those named (each must exist), else every source the config has subjects for. */
export function selectSources(config: Config, names: string[]): SourceName[] {
  for (const name of names) {
    if (!isSource(name)) throw new UsageError(`unknown source "${name}"; sources are ${SOURCE_NAMES.join(', ')}`);
  }
  if (names.length > 0) return [...new Set(names as SourceName[])];
  return SOURCE_NAMES.filter((source) => hasSubjects(config, source));
}

export function hasSubjects(config: Config, source: SourceName): boolean {
  switch (source) {
    case 'github-repos':
      return config.github.repos.length > 0;
    case 'github-search':
      return config.github.searches.length > 0;
    case 'huggingface':
      return config.huggingface.models.length + config.huggingface.authors.length > 0;
    case 'modelscope':
      return config.modelscope.models.length > 0;
    case 'npm':
      return config.npm.packages.length > 0;
    case 'pypi':
      return config.pypi.packages.length > 0;
  }
}
