// The dashboard bench's server process: `buildServer` over DATABASE_URL, as
// `oss-pulse serve` builds it, but with the clock the bench gives (OSS_PULSE_BENCH_NOW)
// and the config it wrote (OSS_PULSE_BENCH_CONFIG). Prints its address on stdout;
// stops on SIGTERM. A process of its own, so the load generator does not share its
// event loop.
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { openPostgres } from '../schema/db.ts';
import { buildServer } from '../web/server.ts';

const { DATABASE_URL: url, OSS_PULSE_BENCH_CONFIG: configPath, OSS_PULSE_BENCH_NOW: nowText, OSS_PULSE_BENCH_REPORTS: reportsDir } = process.env;
if (!url || !configPath || !nowText || !reportsDir) throw new Error('dashboard-server: DATABASE_URL, OSS_PULSE_BENCH_CONFIG, OSS_PULSE_BENCH_NOW and OSS_PULSE_BENCH_REPORTS are required');
const now = new Date(nowText);
const config = parseConfig(await readFile(configPath, 'utf8'), configPath);
// The pool `serve` opens (openDatabase → openPostgres, read-only sessions at the server).
const database = openPostgres(url, { readOnly: true });
const app = await buildServer({ db: database.db, readOnlyConnection: true, config, reportsDir, logger: createLogger({ level: 'warn', pretty: false }), now: () => now });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
