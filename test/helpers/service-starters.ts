import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ServiceName, StarterAvailability, StartVia } from './service-plan.ts';

/** The ways this machine has to start Postgres and Redis, and the commands behind them. */
export interface Starters extends StarterAvailability {
  /** The command line that starts `services` via `via`, for messages. */
  command(via: StartVia, services: readonly ServiceName[]): string;
  /** Runs that command; throws naming it, with what it printed, when it fails. */
  start(via: StartVia, services: readonly ServiceName[]): Promise<void>;
  /** `docker compose stop` for services Compose started. */
  stopCompose(services: readonly ServiceName[]): Promise<void>;
}

export interface StarterOptions {
  /** Where docker-compose.yml is. */
  projectRoot: string;
  /** Where a locally started Redis must listen, as the helpers' default URL says. */
  redisUrl: string;
}

// Starting a local server takes a second or two; pulling Compose's images the first
// time can take minutes on a slow line, and there is nothing useful to do meanwhile.
const LOCAL_START_TIMEOUT_MS = 60_000;
const COMPOSE_TIMEOUT_MS = 15 * 60_000;
const DETECT_TIMEOUT_MS = 10_000;

/** Looks for `pg_ctlcluster` with a cluster, `redis-server`, and a Docker engine with Compose. */
export async function findStarters({ projectRoot, redisUrl }: StarterOptions): Promise<Starters> {
  const postgresVersion = onPath('pg_ctlcluster') ? newestCluster() : undefined;
  const compose = await findCompose();
  const localCommand: Record<ServiceName, string[] | undefined> = {
    postgres: postgresVersion ? ['pg_ctlcluster', '--skip-systemctl-redirect', postgresVersion, 'main', 'start'] : undefined,
    // Nothing on disk: test data must not outlive the run, nor land in the checkout.
    redis: onPath('redis-server')
      ? ['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '--port', new URL(redisUrl).port || '6379', '--save', '', '--appendonly', 'no', '--dir', tmpdir()]
      : undefined,
  };
  const commandsFor = (via: StartVia, services: readonly ServiceName[]): string[][] => {
    if (via === 'compose') return compose ? [[...compose, 'up', '-d', ...services]] : [];
    return services.flatMap((service) => {
      const argv = localCommand[service];
      return argv ? [argv] : [];
    });
  };
  return {
    local: (['postgres', 'redis'] as const).filter((service) => localCommand[service]),
    compose: compose !== undefined,
    command: (via, services) => commandsFor(via, services).map(quote).join(' && '),
    start: async (via, services) => {
      for (const argv of commandsFor(via, services)) await run(argv, via === 'compose' ? COMPOSE_TIMEOUT_MS : LOCAL_START_TIMEOUT_MS, projectRoot);
    },
    stopCompose: async (services) => {
      if (compose && services.length > 0) await run([...compose, 'stop', ...services], COMPOSE_TIMEOUT_MS, projectRoot);
    },
  };
}

/** The newest Postgres version with a `main` cluster under /etc/postgresql (Debian's layout). */
function newestCluster(): string | undefined {
  const root = '/etc/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'main')))
    .sort((a, b) => Number(b) - Number(a))[0];
}

/** `docker compose` (the plugin) or `docker-compose` (v1), when a Docker engine answers too. */
async function findCompose(): Promise<string[] | undefined> {
  if (!onPath('docker') || !(await succeeds(['docker', 'info', '--format', '{{.ServerVersion}}']))) return undefined;
  if (await succeeds(['docker', 'compose', 'version'])) return ['docker', 'compose'];
  if (onPath('docker-compose') && (await succeeds(['docker-compose', 'version']))) return ['docker-compose'];
  return undefined;
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function succeeds(argv: string[]): Promise<boolean> {
  try {
    await run(argv, DETECT_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

function run([program, ...args]: string[], timeout: number, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program ?? '', args, { timeout, cwd }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const said = String(stderr).trim().split('\n').slice(-3).join(' ') || error.message;
      reject(new Error(`\`${quote([program ?? '', ...args])}\` failed: ${said}`));
    });
  });
}

function quote(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}
