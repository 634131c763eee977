// The import graph of the source folders, checked against the layering the folders
// promise: data flows one way, so a module imports only from its own folder or the
// folders below it, and no import cycle exists (type-only and dynamic imports count:
// a cycle of types is still two modules that cannot be understood apart).
//
// The imports are read with TypeScript's own parser (a devDependency already), so
// comments, strings, multi-line imports and `import('./x.ts').Type` need no special case.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Top to bottom: a module may import from its own folder and the folders below it. */
const LAYERS = ['cli', 'web', 'workers', 'runtime', 'alerts', 'reports', 'config', 'jobs', 'schema'] as const;

/**
 * Inside jobs/, by area: `root` is jobs/'s own files (and any folder but clients/ and
 * sources/), `sources` the files directly in jobs/sources/ (the registry, descriptor
 * types), `upstream` one jobs/sources/<upstream>/ folder. An area may always import
 * from itself; one upstream folder never from another. `types` means type-only
 * imports of a file that reaches no upstream folder, not even through other imports.
 */
type JobsArea = 'root' | 'clients' | 'sources' | 'upstream';
type Access = 'yes' | 'types' | 'no';
const JOBS_RULES: Record<JobsArea, Record<JobsArea, Access>> = {
  root: /*    */ { root: 'yes', clients: 'yes', sources: 'types', upstream: 'no' },
  clients: /* */ { root: 'yes', clients: 'yes', sources: 'types', upstream: 'no' },
  sources: /* */ { root: 'yes', clients: 'yes', sources: 'yes', upstream: 'yes' },
  upstream: /**/ { root: 'yes', clients: 'yes', sources: 'yes', upstream: 'no' },
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `type`: erased at compile time; `dynamic`: `import()`, loaded when first needed. */
type ImportKind = 'static' | 'type' | 'dynamic';
interface Edge {
  from: string;
  to: string;
  line: number;
  kind: ImportKind;
}

describe('the import graph of the source folders', () => {
  const graph = readGraph();

  it('reads the source folders', () => {
    // An empty graph passes every check below; a wrong root must not look like success.
    for (const layer of LAYERS) expect(graph.files.some((file) => layerOf(file) === layer), `no files read under ${layer}/`).toBe(true);
  });

  it('has no upward imports', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(findCycles(graph.edges).map(describeCycle)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const edge = (from: string, to: string, kind: ImportKind = 'static'): Edge => ({ from, to, line: 1, kind });
  const check = (...edges: Edge[]) => layerViolations({ files: [...new Set(edges.flatMap(({ from, to }) => [from, to]))], edges, unresolved: [] });

  it('refuse an import from a folder above, and from one upstream folder to another', () => {
    expect(check(edge('jobs/a.ts', 'config/c.ts', 'type'))).toEqual(['jobs/a.ts:1 → config/c.ts (import type): jobs/ may not import from config/, a layer above it']);
    expect(check(edge('jobs/sources/npm/a.ts', 'jobs/sources/pypi/b.ts'))).toHaveLength(1);
    expect(check(edge('jobs/clients/a.ts', 'jobs/sources/npm/b.ts'))).toHaveLength(1);
    expect(check(edge('jobs/a.ts', 'jobs/sources/registry.ts'))).toHaveLength(1);
    expect(check(edge('jobs/a.ts', 'jobs/sources/registry.ts', 'type'), edge('jobs/sources/registry.ts', 'jobs/sources/npm/job.ts'))).toHaveLength(1);
  });

  it('allow imports downward, within a folder, and from an upstream folder to the shared jobs files', () => {
    expect(
      check(
        edge('cli/a.ts', 'schema/b.ts'),
        edge('config/a.ts', 'jobs/sources/registry.ts'),
        edge('jobs/sources/registry.ts', 'jobs/sources/npm/job.ts'),
        edge('jobs/sources/npm/job.ts', 'jobs/clients/retry.ts'),
        edge('jobs/sources/npm/job.ts', 'jobs/write-samples.ts'),
        edge('jobs/write-samples.ts', 'jobs/sources/source-descriptor.ts', 'type'),
      ),
    ).toEqual([]);
  });

  it('find every cycle, each written once from its first file', () => {
    const cycles = findCycles([edge('b.ts', 'c.ts', 'type'), edge('c.ts', 'b.ts'), edge('a.ts', 'b.ts'), edge('c.ts', 'a.ts', 'dynamic'), edge('d.ts', 'a.ts')]);
    expect(cycles.map(describeCycle)).toEqual(['a.ts → b.ts →(type) c.ts →(dynamic) a.ts', 'b.ts →(type) c.ts → b.ts']);
  });
});

// ---- reading the graph

interface Graph {
  files: string[];
  edges: Edge[];
  /** Relative imports that name no file, as `from:line → specifier`. */
  unresolved: string[];
}

function readGraph(): Graph {
  const files = LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer))).map(toPosix);
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const { specifier, line, kind } of importsOf(from, readFileSync(join(ROOT, from), 'utf8'))) {
      if (!specifier.startsWith('.')) continue; // a package or node: builtin
      const target = resolveImport(from, specifier);
      if (target === undefined) unresolved.push(`${from}:${line} → ${specifier}`);
      else if (/\.[cm]?[jt]s$/.test(target)) edges.push({ from, to: target, line, kind });
    }
  }
  return { files, edges: mergeEdges(edges), unresolved };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
    })
    .sort();
}

