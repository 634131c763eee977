// The demo world `npm run fake-upstream` serves: every subject of a watchlist, with
// figures that grow with the clock and a past to backfill. Deterministic for a
// watchlist and a start time: each figure comes from a curve chosen by the subject's
// position (see demo-curves.ts), calibrated to plausible magnitudes on REFERENCE.
import { lastCompleteWeek } from '../../jobs/iso-week.ts';
import type { Config } from '../../config/config.ts';
import { type Curve, DAY_MS, fromStart, gained, jitter, magnitude, scaled, shapedCurve, spike, steadyCurve, sum, windowBefore } from './demo-curves.ts';
import { releasesSumming } from './github-releases.ts';
import type { StarWeek } from './github-store.ts';
import type { FakeUpstream } from './index.ts';

export const DEMO_GITHUB_TOKEN = 'ghp_fakeupstreamdemotoken000000000000000';
export const DEMO_HF_TOKEN = 'hf_fakeupstreamdemotoken';

/** The day the magnitudes are calibrated for; figures keep growing after it. */
const REFERENCE = Date.UTC(2026, 10, 30);
/** Subjects appear from LLaMA's release on, 11 days apart by position (cycling, so all are past). */
const startOf = (position: number) => Date.UTC(2023, 1, 24) + (position % 40) * 11 * DAY_MS;
/** Keyword searches also count older repositories that use the word for something else. */
const BACKGROUND_START = Date.UTC(2014, 0, 1);
/** Every fifth subject (the 4th, 9th, ...) has a spike in the last week complete when the demo starts. */
const hasSpike = (position: number) => position % 5 === 3;
/** Shapes shifted for npm, so the default watchlist reads plausibly (the OpenAI SDK rising, LangChain.js fading). */
const NPM_SHAPE_SHIFT = 4;
/** npm and PyPI count fewer downloads at weekends, and no two days alike (±5 %, fixed per day and package). */
const dayShare = (day: number, position: number, weekend: number) =>
  ([0, 6].includes(new Date(day).getUTCDay()) ? weekend : 1) * (0.95 + 0.1 * jitter(day / DAY_MS, position));

export interface DemoWorld {
  /** Brings the live figures (stars, Hub and ModelScope downloads, Hub likes, Docker pulls, npm's and crates.io's last days, PyPI windows) to the clock's now. */
  refresh(): void;
}

/**
 * Seeds a started fake upstream with `config`'s subjects and the demo tokens. `now`
 * must be the clock the fake was started with: search counts are read off it.
 */
