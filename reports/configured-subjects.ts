import type { Config } from '../config/config.ts';
import { sectionOf, SOURCES, type SubjectKind } from '../jobs/sources/registry.ts';

/** Every subject the config names, by kind (models of `authors:` are not known until listed). */
export function configuredSubjects(config: Config): { kind: SubjectKind; key: string }[] {
  const seen = new Set<string>();
  // A subject two sources collect (a repository's stars and its release downloads) is one subject.
  return SOURCES.flatMap((source) => source.kinds.flatMap((declared) => declared.listed(sectionOf(source, config)).map((key) => ({ kind: declared.name, key })))).filter(
    (subject) => !seen.has(`${subject.kind}:${subject.key}`) && seen.add(`${subject.kind}:${subject.key}`),
  );
}
