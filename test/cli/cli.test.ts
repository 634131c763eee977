import { execFile } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.ts';
import { runCli, tempWorkdir } from '../helpers/cli.ts';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/index.ts';

const bin = fileURLToPath(new URL('../../bin/oss-pulse.js', import.meta.url));
const run = promisify(execFile);

describe('oss-pulse command line', () => {
  let up: FakeUpstream;
  beforeAll(async () => {
    up = await startFakeUpstream();
    up.github.addRepo({ id: 7, fullName: 'THUDM/ChatGLM-6B', stars: 38_000, forks: 5_200, subscribers: 400, openIssues: 900, openPullRequests: 30 });
    up.github.setSearchCount('llama', 6_200);
  });
  afterAll(() => up.close());

  it('runs as `oss-pulse` from bin/ on Node 20: collect into the embedded database, then status --json', async () => {
    const cwd = await tempWorkdir('github:\n  repos: [THUDM/ChatGLM-6B]\n  searches: [llama]\n');
    const env = { ...process.env, ...up.env(), DATABASE_URL: '', GITHUB_TOKEN: '', LOG_LEVEL: 'warn' };
    const collect = await run(process.execPath, [bin, 'collect'], { cwd, env });
    expect(collect.stdout).toMatch(/github-repos\s+1 ok/);
    expect(collect.stdout).toMatch(/github-search\s+1 ok/);
    // Not a terminal: logs are JSON lines on stderr.
    const warning = JSON.parse(collect.stderr.trim().split('\n')[0] ?? '{}') as { level?: string; msg?: string };
    expect(warning).toMatchObject({ level: 'warn', msg: expect.stringContaining('GITHUB_TOKEN is not set') });

    const status = await run(process.execPath, [bin, 'status', '--json'], { cwd, env });
    const parsed = JSON.parse(status.stdout) as { sources: { source: string; lastRun: { status: string; subjectsOk: number } | null }[] };
    expect(parsed.sources.find((s) => s.source === 'github-repos')?.lastRun).toMatchObject({ status: 'ok', subjectsOk: 1 });
    expect(parsed.sources.find((s) => s.source === 'npm')?.lastRun).toBeNull();
    await access(join(cwd, '.oss-pulse/db'));
  }, 90_000); // two processes, each starting the embedded database: seconds each on a busy machine

  it('exits 2 naming the key and line of a bad config, and writes nothing', async () => {
    const cwd = await tempWorkdir('github:\n  repos: [not-a-repo]\n  reposs: []\n');
    const result = await runCli(['collect'], { env: {}, cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('github.repos[0]');
    expect(result.stderr).toContain('github.reposs: unknown key');
    expect(result.stdout).toBe('');
    expect(await readdir(cwd)).toEqual(['oss-pulse.yaml']);
  });

  it('exits 2 for unknown commands, sources and flags', async () => {
    const cwd = await tempWorkdir();
    expect((await runCli(['frobnicate'], { env: {}, cwd })).code).toBe(2);
    const source = await runCli(['collect', 'sourceforge'], { env: {}, cwd });
    expect(source).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown source "sourceforge"') });
    const flag = await runCli(['status', '--jsno'], { env: {}, cwd });
    expect(flag).toMatchObject({ code: 2, stderr: expect.stringContaining('--jsno') });
    expect(await readdir(cwd)).toEqual([]);
  });

  it('init writes the default watchlist and refuses to overwrite it', async () => {
    const cwd = await tempWorkdir();
    expect((await runCli(['init'], { env: {}, cwd })).code).toBe(0);
    const text = await readFile(join(cwd, 'oss-pulse.yaml'), 'utf8');
    expect(parseConfig(text, 'oss-pulse.yaml').github.repos).toContain('meta-llama/llama');
    const again = await runCli(['init'], { env: {}, cwd });
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
  });

  it('prints help and version', async () => {
    const cwd = await tempWorkdir();
    const help = await runCli(['--help'], { env: {}, cwd });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('collect [SOURCE...]') });
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await runCli(['--version'], { env: {}, cwd })).stdout.trim()).toBe(manifest.version);
  });
});
