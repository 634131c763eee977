// The synthetic watchlist of the bench: deterministic names and figures for thousands
// of repositories, keywords and Hub models, as Observations (for loading the database)
// and as fake-upstream data plus an `oss-pulse.yaml` (for collecting them).
import { stringify } from 'yaml';
import type { Observation } from '../jobs/observation.ts';
import type { FakeUpstream } from '../test/fake-upstream/index.ts';

/** Spread over 500 owners, as a real watchlist of many organisations' repositories is. */
export const repoName = (i: number): string => `org-${i % 500}/project-${i}`;
export const keyword = (i: number): string => `keyword-${i} in:name`;

/** Figures of repository `i` at collection step `step` (a day or an hour): totals grow, open issues wander. */
export function repoFigures(i: number, step: number): Record<'stars' | 'forks' | 'watchers' | 'open_issues', number> {
  const stars = 1_000 + ((i * 7_919) % 60_000) + step * (1 + (i % 13));
  return { stars, forks: Math.floor(stars / 9), watchers: 20 + Math.floor(stars / 70), open_issues: 50 + ((i * 31 + step * 7) % 400) };
}

/** One collection of repositories `first` to `first + count - 1`: what `github-repos` hands the write path. */
export function repoObservations(first: number, count: number, step: number, observedAt: Date): Observation[] {
  return Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const key = repoName(i);
    return { kind: 'github_repo', key, label: key, externalId: String(1_000_000 + i), configuredKey: key, metrics: repoFigures(i, step), observedAt };
  });
}

export interface HubWatchlist {
  /** Watched models, as configured. */
  models: string[];
  /** Every model the fake Hub holds (watched ones and their authors' other models). */
  hubModels: string[];
}

/**
 * `orgs` authors with `perOrg` watched models each (plus as many unwatched ones on the
 * Hub), and `singles` models whose authors have only that one in the watchlist.
 */
export function hubWatchlist(orgs: number, perOrg: number, singles: number): HubWatchlist {
  const models: string[] = [];
  const hubModels: string[] = [];
  for (let org = 0; org < orgs; org++) {
    for (let n = 0; n < 2 * perOrg; n++) {
      const id = `hub-org-${org}/model-${n}`;
      hubModels.push(id);
      if (n < perOrg) models.push(id);
    }
  }
  for (let n = 0; n < singles; n++) {
    const id = `solo-${n}/model`;
    models.push(id);
    hubModels.push(id);
  }
  return { models, hubModels };
}

/** Puts the repositories, keyword counts and Hub models into the fake upstream. */
export function seedFake(up: FakeUpstream, repos: number, keywords: number, hub: HubWatchlist): void {
  for (let i = 0; i < repos; i++) {
    const figures = repoFigures(i, 0);
    up.github.addRepo({
      id: 1_000_000 + i,
      fullName: repoName(i),
      stars: figures.stars,
      forks: figures.forks,
      subscribers: figures.watchers,
      openIssues: figures.open_issues,
      openPullRequests: 5 + (i % 20),
    });
  }
  for (let i = 0; i < keywords; i++) up.github.setSearchCount(keyword(i), 10_000 + 97 * i);
  hub.hubModels.forEach((id, i) =>
    up.huggingface.addModel({
      _id: (0xbe0000 + i).toString(16).padStart(24, '0'),
      id,
      downloads: 50_000 + 13 * i,
      downloadsAllTime: 2_000_000 + 101 * i,
      likes: 100 + (i % 900),
    }),
  );
}

/** The `oss-pulse.yaml` of such a watchlist. */
export function watchlistYaml(options: { repos: number; keywords?: number; models?: string[] }): string {
  return stringify({
    github: {
      repos: Array.from({ length: options.repos }, (_, i) => repoName(i)),
      searches: Array.from({ length: options.keywords ?? 0 }, (_, i) => keyword(i)),
    },
    huggingface: { models: options.models ?? [] },
  });
}
