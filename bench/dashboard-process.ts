// Starts bench/dashboard-server.ts as a child process and waits for its address.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./dashboard-server.ts', import.meta.url));
/** tsx compiling the sources on start, then the migrations check: well under this on an idle machine. */
const START_TIMEOUT_MS = 60_000;

export interface DashboardServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

export async function startDashboardServer(options: { databaseUrl: string; configPath: string; now: Date; reportsDir: string }): Promise<DashboardServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      OSS_PULSE_BENCH_CONFIG: options.configPath,
      OSS_PULSE_BENCH_NOW: options.now.toISOString(),
      OSS_PULSE_BENCH_REPORTS: options.reportsDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`dashboard server: no address after ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const line = out.split('\n')[0];
        if (out.includes('\n') && line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`dashboard server exited ${code} before listening:\n${stderr}`));
      });
    });
    return { origin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
