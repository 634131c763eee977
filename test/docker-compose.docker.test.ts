import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

interface Service {
  build?: { context?: string };
  command?: string[];
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  expose?: string[];
  healthcheck?: { test?: string[] };
  ports?: (string | { published?: string | number })[];
  restart?: string;
  stop_grace_period?: string;
  volumes?: unknown[];
}

/**
 * docker-compose.yml as Compose itself reads it: Debian's `docker-compose` (v1)
 * validates, interpolates and normalises the file with no Docker engine. The
 * environment holds no tokens and no Compose settings unless given, and an empty
 * env file stands in for a developer's `.env`.
 */
async function composeConfig(vars: Record<string, string> = {}): Promise<Record<string, Service>> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GITHUB_TOKEN|HF_TOKEN|LOG_LEVEL|COMPOSE_.*|DOCKER_.*)$/.test(name)),
  );
  const dir = await mkdtemp(join(tmpdir(), 'oss-pulse-compose-'));
  try {
    const envFile = join(dir, 'empty.env');
    await writeFile(envFile, '');
    const args = ['--env-file', envFile, '-f', 'docker-compose.yml', 'config'];
    const { stdout } = await run('docker-compose', args, { cwd: root, env: { ...env, ...vars } }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error(
        'docker-compose is not installed, and this test validates docker-compose.yml with it: ' +
          'apt-get install docker-compose (Debian; .ci/run installs it when missing)',
      );
    });
    return (parse(stdout) as { services: Record<string, Service> }).services;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('docker-compose.yml', () => {
  // Run once, awaited by every test, so a missing docker-compose fails each of them.
  let pending: Promise<Record<string, Service>> | undefined;
  const normalised = async () => {
    const services = await (pending ??= composeConfig());
    return { services, worker: services.worker ?? {} };
  };

  it('defines Postgres, Redis, the worker and the dashboard, built from this directory', async () => {
    const { services, worker } = await normalised();
    expect(Object.keys(services).sort()).toEqual(['postgres', 'redis', 'web', 'worker']);
    expect(resolve(worker.build?.context ?? '')).toBe(resolve(root));
    expect(worker.command).toEqual(['worker', '--schedule']);
  });

  it('keeps Redis from evicting queued jobs and makes it persist them', async () => {
    const { services } = await normalised();
    const command = services.redis?.command?.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it('starts the worker once Postgres and Redis report healthy', async () => {
    const { services, worker } = await normalised();
    expect(worker.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(services.postgres?.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('points the worker at the compose Postgres and Redis and serves /metrics', async () => {
    const { worker } = await normalised();
    expect(worker.environment).toMatchObject({
      DATABASE_URL: 'postgres://oss_pulse:oss_pulse@postgres:5432/oss_pulse',
      REDIS_URL: 'redis://redis:6379',
      OSS_PULSE_METRICS_PORT: '9464',
      OSS_PULSE_METRICS_HOST: '0.0.0.0',
    });
    expect(worker.healthcheck?.test?.join(' ')).toContain('/healthz');
    expect(worker.restart).toBe('unless-stopped');
    // Longer than the 30 s the worker takes to finish its jobs after SIGTERM.
    expect(worker.stop_grace_period).toBe('40s');
  });

  it('takes tokens only from the environment it is started in', async () => {
    const { worker } = await normalised();
    expect(worker.environment?.GITHUB_TOKEN).toBe('');
    expect(worker.environment?.HF_TOKEN).toBe('');
    const passed = await composeConfig({ GITHUB_TOKEN: 'token-from-the-shell', HF_TOKEN: 'hf-from-the-shell' });
    expect(passed.worker?.environment).toMatchObject({ GITHUB_TOKEN: 'token-from-the-shell', HF_TOKEN: 'hf-from-the-shell' });

    const text = await readFile(join(root, 'docker-compose.yml'), 'utf8');
    const settings = text.split('\n').filter((line) => /^\s*(GITHUB_TOKEN|HF_TOKEN)\s*:/.test(line));
    expect(settings.map((line) => line.trim())).toEqual(['GITHUB_TOKEN: ${GITHUB_TOKEN:-}', 'HF_TOKEN: ${HF_TOKEN:-}']);
    expect(text).not.toMatch(/gh[pousr]_[A-Za-z0-9]{20,}|github_pat_|hf_[A-Za-z0-9]{20,}/);
  });

  it('publishes no fixed host port for the worker, so `--scale worker=3` works', async () => {
    const { worker } = await normalised();
    expect(worker.ports).toBeUndefined();
    expect(worker.expose).toContain('9464');
  });

  it('serves the dashboard read-only on 127.0.0.1:8080, with the reports the worker writes', async () => {
    const { services, worker } = await normalised();
    const web = services.web ?? {};
    expect(resolve(web.build?.context ?? '')).toBe(resolve(root));
    expect(web.command).toEqual(['serve', '--host', '0.0.0.0', '--port', '8080']);
    expect(web.environment?.DATABASE_URL).toBe(worker.environment?.DATABASE_URL);
    // No Redis and no tokens: it neither collects nor calls an upstream.
    expect(web.environment?.REDIS_URL).toBeUndefined();
    expect(web.environment?.GITHUB_TOKEN).toBeUndefined();
    expect(web.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(web.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:8080/healthz');
    const reportsVolume = (service: Service) => (service.volumes ?? []).map(String).find((volume) => volume.includes('/app/oss-pulse-reports'));
    expect(reportsVolume(worker)).toMatch(/^reports:\/app\/oss-pulse-reports(:rw)?$/);
    expect(reportsVolume(web)).toMatch(/^reports:\/app\/oss-pulse-reports:ro$/);
  });

  it('publishes Postgres, Redis and the dashboard on the loopback interface only', async () => {
    const { services } = await normalised();
    for (const name of ['postgres', 'redis', 'web']) {
      const ports = services[name]?.ports ?? [];
      expect(ports.length, name).toBeGreaterThan(0);
      for (const port of ports) expect(String(port), name).toMatch(/^127\.0\.0\.1:/);
    }
  });
});

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { keyword: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage (`FROM` starts one), in order. */
function stages(steps: { keyword: string; args: string }[]): { keyword: string; args: string }[][] {
  return steps.reduce<{ keyword: string; args: string }[][]>((all, step) => {
    if (step.keyword === 'FROM') all.push([]);
    all.at(-1)?.push(step);
    return all;
  }, []);
}

/** tsconfig.build.json (JSON with whole-line comments): what `npm run build` compiles. */
async function buildConfig(): Promise<{ include: string[] }> {
  const text = await readFile(join(root, 'tsconfig.build.json'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { include: string[] };
}

interface Manifest {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
}
const manifest = async () => JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Manifest;

describe('Dockerfile', () => {
  let steps: { keyword: string; args: string }[];
  const argsOf = (keyword: string, of = steps) => of.filter((step) => step.keyword === keyword).map((step) => step.args);
  beforeAll(async () => {
    steps = instructions(await readFile(join(root, 'Dockerfile'), 'utf8'));
  });

  it('compiles in a build stage, with every dependency and the build script', () => {
    expect(argsOf('FROM')).toEqual(['node:20-bookworm-slim AS build', 'node:20-bookworm-slim']);
    const [build = []] = stages(steps);
    const run = argsOf('RUN', build).join('\n');
    expect(run).toContain('npm ci');
    expect(run).not.toContain('--omit=dev');
    expect(run).toContain('npm run build');
  });

  it('runs plain JavaScript: the build, the shim and production dependencies, no sources and no tsx', async () => {
    const [, image = []] = stages(steps);
    // `prepare` would build, and TypeScript is not installed there.
    expect(argsOf('RUN', image).join('\n')).toContain('npm ci --omit=dev --ignore-scripts');
    // What test/bin/oss-pulse.build.test.ts runs as "the image layout".
    expect(argsOf('COPY', image)).toEqual(['package.json package-lock.json ./', '--from=build /app/dist ./dist', 'bin ./bin']);
    const { dependencies, devDependencies } = await manifest();
    expect(Object.keys(dependencies)).not.toContain('tsx');
    expect(Object.keys(dependencies)).not.toContain('typescript');
    expect(Object.keys(devDependencies)).toEqual(expect.arrayContaining(['tsx', 'typescript']));
  });

  it('runs the CLI as the unprivileged node user, `worker --schedule` by default', () => {
    expect(argsOf('USER').at(-1)).toBe('node');
    expect(JSON.parse(argsOf('ENTRYPOINT').at(-1) ?? 'null')).toEqual(['node', 'bin/oss-pulse.js']);
    expect(JSON.parse(argsOf('CMD').at(-1) ?? 'null')).toEqual(['worker', '--schedule']);
    expect(argsOf('STOPSIGNAL')).toEqual(['SIGTERM']);
  });

  it('checks /healthz with Node itself, as slim images have no curl', () => {
    const check = argsOf('HEALTHCHECK').at(-1) ?? '';
    expect(check).toContain('/healthz');
    expect(check).toContain('"node"');
    expect(check).not.toMatch(/curl|wget/);
  });
});

describe('.dockerignore and the build', () => {
  const kept = ['bin/', 'cli/', 'web/', 'workers/', 'runtime/', 'alerts/', 'reports/', 'config/', 'jobs/', 'schema/'];

  it('lets in only what the image is built from', async () => {
    const patterns = (await readFile(join(root, '.dockerignore'), 'utf8'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(patterns[0]).toBe('*');
    const allowed = patterns.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    expect(allowed.sort()).toEqual([...kept, 'package-lock.json', 'package.json', 'tsconfig.build.json', 'tsconfig.json'].sort());
    expect(patterns).toContain('**/.env*');
    const { include } = await buildConfig();
    for (const folder of include) expect(kept, `tsconfig.build.json compiles ${folder}`).toContain(`${folder}/`);
  });

  it('puts in dist/ everything the code imports or reads beside itself', async () => {
    const { include } = await buildConfig();
    const { scripts } = await manifest();
    const compiled = (target: string) => /\.ts$/.test(target) && !target.endsWith('.test.ts') && include.some((folder) => target.startsWith(`${folder}/`));
    // The build copies files the code reads (`new URL('...', import.meta.url)`) to the same place under dist/.
    const copied = (target: string) => (scripts.build ?? '').includes(`'${target}', 'dist/${target}'`);
    const missing: string[] = [];
    for (const folder of ['bin', ...include]) {
      // A folder still empty has no place in git, so a fresh checkout lacks it.
      const files = await readdir(join(root, folder), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      for (const file of files) {
        if (!/\.[cm]?[jt]s$/.test(file) || file.endsWith('.test.ts')) continue;
        const path = join(root, folder, file);
        const source = await readFile(path, 'utf8');
        const target = (specifier: string) => relative(root, resolve(dirname(path), specifier));
        for (const [, , specifier = ''] of source.matchAll(/(?:from|import)\s*\(?\s*(['"])(\.{1,2}\/[^'"]+)\1/g)) {
          // bin runs dist/ (the compiled sources), or the sources themselves in a checkout.
          const module = target(specifier).replace(/^dist\/(.*)\.js$/, '$1.ts');
          if (!compiled(module)) missing.push(`${relative(root, path)} imports ${specifier}`);
        }
        for (const [, , specifier = ''] of source.matchAll(/new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url/g)) {
          if (!compiled(target(specifier)) && !copied(target(specifier))) missing.push(`${relative(root, path)} reads ${specifier}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
