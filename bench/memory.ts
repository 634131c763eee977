// Memory: peak resident set of one `oss-pulse worker` process while it collects
// 10,000 repositories (a round of 100 GraphQL batches), against the same process idle.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPostgres } from '../schema/db.ts';
import { startFakeUpstream } from '../test/fake-upstream/index.ts';
import { createBenchDatabase, progress, tempDir } from './support.ts';
import { type Section, target } from './table.ts';
import { hubWatchlist, seedFake, watchlistYaml } from './watchlist.ts';
import { enqueueRound, startWorkers } from './workers.ts';

const REPOS = 10_000;
const GITHUB_TOKEN = 'ghp_benchtoken000000000000000000000000000';
/** Long enough for startup work (module loading, first connections) to settle. */
const SETTLE_MS = 3_000;

export async function benchMemory(): Promise<Omit<Section, 'measuredAt' | 'seconds'>> {
  const up = await startFakeUpstream();
  const database = await createBenchDatabase('memory');
  const dir = await tempDir('memory');
  try {
    seedFake(up, REPOS, 0, hubWatchlist(0, 0, 0));
    up.github.addToken(GITHUB_TOKEN);
    const handle = openPostgres(database.url);
    await handle.migrate();
    await handle.close();
    const config = join(dir.path, 'oss-pulse.yaml');
    await writeFile(config, watchlistYaml({ repos: REPOS }));
    const env = { ...up.env(), DATABASE_URL: database.url, GITHUB_TOKEN, OSS_PULSE_CONFIG: config };

    progress('memory: starting one worker');
    const pool = await startWorkers(1, env, dir.path);
    try {
      const pid = pool.workers[0]?.process.pid;
      if (pid === undefined) throw new Error('memory: the worker has no pid');
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const idle = await memoryOf(pid);
      progress(`memory: worker idle at ${Math.round(mb(idle.rss))} MB; collecting ${REPOS.toLocaleString('en-US')} repositories`);
      let polledPeak = idle.rss;
      const poll = setInterval(() => {
        memoryOf(pid).then((now) => (polledPeak = Math.max(polledPeak, now.rss)), () => {});
      }, 50);
      let roundS: number;
      try {
        roundS = await enqueueRound(pool, ['github-repos'], database.url, dir.path);
      } finally {
        clearInterval(poll);
      }
      const after = await memoryOf(pid);
      const peak = Math.max(after.hwm, polledPeak);
      return {
        name: 'memory',
        title: `Worker memory collecting ${REPOS.toLocaleString('en-US')} repositories`,
        figures: [
          {
            name: 'peak RSS of a worker process',
            value: mb(peak),
            unit: 'MB',
            baseline: { name: 'same worker idle', value: mb(idle.rss) },
            target: target(mb(peak), 250, '≤ 250 MB', 'lower'),
          },
        ],
        notes: [
          `one \`node bin/oss-pulse.js worker\` process (concurrency 1) against the fake GitHub (GraphQL, no latency); the round took ${roundS.toFixed(1)} s; RSS after the round ${Math.round(mb(after.rss))} MB.`,
          `peak = the kernel's high-water mark (VmHWM in /proc/PID/status, which covers startup too) read after the round; baseline = VmRSS ${SETTLE_MS / 1000} s after "worker started" (its high-water mark then: ${Math.round(mb(idle.hwm))} MB).`,
        ],
      };
    } finally {
      await pool.stop();
    }
  } finally {
    await up.close();
    await database.drop();
    await dir.remove();
  }
}

/** Resident and peak resident memory of a process, in bytes (Linux). */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const mb = (bytes: number): number => bytes / 1_048_576;
