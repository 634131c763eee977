// Runs the fake upstream on its own, seeded with every subject of a watchlist, so the
// product can be tried end to end offline:
//   npx tsx test/fake-upstream/serve.ts [oss-pulse.yaml]   (prints the environment to use)
import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG, parseConfig } from '../../workers/config.ts';
import { startFakeUpstream } from './index.ts';

const DEMO_GITHUB_TOKEN = 'ghp_fakeupstreamdemotoken000000000000000';
const DEMO_HF_TOKEN = 'hf_fakeupstreamdemotoken';

const path = process.argv[2];
const config = path ? parseConfig(await readFile(path, 'utf8'), path) : DEFAULT_CONFIG;
const up = await startFakeUpstream();

// Deterministic, plausible figures: derived from the position in the watchlist.
config.github.repos.forEach((fullName, i) =>
  up.github.addRepo({
    id: 100_000 + i,
    fullName,
    stars: 40_000 - 1_700 * i,
    forks: 5_000 - 150 * i,
    subscribers: 400 - 11 * i,
    openIssues: 300 + 7 * i,
    openPullRequests: 20 + i,
  }),
);
config.github.searches.forEach(({ query }, i) => up.github.setSearchCount(query, 6_200 - 250 * i));
config.huggingface.models.forEach((id, i) =>
  up.huggingface.addModel({
    _id: (0xabc000 + i).toString(16).padStart(24, '0'),
    id,
    downloads: 90_000 - 3_000 * i,
    downloadsAllTime: 2_000_000 - 50_000 * i,
    likes: 2_500 - 80 * i,
  }),
);
config.modelscope.models.forEach((id, i) => {
  const [owner = '', name = ''] = id.split('/');
  up.modelscope.addModel({ owner, name, downloads: 500_000 - 20_000 * i, stars: 300 - 10 * i });
});
// A year and a bit of daily npm counts, growing, lower at weekends, so ranges and windows have history.
const today = Date.parse(`${up.npm.today()}T00:00:00Z`);
config.npm.packages.forEach((name, i) => {
  const daily: Record<string, number> = {};
  for (let back = 1; back <= 400; back++) {
    const day = new Date(today - back * 86_400_000);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    daily[day.toISOString().slice(0, 10)] = Math.round((200_000 / (i + 1)) * (1 - back / 1_000) * (weekend ? 0.6 : 1));
  }
  up.npm.addPackage(name, { daily });
});
config.pypi.packages.forEach((name, i) => {
  const lastDay = 300_000 - 25_000 * i;
  up.pypistats.addPackage(name, { lastDay, lastWeek: 7 * lastDay - 40_000, lastMonth: 30 * lastDay - 90_000 });
});
up.github.addToken(DEMO_GITHUB_TOKEN);
up.huggingface.addToken(DEMO_HF_TOKEN);

const env = { ...up.env(), GITHUB_TOKEN: DEMO_GITHUB_TOKEN, HF_TOKEN: DEMO_HF_TOKEN };
process.stdout.write(`${Object.entries(env).map(([name, value]) => `export ${name}=${value}`).join('\n')}\n`);
process.stderr.write('fake upstream running; Ctrl-C to stop\n');
const stop = () => void up.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
