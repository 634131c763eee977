// Runs the fake upstream on its own, seeded with every subject of a watchlist as a
// world that grows with the clock and has a past (see demo-world.ts), so the product
// can be tried end to end offline:
//   npx tsx test/fake-upstream/serve.ts [oss-pulse.yaml]   (prints the environment to use)
import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG, parseConfig } from '../../config/config.ts';
import { DEMO_GITHUB_TOKEN, DEMO_HF_TOKEN, seedDemoWorld } from './demo-world.ts';
import { startFakeUpstream } from './index.ts';

/** Live figures are recomputed this often; between refreshes they stand still. */
const REFRESH_MS = 60_000;

const path = process.argv[2];
const config = path ? parseConfig(await readFile(path, 'utf8'), path) : DEFAULT_CONFIG;
const up = await startFakeUpstream();
const world = seedDemoWorld(up, config);
const timer = setInterval(() => world.refresh(), REFRESH_MS);

const env = { ...up.env(), GITHUB_TOKEN: DEMO_GITHUB_TOKEN, HF_TOKEN: DEMO_HF_TOKEN };
process.stdout.write(`${Object.entries(env).map(([name, value]) => `export ${name}=${value}`).join('\n')}\n`);
process.stderr.write('fake upstream running; figures grow with the clock; Ctrl-C to stop\n');
const stop = () => {
  clearInterval(timer);
  void up.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