/** Every module specifier in `text`, with its line and whether it is type-only or dynamic. */
function importsOf(file: string, text: string): { specifier: string; line: number; kind: ImportKind }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; line: number; kind: ImportKind }[] = [];
  const add = (literal: ts.Node, kind: ImportKind) => {
    if (!ts.isStringLiteralLike(literal)) return;
    found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      // `import { type A, type B }` is erased as wholly as `import type { A, B }`.
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      const typeOnly = node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly));
      add(node.moduleSpecifier, typeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, 'type'); // `import('./x.ts').Name` in a type
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names, relative to the root; `.js` may stand for `.ts`, as NodeNext allows. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(ROOT, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
  return found === undefined ? undefined : toPosix(relative(ROOT, found));
}

/** One edge per pair of files: static if any import of it is, else dynamic if any is, else type. */
function mergeEdges(edges: Edge[]): Edge[] {
  const strength: Record<ImportKind, number> = { static: 2, dynamic: 1, type: 0 };
  const byPair = new Map<string, Edge>();
  for (const edge of edges) {
    const key = `${edge.from}\0${edge.to}`;
    const seen = byPair.get(key);
    if (!seen || strength[edge.kind] > strength[seen.kind]) byPair.set(key, edge);
  }
  return [...byPair.values()];
}

// ---- the layer rules

function layerOf(file: string): string {
  return file.split('/')[0] ?? '';
}

/** Where `file` sits inside jobs/; `name` tells one upstream folder from another. */
function jobsAreaOf(file: string): { area: JobsArea; name: string } {
  const [, folder, upstream, ...rest] = file.split('/');
  if (folder === 'clients') return { area: 'clients', name: '' };
  if (folder !== 'sources') return { area: 'root', name: '' };
  return rest.length > 0 ? { area: 'upstream', name: upstream ?? '' } : { area: 'sources', name: '' };
}

const AREA_NAME: Record<JobsArea, (name: string) => string> = {
  root: () => 'jobs/ root files',
  clients: () => 'jobs/clients/',
  sources: () => 'jobs/sources/*.ts',
  upstream: (name) => `jobs/sources/${name}/`,
};

/** Every import that breaks the rules above, as `from:line → to (kind): why`. */
function layerViolations(graph: Graph): string[] {
  const reachesUpstream = upstreamReach(graph.edges);
  const problems = graph.unresolved.map((line) => `${line}: names no file`);
  for (const edge of graph.edges) {
    const why = ruleBroken(edge, reachesUpstream);
    if (why) problems.push(`${edge.from}:${edge.line} → ${edge.to}${edge.kind === 'static' ? '' : ` (import${edge.kind === 'type' ? ' type' : '()'})`}: ${why}`);
  }
  return problems;
}

