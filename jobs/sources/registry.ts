import type { Upstream } from '../clients/upstream.ts';
import type { SourceJob } from '../source-job.ts';
import { cratesSource } from './crates/crates-source.ts';
import { dockerhubSource } from './dockerhub/dockerhub-source.ts';
import { githubReposSource } from './github/github-repos-source.ts';
import { githubSearchSource } from './github/github-search-source.ts';
import { huggingfaceSource } from './huggingface/huggingface-source.ts';
import { modelscopeSource } from './modelscope/modelscope-source.ts';
import { npmSource } from './npm/npm-source.ts';
import { pypiSource } from './pypi/pypi-source.ts';
import type { KindSpec, Source, WatchlistOf } from './source.ts';

/**
 * Every source, in the order commands, schedules and reports list them. Adding a
 * source: its folder (source, client, upstream, fake, tests) and one line here.
 */
const DECLARED = [githubReposSource, githubSearchSource, huggingfaceSource, modelscopeSource, npmSource, pypiSource, dockerhubSource, cratesSource] as const;

type AnySource = (typeof DECLARED)[number];
export type SourceName = AnySource['source'];
export type SubjectKind = AnySource['kind']['name'];

/**
 * A source with its types erased, for code that handles every source alike: what
 * it plans from and collects with is known to the source alone.
 */
export type RegisteredSource = Source<SourceName, SubjectKind, string, never, unknown, unknown>;

export const SOURCES = DECLARED as unknown as readonly RegisteredSource[];
export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((source) => source.source);
export const SUBJECT_KINDS: readonly SubjectKind[] = SOURCES.map((source) => source.kind.name);

/** Every upstream a source collects from, once each (GitHub serves two sources). */
export const UPSTREAMS: readonly Upstream[] = [...new Set<Upstream>(SOURCES.map((source) => source.upstream))];

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;
type SectionOf<S> = S extends Source<string, string, infer Section, infer Shape> ? { [K in Section]: WatchlistOf<Shape> } : never;

/** The watchlist sections of `oss-pulse.yaml`, as the sources declare them (`github` holds repos and searches). */
export type Watchlist = UnionToIntersection<SectionOf<AnySource>>;

export function sourceNamed(name: SourceName): RegisteredSource {
  return findSource(name) as RegisteredSource;
}

/** The source of that name, or undefined: for names from outside the type checker (queue payloads left by another version). */
export function findSource(name: string): RegisteredSource | undefined {
  return SOURCES.find((source) => source.source === name);
}

export function kindSpec(kind: SubjectKind): KindSpec<SubjectKind> {
  return sourceOfKind(kind).kind;
}

export function sourceOfKind(kind: SubjectKind): RegisteredSource {
  return SOURCES.find((source) => source.kind.name === kind) as RegisteredSource;
}

/** The watchlist section a source reads. */
export function sectionOf(source: RegisteredSource, watchlist: Watchlist): never {
  return (watchlist as unknown as Record<string, never>)[source.watchlist.section] as never;
}

/** The batches of a source's round, or of its backfill, for a watchlist. */
export function planOf(job: SourceJob<never>, source: RegisteredSource, watchlist: Watchlist): unknown[] {
  return job.plan(sectionOf(source, watchlist));
}

/** Whether the watchlist names anything for the source to collect. */
export function hasSubjects(source: RegisteredSource, watchlist: Watchlist): boolean {
  return planOf(source, source, watchlist).length > 0;
}
