import type { Config, SubjectKind } from '../config/config.ts';

/** Every subject the config names, by kind (models of `authors:` are not known until listed). */
export function configuredSubjects(config: Config): { kind: SubjectKind; key: string }[] {
  return [
    ...config.github.repos.map((key) => ({ kind: 'github_repo' as const, key })),
    ...config.github.searches.map((search) => ({ kind: 'github_search' as const, key: search.query })),
    ...config.huggingface.models.map((key) => ({ kind: 'hf_model' as const, key })),
    ...config.modelscope.models.map((key) => ({ kind: 'modelscope_model' as const, key })),
    ...config.npm.packages.map((key) => ({ kind: 'npm_package' as const, key })),
    ...config.pypi.packages.map((key) => ({ kind: 'pypi_package' as const, key })),
  ];
}