export function seedDemoWorld(up: FakeUpstream, config: Config, now: () => number = Date.now): DemoWorld {
  const startedAt = now();
  // Wednesday noon of the week a first report covers, so its spikes show there.
  const spikeAt = lastCompleteWeek(new Date(startedAt)).start.getTime() + 2.5 * DAY_MS;
  /** A subject's curve, worth `target` on REFERENCE, with its spike of `spikeShare` × target if it has one. */
  const curveOf = (position: number, target: number, spikeShare: number, start = startOf(position)): Curve => {
    const shaped = scaled(shapedCurve(position, start, REFERENCE), target);
    return hasSpike(position) ? fromStart(start, sum(shaped, spike(spikeAt, spikeShare * target))) : shaped;
  };

  const repos = config.github.repos.map((fullName, i) => ({ fullName, i, start: startOf(i), stars: curveOf(i, magnitude(i, 60_000, 0.8, 1), 0.03) }));
  for (const { fullName, i, start } of repos) {
    up.github.addRepo({ id: 100_000 + i, fullName, createdAt: new Date(start).toISOString(), ...repoFigures(i, 0), stars: 0, forks: 0 });
  }
  // Release downloads grow on a curve of their own; a repository watched only for them is added too.
  const releaseRepos = config.github.releases.map((fullName, i) => ({ fullName, i, downloads: curveOf(i, magnitude(i, 5_000_000, 0.8, 15), 0.02) }));
  for (const { fullName, i } of releaseRepos.filter(({ fullName }) => !config.github.repos.some((repo) => repo.toLowerCase() === fullName.toLowerCase()))) {
    up.github.addRepo({ id: 200_000 + i, fullName, ...repoFigures(i, 0), stars: 0, forks: 0 });
  }
  config.github.searches.forEach(({ query }, i) => {
    const target = magnitude(i, 40_000, 0.8, 2);
    const background = (i % 3) * 0.2;
    const created = sum(curveOf(i, (1 - background) * target, 0.02), scaled(steadyCurve(BACKGROUND_START, REFERENCE), background * target));
    up.github.setSearchHistory(query, (t) => Math.floor(created(t)));
  });
  const hubModels = config.huggingface.models.map((id, i) => ({
    id, i, downloads: curveOf(i, magnitude(i, 4_000_000, 0.85, 3), 0.02), likes: curveOf(i, magnitude(i, 4_000, 0.85, 4), 0.01),
  }));
  hubModels.forEach(({ id, i }) => up.huggingface.addModel({ _id: (0xabc000 + i).toString(16).padStart(24, '0'), id, downloads: 0, downloadsAllTime: 0, likes: 0 }));
  const hubDatasets = config.huggingface.datasets.map((id, i) => ({
    id, i, downloads: curveOf(i, magnitude(i, 400_000, 0.8, 12), 0.02), likes: curveOf(i, magnitude(i, 1_500, 0.8, 13), 0.01),
  }));
  hubDatasets.forEach(({ id, i }) => up.huggingface.addDataset({ _id: (0xdad000 + i).toString(16).padStart(24, '0'), id, downloads: 0, downloadsAllTime: 0, likes: 0 }));
  const hubSpaces = config.huggingface.spaces.map((id, i) => ({ id, i, likes: curveOf(i, magnitude(i, 12_000, 0.8, 14), 0.01) }));
  hubSpaces.forEach(({ id, i }) => up.huggingface.addSpace({ _id: (0x5ace000 + i).toString(16).padStart(24, '0'), id, likes: 0 }));
  const scopeModels = config.modelscope.models.map((id, i) => ({
    id, i, downloads: curveOf(i, magnitude(i, 1_200_000, 0.8, 5), 0.02), likes: curveOf(i, magnitude(i, 600, 0.8, 6), 0.01),
  }));
  for (const { id } of scopeModels) {
    const [owner = '', name = ''] = id.split('/');
    up.modelscope.addModel({ owner, name, downloads: 0, stars: 0 });
  }
  // Download counts: calibrated on the 30 days before REFERENCE.
  const monthly = (i: number, top: number, decay: number, salt: number, shapeShift = 0) => {
    const unit = shapedCurve(i + shapeShift, startOf(i), REFERENCE);
    return scaled(unit, magnitude(i, top, decay, salt) / windowBefore(unit, REFERENCE, 30));
  };
  const npmPackages = config.npm.packages.map((name, i) => ({ name, i, downloads: monthly(i, 40_000_000, 0.55, 7, NPM_SHAPE_SHIFT) }));
  const dailyDownloads = (downloads: Curve, i: number, weekend: number) => (day: number) =>
    Math.round(windowBefore(downloads, day + DAY_MS, 1) * dayShare(day, i, weekend));
  const today = () => Math.floor(now() / DAY_MS) * DAY_MS;
  for (const { name, i, downloads } of npmPackages) up.npm.addPackage(name, { daily: dailyCounts(today(), 400, dailyDownloads(downloads, i, 0.6)) });
  const pypiPackages = config.pypi.packages.map((name, i) => ({ name, i, downloads: monthly(i, 60_000_000, 0.6, 8) }));
  // pypistats counts whole days, up to yesterday; its `recent` windows are summed from these days.
  const pypiDays = (downloads: Curve, i: number, days: number) => dailyCounts(today(), days, dailyDownloads(downloads, i, 0.75));
  for (const { name, i, downloads } of pypiPackages) {
    up.pypistats.addPackage(name, { daily: pypiDays(downloads, i, PYPI_DAYS) });
    // PyPI knows them too: a window pypistats has no row for reads as 0 downloads, not a missing project.
    up.pypi.addProject(name);
  }
  const crates = config.crates.packages.map((name, i) => ({ name, i, downloads: monthly(i, 3_000_000, 0.6, 9) }));
  for (const { name, i, downloads } of crates) {
    const first = today() - CRATE_DAYS * DAY_MS;
    up.crates.addCrate(name, {
      versions: CRATE_VERSIONS,
      daily: crateDays(dailyCounts(today(), CRATE_DAYS, dailyDownloads(downloads, i, 0.8))),
      earlierDownloads: Math.max(0, Math.floor(downloads(first))),
    });
  }
  const dockerImages = config.dockerhub.images.map((name, i) => ({
    name, pulls: curveOf(i, magnitude(i, 30_000_000, 0.7, 10), 0.02), stars: curveOf(i, magnitude(i, 2_000, 0.7, 11), 0.01),
  }));
  for (const { name } of dockerImages) up.dockerhub.addRepository(name, { pulls: 0, stars: 0 });
  up.github.addToken(DEMO_GITHUB_TOKEN);
  up.huggingface.addToken(DEMO_HF_TOKEN);

  const refresh = () => {
    const t = now();
    for (const { fullName, i, start, stars } of repos) {
      const held = Math.floor(stars(t));
      up.github.updateRepo(fullName, { ...repoFigures(i, t), stars: held, forks: Math.floor(held * (0.08 + 0.002 * (i % 50))) });
      up.github.setStarHistory(fullName, starWeeks(stars, start, t));
    }
    for (const { fullName, downloads } of releaseRepos) up.github.setReleases(fullName, releasesSumming(Math.floor(downloads(t))));
    for (const { id, downloads, likes } of hubModels) {
      up.huggingface.updateModel(id, { downloads: gained(downloads, t - 30 * DAY_MS, t), downloadsAllTime: Math.floor(downloads(t)), likes: Math.floor(likes(t)) });
    }
    for (const { id, downloads, likes } of hubDatasets) {
      up.huggingface.updateDataset(id, { downloads: gained(downloads, t - 30 * DAY_MS, t), downloadsAllTime: Math.floor(downloads(t)), likes: Math.floor(likes(t)) });
    }
    for (const { id, likes } of hubSpaces) up.huggingface.updateSpace(id, { likes: Math.floor(likes(t)) });
    for (const { id, downloads, likes } of scopeModels) up.modelscope.updateModel(id, { downloads: Math.floor(downloads(t)), stars: Math.floor(likes(t)) });
    // npm's last complete day is yesterday: add it when the day turns.
    for (const { name, i, downloads } of npmPackages) up.npm.setDownloads(name, dailyCounts(today(), 2, dailyDownloads(downloads, i, 0.6)));
    for (const { name, i, downloads } of pypiPackages) up.pypistats.setDownloads(name, pypiDays(downloads, i, 2));
    for (const { name, i, downloads } of crates) {
      for (const [day, counts] of Object.entries(crateDays(dailyCounts(today(), 2, dailyDownloads(downloads, i, 0.8))))) {
        for (const [version, count] of Object.entries(counts)) up.crates.setDownloads(name, day, version, count);
      }
    }
    for (const { name, pulls, stars } of dockerImages) up.dockerhub.updateRepository(name, { pulls: Math.floor(pulls(t)), stars: Math.floor(stars(t)) });
  };
  refresh();
  return { refresh };
}

