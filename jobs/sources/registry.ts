import type { Upstream } from '../clients/upstream.ts';
import type { SourceJob } from '../source-job.ts';
import { cratesSource } from './crates/crates-source.ts';
import { dockerhubSource } from './dockerhub/dockerhub-source.ts';
import { githubReposSource } from './github/github-repos-source.ts';
import { githubReleasesSource } from './github/github-releases-source.ts';
import { githubSearchSource } from './github/github-search-source.ts';
import { huggingfaceSource } from './huggingface/huggingface-source.ts';
import { modelscopeSource } from './modelscope/modelscope-source.ts';
import { npmSource } from './npm/npm-source.ts';
import { pypiSource } from './pypi/pypi-source.ts';
import type { KindSpec, MetricSpec, Source, SourceKind, WatchlistOf } from './source.ts';

/**
 * Every source, in the order commands, schedules and reports list them. Adding a
 * source: its folder (source, client, upstream, fake, tests) and one line here.
 */
const DECLARED = [githubReposSource, githubSearchSource, githubReleasesSource, huggingfaceSource, modelscopeSource, npmSource, pypiSource, dockerhubSource, cratesSource] as const;

type AnySource = (typeof DECLARED)[number];
export type SourceName = AnySource['source'];
export type SubjectKind = AnySource['kinds'][number]['name'];

/**
 * A source with its types erased, for code that handles every source alike: what
 * it plans from and collects with is known to the source alone.
 */
export type RegisteredSource = Source<SourceName, SubjectKind, string, never, unknown, unknown>;

export const SOURCES = DECLARED as unknown as readonly RegisteredSource[];
export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((source) => source.source);
/** The width of the longest source name, for columns of text output. */
export const SOURCE_NAME_WIDTH = Math.max(...SOURCE_NAMES.map((name) => name.length));
export const SUBJECT_KINDS: readonly SubjectKind[] = [...new Set(SOURCES.flatMap((source) => kindsOf(source)))];

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

/** The kinds a source collects: what a round of it may have stored. */
export function kindsOf(source: RegisteredSource): SubjectKind[] {
  return source.kinds.map((kind) => kind.name);
}

/** The kind of a batch's subjects, for failures of the whole batch. */
export function kindOfBatch(source: RegisteredSource, batch: unknown): SubjectKind {
  return source.kindOf?.(batch as never) ?? source.kinds[0].name;
}

/** Each source's declaration of a kind, in registry order. */
export function declarationsOf(kind: SubjectKind): { source: RegisteredSource; declared: SourceKind<SubjectKind> }[] {
  return SOURCES.flatMap((source) => source.kinds.filter((declared) => declared.name === kind).map((declared) => ({ source, declared })));
}

/**
 * Each kind as every source that collects it declares it: the first one's title, all
 * their metrics in registry order. Merged once: renderers ask for it per cell.
 */
const KIND_SPECS: ReadonlyMap<string, KindSpec<SubjectKind>> = new Map(
  SUBJECT_KINDS.map((kind) => {
    const declarations = declarationsOf(kind);
    const metrics = declarations.flatMap(({ declared }) => declared.metrics) as [MetricSpec, ...MetricSpec[]];
    return [kind, { name: kind, title: declarations[0]?.declared.title ?? kind, metrics }];
  }),
);

export function kindSpec(kind: SubjectKind): KindSpec<SubjectKind> {
  const spec = KIND_SPECS.get(kind);
  if (!spec) throw new Error(`no source collects ${kind}`);
  return spec;
}

/** A metric as its source declares it; undefined for a kind or metric this version does not know (an older database's). */
export function metricSpec(kind: string, metric: string): MetricSpec | undefined {
  return KIND_SPECS.get(kind)?.metrics.find((candidate) => candidate.name === metric);
}

/**
 * Whether a week's change of the metric is growth: a running total (stars, all-time
 * downloads), not a rolling window nor a level; a metric this version does not know
 * is not.
 */
export function isRunningTotal(kind: string, metric: string): boolean {
  const spec = metricSpec(kind, metric);
  return spec !== undefined && spec.windowDays === undefined && !spec.level;
}

/**
 * Whether two readings of the metric on different weekdays count different mixes of
 * days: a rolling window that is not a whole number of weeks (1 day, 30 days). Read on
 * a Thursday against last Sunday, its change says as much about weekends as about the
 * trend; a 7-day window always holds one of each weekday.
 */
export function countsWeekdaysUnevenly(kind: string, metric: string): boolean {
  const days = metricSpec(kind, metric)?.windowDays;
  return days !== undefined && days % 7 !== 0;
}

/** The source that collects `metric` of `kind`, and its declaration (where the watchlist names those subjects). */
export function declarationOf(kind: SubjectKind, metric: string): { source: RegisteredSource; declared: SourceKind<SubjectKind> } {
  const declarations = declarationsOf(kind);
  const found = declarations.find(({ declared }) => declared.metrics.some((spec) => spec.name === metric)) ?? declarations[0];
  if (!found) throw new Error(`no source collects ${kind}`);
  return found;
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
