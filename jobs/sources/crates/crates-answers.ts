import { z } from 'zod';
import { countIn } from '../../clients/answer-count.ts';

/** One crate as `GET /api/v1/crates/{name}` answers it. */
export interface CrateSnapshot {
  /** The name as crates.io spells it (`crate.name`), whatever spelling asked for it. */
  name: string;
  /** All-time downloads (`crate.downloads`); undefined when the answer left it out. */
  downloads: number | undefined;
  /** Downloads of the last 90 days (`crate.recent_downloads`); undefined when the answer left it out. */
  recentDownloads: number | undefined;
}

export interface CrateDayDownloads {
  /** YYYY-MM-DD, UTC. */
  day: string;
  downloads: number;
}

// Figures are read one by one (`countIn`): a field left out fails its metric alone.
const crateAnswer = z.object({
  crate: z.object({ name: z.string().min(1), downloads: z.unknown().optional(), recent_downloads: z.unknown().optional() }),
});

const dayCount = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), downloads: z.number().int().nonnegative() });
/** Per version (the newest five by version number) and per day, plus the other versions' sum per day. */
const downloadsAnswer = z.object({
  version_downloads: z.array(dayCount),
  meta: z.object({ extra_downloads: z.array(dayCount) }),
});

/** crates.io's error body: `{"errors":[{"detail":"crate `x` does not exist"}]}`. */
const errorAnswer = z.object({ errors: z.array(z.object({ detail: z.string() })).min(1) });

/** The crate's figures, or undefined when the answer is not a crate. */
export function readCrate(body: unknown): CrateSnapshot | undefined {
  const parsed = crateAnswer.safeParse(body);
  if (!parsed.success) return undefined;
  const { name, downloads, recent_downloads: recent } = parsed.data.crate;
  return {
    name,
    downloads: countIn(downloads),
    // Asked with `include=downloads`, null means no row in crates.io's 90-day sum: no download in the window.
    recentDownloads: recent === null ? 0 : countIn(recent),
  };
}

/** Downloads per UTC day, all versions together, in day order; undefined when the answer does not have that shape. */
export function readDailyDownloads(body: unknown): CrateDayDownloads[] | undefined {
  const parsed = downloadsAnswer.safeParse(body);
  if (!parsed.success) return undefined;
  const perDay = new Map<string, number>();
  for (const { date, downloads } of [...parsed.data.version_downloads, ...parsed.data.meta.extra_downloads]) {
    perDay.set(date, (perDay.get(date) ?? 0) + downloads);
  }
  return [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, downloads]) => ({ day, downloads }));
}

/** The first `detail` of an error answer, for messages. */
export function errorDetail(body: unknown): string | undefined {
  const parsed = errorAnswer.safeParse(body);
  return parsed.success ? parsed.data.errors[0]?.detail : undefined;
}