function ruleBroken(edge: Edge, reachesUpstream: (file: string) => boolean): string | undefined {
  const from = layerOf(edge.from);
  const to = layerOf(edge.to);
  const fromRank = LAYERS.indexOf(from as (typeof LAYERS)[number]);
  const toRank = LAYERS.indexOf(to as (typeof LAYERS)[number]);
  if (toRank === -1) return `the source folders may not import from ${to}/`;
  if (toRank < fromRank) return `${from}/ may not import from ${to}/, a layer above it`;
  if (from !== 'jobs' || to !== 'jobs') return undefined;

  const source = jobsAreaOf(edge.from);
  const target = jobsAreaOf(edge.to);
  if (source.area === target.area && source.name === target.name) return undefined;
  const access = JOBS_RULES[source.area][target.area];
  const importer = AREA_NAME[source.area](source.name);
  const imported = AREA_NAME[target.area](target.name);
  if (access === 'no') return `${importer} may not import from ${imported}`;
  if (access === 'types' && edge.kind !== 'type') return `${importer} may import only types from ${imported}`;
  if (access === 'types' && reachesUpstream(edge.to)) return `${importer} may import only from a jobs/sources/*.ts file that reaches no upstream folder, and ${edge.to} does`;
  return undefined;
}

/** Whether a file imports, directly or through others, a file in a jobs/sources/<upstream>/ folder. */
function upstreamReach(edges: Edge[]): (file: string) => boolean {
  const next = adjacency(edges);
  return (file) => {
    const seen = new Set([file]);
    const stack = [file];
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      for (const { to } of next.get(current) ?? []) {
        if (layerOf(to) === 'jobs' && jobsAreaOf(to).area === 'upstream') return true;
        if (seen.has(to)) continue;
        seen.add(to);
        stack.push(to);
      }
    }
    return false;
  };
}

// ---- cycles

/**
 * Cycles that together use every edge lying on any cycle: for each such edge not yet
 * shown, the shortest way back. One cycle per problem would hide the next one behind
 * it; every elementary cycle could be thousands for one tangle.
 */
function findCycles(edges: Edge[]): Edge[][] {
  const next = adjacency(edges);
  const cycles = new Map<string, Edge[]>();
  const shown = new Set<Edge>();
  for (const edge of [...edges].sort((a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`))) {
    if (shown.has(edge)) continue;
    const back = shortestPath(next, edge.to, edge.from);
    if (!back) continue;
    const cycle = startAtFirstFile([edge, ...back]);
    cycle.forEach((step) => shown.add(step));
    cycles.set(cycle.map(({ from }) => from).join('\0'), cycle);
  }
  return [...cycles.values()].sort((a, b) => describeCycle(a).localeCompare(describeCycle(b)));
}

function shortestPath(next: Map<string, Edge[]>, start: string, goal: string): Edge[] | undefined {
  if (start === goal) return [];
  const cameBy = new Map<string, Edge>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of next.get(queue[i] ?? '') ?? []) {
      if (edge.to === start || cameBy.has(edge.to)) continue;
      cameBy.set(edge.to, edge);
      if (edge.to === goal) {
        const path: Edge[] = [];
        for (let step = cameBy.get(goal); step; step = step.from === start ? undefined : cameBy.get(step.from)) path.unshift(step);
        return path;
      }
      queue.push(edge.to);
    }
  }
  return undefined;
}

function startAtFirstFile(cycle: Edge[]): Edge[] {
  const first = cycle.reduce((best, edge, i) => (edge.from < (cycle[best]?.from ?? '') ? i : best), 0);
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

function describeCycle(cycle: Edge[]): string {
  return [cycle[0]?.from, ...cycle.map(({ to, kind }) => `${kind === 'static' ? '→' : `→(${kind})`} ${to}`)].join(' ');
}

function adjacency(edges: Edge[]): Map<string, Edge[]> {
  const next = new Map<string, Edge[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge]);
  return next;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
