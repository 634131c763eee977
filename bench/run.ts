// `npm run bench [-- --only ingest,report,api,pacing,memory,start,dashboard]`: measures SPEC "Targets", each
// figure beside a baseline measured in the same run, prints the table and writes
// bench/results.json (parts not run keep their previous figures there).
// `npm run bench -- --print` prints bench/results.json as a Markdown table (for the README).
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchApiCost } from './api-cost.ts';
import { benchDashboard } from './dashboard.ts';
import { benchIngest } from './ingest.ts';
import { benchMemory } from './memory.ts';
import { benchReport } from './report.ts';
import { benchRoundPacing } from './round-pacing.ts';
import { benchStart } from './start.ts';
import { progress, SERVER_URL, sqlRows } from './support.ts';
import { formatMarkdown, formatNotes, formatTable, type Section } from './table.ts';

const PARTS: Record<string, () => Promise<Omit<Section, 'measuredAt' | 'seconds'>>> = {
  ingest: benchIngest,
  report: () => benchReport(),
  api: benchApiCost,
  pacing: benchRoundPacing,
  memory: benchMemory,
  start: benchStart,
  dashboard: benchDashboard,
};
const RESULTS = new URL('./results.json', import.meta.url);

const { values } = parseArgs({ options: { only: { type: 'string' }, print: { type: 'boolean' } } });
if (values.print) {
  const results = await readPrevious();
  process.stdout.write(`${header(results)}\n\n${formatMarkdown(results.sections)}\n`);
  process.exit(0);
}
const only = values.only?.split(',').map((part) => part.trim()) ?? Object.keys(PARTS);
const unknown = only.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown part ${unknown.join(', ')}; parts are ${Object.keys(PARTS).join(', ')}\n`);
  process.exit(2);
}
// Quiet product logs in this process and in the processes it starts.
process.env.LOG_LEVEL = 'warn';
// These parts start `node bin/oss-pulse.js` here: built first, so that they measure
// what `npm install` leaves (dist/), not the sources through tsx (bin's fallback once
// a source changed after the last build). `start` builds a copy of its own.
const STARTING_BIN = ['report', 'api', 'pacing', 'memory'];
if (only.some((part) => STARTING_BIN.includes(part))) {
  progress('npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: new URL('..', import.meta.url), stdio: ['ignore', 'ignore', 'inherit'] });
}

const previous = await readPrevious();
const sections: Section[] = [];
for (const name of Object.keys(PARTS).filter((part) => only.includes(part))) {
  progress(`== ${name}`);
  const started = performance.now();
  const section = await PARTS[name]!();
  sections.push({ ...section, measuredAt: new Date().toISOString(), seconds: (performance.now() - started) / 1000 });
}

const [postgres] = await sqlRows<{ server_version: string }>(SERVER_URL, 'SHOW server_version');
const machine: Machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  postgres: postgres?.server_version ?? 'unknown',
};
// Keep the parts not run this time, in their usual order.
const merged = Object.keys(PARTS)
  .map((name) => sections.find((section) => section.name === name) ?? previous.sections.find((section) => section.name === name))
  .filter((section): section is Section => section !== undefined);
const results: Results = { date: new Date().toISOString(), commit: commitMeasured(), machine, sections: merged };
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

const missed = sections.flatMap((section) => section.figures.filter((figure) => figure.target && !figure.target.pass).map((figure) => `${section.name}: ${figure.name}`));
process.stdout.write(`\n${header(results)}\n\n${formatTable(sections)}\n\n${formatNotes(sections)}\n\n`);
process.stdout.write(missed.length === 0 ? 'Every target met.\n' : `Targets missed (${missed.length}): ${missed.join('; ')}\n`);
process.stdout.write(`Results written to bench/results.json\n`);

interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  postgres: string;
}

interface Results {
  date: string;
  commit: string;
  machine?: Machine;
  sections: Section[];
}

async function readPrevious(): Promise<Results> {
  try {
    return JSON.parse(await readFile(RESULTS, 'utf8')) as Results;
  } catch {
    return { date: '', commit: '', sections: [] };
  }
}

function header(results: Results): string {
  const { machine } = results;
  const where = machine ? `${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, Postgres ${machine.postgres}` : 'unknown machine';
  return `OSS Pulse bench, ${results.date.slice(0, 10)}, commit ${results.commit}, ${where}`;
}

/** The commit measured, marked when product files (outside bench/) differ from it. */
function commitMeasured(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '' && !/ bench\/| package\.json$/.test(line));
    return changed.length > 0 ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}