/** Seven versions, so that crates.io's `/downloads` sums the oldest two under `extra_downloads`. */
const CRATE_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.4.0', '0.5.0', '0.6.0', '0.7.0'];
/** Days of per-version counts the fake holds: more than the 90 crates.io answers for. */
const CRATE_DAYS = 120;
/** Days of PyPI downloads the fake holds: more than the 181 pypistats answers for. */
const PYPI_DAYS = 200;

/** A day's downloads split between versions: most on the newest, some on one too old to be listed alone. */
function crateDays(daily: Record<string, number>): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(daily).map(([day, count]) => {
      const [newest, previous] = [Math.round(count * 0.7), Math.round(count * 0.2)];
      return [day, { '0.7.0': newest, '0.6.0': previous, '0.1.0': count - newest - previous }];
    }),
  );
}

/** Figures other than stars and forks: watchers follow the position, open issues come and go over days. */
function repoFigures(i: number, t: number) {
  const openIssues = 60 + ((i * 137) % 500);
  return {
    subscribers: 80 + ((i * 53) % 600),
    openIssues: Math.round(openIssues * (1 + 0.1 * Math.sin(t / (5 * DAY_MS) + i))),
    openPullRequests: 5 + ((i * 7) % 40),
    pushedAt: new Date(t - (1 + (i % 9)) * 3_600_000).toISOString(),
  };
}

/** `YYYY-MM-DD` → count for the `days` days before `today` (epoch ms of a UTC midnight). */
function dailyCounts(today: number, days: number, countOn: (day: number) => number): Record<string, number> {
  const daily: Record<string, number> = {};
  for (let back = days; back >= 1; back--) {
    const day = today - back * DAY_MS;
    daily[new Date(day).toISOString().slice(0, 10)] = countOn(day);
  }
  return daily;
}

/** GitHub's stars history up to `now`: weeks from Sunday, stars gained per day, summing to the count held at `now`. */
function starWeeks(stars: Curve, start: number, now: number): StarWeek[] {
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
  const weeks: StarWeek[] = [];
  for (let week = firstDay - new Date(firstDay).getUTCDay() * DAY_MS; week <= now; week += 7 * DAY_MS) {
    const days = Array.from({ length: 7 }, (_, d) => {
      const day = week + d * DAY_MS;
      return day > now ? 0 : gained(stars, day, Math.min(day + DAY_MS, now));
    });
    weeks.push({ week: week / 1000, days });
  }
  return weeks;
}
