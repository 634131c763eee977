// CLI start: wall time of `oss-pulse --version` and of `oss-pulse status` on Postgres,
// each a fresh process started as a user starts it (`node bin/oss-pulse.js` in a
// checkout after `npm install`, which runs the build in dist/), beside `node -e 1`:
// Node's own start on this machine. The same commands from the sources through tsx
// (what every start cost before the build) are measured too.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPostgres } from '../schema/db.ts';
import { buildCheckout } from '../test/helpers/built-checkout.ts';
import { REFUSED, writeRefuseTypeScript } from '../test/helpers/refuse-typescript.ts';
import { createBenchDatabase, progress, tempDir } from './support.ts';
import { type Figure, type Section, target } from './table.ts';

/** Timed runs of each command, after an untimed one (which warms the file cache). */
const RUNS = 9;

/** What bin/oss-pulse.js does without a build: register tsx, import the sources. */
const fromSources = (checkout: string) => [
  '--input-type=module',
  '-e',
  `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
register();
const { main } = await import(${JSON.stringify(pathToFileURL(join(checkout, 'cli', 'cli.ts')).href)});
process.exitCode = await main(process.argv.slice(1));`,
  '--',
];

export async function benchStart(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const database = await createBenchDatabase('start');
  const dir = await tempDir('start');
  try {
    // A copy, so that edits to this checkout during the runs do not make its build stale.
    progress('start: copying the checkout and running npm run build in the copy');
    const checkout = await buildCheckout(dir.path);
    const bin = join(checkout, 'bin', 'oss-pulse.js');
    const sources = fromSources(checkout);
    const handle = openPostgres(database.url);
    await handle.migrate();
    await handle.close();
    // No REDIS_URL: status on Postgres alone. No config file: the built-in watchlist.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
    delete env.REDIS_URL;
    delete env.OSS_PULSE_CONFIG;
    const load = loadavg()[0] ?? NaN;

    progress(`start: each command ${RUNS} times`);
    const [node, version, status, sourcesVersion, sourcesStatus] = await timeRuns(
      [['-e', '1'], [bin, '--version'], [bin, 'status'], [...sources, '--version'], [...sources, 'status']],
      env,
      dir.path,
    );
    // Proof that the timed runs of bin ran the build: the same run with tsx and TypeScript refused.
    const refuse = await writeRefuseTypeScript(dir.path);
    await run(['--import', refuse, bin, '--version'], env, dir.path).catch((error: Error) => {
      throw new Error(`start: bin/oss-pulse.js did not run the build${error.message.includes(REFUSED) ? ' but the sources' : ''}: ${error.message}`);
    });

    const baseline = { name: '`node -e 1`', value: node.median };
    const figures: Figure[] = [
      { name: '`oss-pulse --version`', value: version.median, unit: 's', baseline, target: target(version.median, 0.3, '≤ 0.3 s', 'lower') },
      { name: '`oss-pulse status` on Postgres', value: status.median, unit: 's', baseline, target: target(status.median, 1, '≤ 1 s', 'lower') },
      { name: '`oss-pulse --version` from the sources (tsx)', value: sourcesVersion.median, unit: 's', baseline },
      { name: '`oss-pulse status` on Postgres from the sources (tsx)', value: sourcesStatus.median, unit: 's', baseline },
    ];
    const spread = (name: string, runs: Runs) => `${name} ${runs.min.toFixed(2)}–${runs.max.toFixed(2)} s`;
    return {
      name: 'start',
      title: 'CLI start: `--version` and `status` on Postgres, beside `node -e 1`',
      figures,
      notes: [
        `wall time of a child process from spawn to exit, median of ${RUNS} runs after an untimed one; \`node bin/oss-pulse.js\` in a copy of this checkout (what .dockerignore lets in, node_modules linked) right after \`npm run build\` there, so it runs dist/ after comparing the sources' times with the build's (checked afterwards with tsx and TypeScript refused).`,
        `status: a migrated, empty Postgres database (DATABASE_URL), no REDIS_URL, the built-in watchlist. "From the sources" is what bin does without a build: register tsx, import cli/cli.ts.`,
        `range of the runs: ${[spread('node -e 1', node), spread('--version', version), spread('status', status), spread('--version (tsx)', sourcesVersion), spread('status (tsx)', sourcesStatus)].join('; ')}. Load average (1 min) when the runs began: ${load.toFixed(2)} on ${availableParallelism()} cores.`,
      ],
    };
  } finally {
    await database.drop();
    await dir.remove();
  }
}

interface Runs {
  median: number;
  min: number;
  max: number;
}

/**
 * Times each command RUNS times, the commands taking turns (so a change in the
 * machine's load during the bench touches them all alike), after one untimed round.
 */
async function timeRuns<const C extends readonly string[][]>(commands: C, env: NodeJS.ProcessEnv, cwd: string): Promise<{ [K in keyof C]: Runs }> {
  for (const args of commands) await run(args, env, cwd);
  const seconds = commands.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [c, args] of commands.entries()) seconds[c]?.push(await run(args, env, cwd));
  }
  return seconds.map((times) => {
    const sorted = times.sort((a, b) => a - b);
    return { median: sorted[Math.floor(RUNS / 2)] ?? NaN, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
  }) as { [K in keyof C]: Runs };
}

/** Runs `node ARGS` to its exit; seconds from spawn to exit. Fails unless it exits 0. */
function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve(seconds);
      else reject(new Error(`node ${args.slice(-2).join(' ')} exited ${code}: ${stderr.split('\n').find((line) => /Error/.test(line)) ?? stderr.trim()}`));
    });
  });
}
