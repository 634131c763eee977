import type { z } from 'zod';
import type { SourceJob } from '../source-job.ts';

/**
 * Terminology
 * - source: one thing to collect (`github-repos`, `npm`, ...): the kinds of subject it
 *   collects (usually one), the watchlist section that names them, a job, a default
 *   schedule. Declared once, in
 *   its own folder, by `defineSource`; `registry.ts` lists them, and the config, the
 *   queues, the command line and the reports read everything else from there.
 * - subject, metric, series: see config/config-series.ts.
 */

/** One figure of a subject. */
export interface MetricSpec {
  /** `samples.metric`: the name in SQL, the CSV, the JSON and series references. */
  name: string;
  /**
   * What people read in reports, alerts and the dashboard ("all-time downloads").
   * @defaultValue the name with `_` as spaces
   */
  title?: string;
  /** What it counts, for sentences ("by 8,823 downloads"). */
  unit: string;
  /** A rolling window of this many days (downloads of the last 30 days): its weekly change is a change of level. */
  windowDays?: number;
  /** A figure that rises and falls (open issues): its weekly change is not growth either. */
  level?: true;
  // Neither: a running total (stars, all-time downloads, pulls), whose weekly change is growth.
}

export interface KindSpec<Kind extends string = string> {
  /** `subjects.kind`, and the `KIND:` of a series reference. */
  name: Kind;
  /** Title of the report's table of this kind. */
  title: string;
  /** The first is the default of a series reference without `@METRIC`. */
  metrics: readonly [MetricSpec, ...MetricSpec[]];
}

/** The source's part of `oss-pulse.yaml`: lists under a top-level section, which two sources may share (`github`). */
export interface WatchlistSpec<Section extends string = string, Shape extends z.core.$ZodLooseShape = z.core.$ZodLooseShape> {
  section: Section;
  /** The lists, as zod schemas (see `watchlist.ts`). */
  shape: Shape;
  /** The section's lines of the built-in watchlist, with comments for a person to read: the lists, indented two spaces. */
  defaultYaml: string;
}

export type WatchlistOf<Shape extends z.core.$ZodLooseShape> = z.output<z.ZodObject<Shape>>;

/**
 * A kind a source collects, with the metrics this source gives it and where the
 * watchlist names its subjects. Two sources may collect one kind, each its own metrics
 * from its own list (`github-repos` counts a repository's stars, `github-releases` its
 * release downloads); the kind's metrics are theirs together, in registry order.
 */
export interface SourceKind<Kind extends string = string, Watchlist = unknown> extends KindSpec<Kind> {
  /** Where a subject of this kind is configured, for messages: `npm.packages`. */
  configuredIn: string;
  /** The configured subjects, by key (models of an author are not known until listed). */
  listed(watchlist: Watchlist): string[];
  /**
   * The configured spelling of the subject `key` names, or undefined when the watchlist
   * does not hold it. Matching follows the upstream's own notion of "the same name"
   * (GitHub and the hubs ignore case, PyPI normalises).
   */
  find(watchlist: Watchlist, key: string): string | undefined;
}

export interface Source<
  Name extends string = string,
  Kind extends string = string,
  Section extends string = string,
  Shape extends z.core.$ZodLooseShape = z.core.$ZodLooseShape,
  Batch = unknown,
  Client = unknown,
> extends SourceJob<WatchlistOf<Shape>, Batch, Client> {
  source: Name;
  /** What it collects; most sources collect one kind. */
  kinds: readonly [SourceKind<Kind, WatchlistOf<Shape>>, ...SourceKind<Kind, WatchlistOf<Shape>>[]];
  /** The kind of a batch's subjects, for failures of the whole batch. @defaultValue the first of `kinds` */
  kindOf?(batch: Batch): Kind;
  watchlist: WatchlistSpec<Section, Shape>;
  /** Cron, UTC. Sources are staggered so that their rounds do not start together. */
  defaultSchedule: string;
  /** Where the upstream keeps history: the job that reconstructs it from `since`. */
  backfill?: (since: Date) => SourceJob<WatchlistOf<Shape>, unknown, Client>;
}

/** Declares a source, keeping its literal names (for the types the registry derives) and its batch and client types. */
export function defineSource<
  const Name extends string,
  const Kind extends string,
  const Section extends string,
  Shape extends z.core.$ZodLooseShape,
  Batch,
  Client,
>(source: Source<Name, Kind, Section, Shape, Batch, Client>): Source<Name, Kind, Section, Shape, Batch, Client> {
  return source;
}
