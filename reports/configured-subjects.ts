import type { Config } from '../config/config.ts';
import { sectionOf, SOURCES, type SubjectKind } from '../jobs/sources/registry.ts';

/** Every subject the config names, by kind (models of `authors:` are not known until listed). */
export function configuredSubjects(config: Config): { kind: SubjectKind; key: string }[] {
  return SOURCES.flatMap((source) =>
    source.listed(sectionOf(source, config)).map((key) => ({ kind: source.kind.name, key })),
  );
}
