/** One thing wrong with a config file. */
export interface ConfigProblem {
  /** Key path such as `github.repos[2]`; empty for the file as a whole. */
  path: string;
  message: string;
  /** 1-based line in the file, when the problem can be pinned to one. */
  line?: number;
}

/**
 * A configuration that cannot be used. The message holds one line per problem,
 * each naming the file and the key path (or line), e.g.
 * `oss-pulse.yaml: github.repos[2]: "foo" is not an owner/name repository name (line 4)`;
 * the CLI prints it as is and exits 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly source: string;
  readonly problems: readonly ConfigProblem[];

  constructor(source: string, problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    this.source = source;
    this.problems = problems;
  }
}

function formatProblem(source: string, { path, message, line }: ConfigProblem): string {
  if (path === '') {
    return line === undefined ? `${source}: ${message}` : `${source}: line ${line}: ${message}`;
  }
  return `${source}: ${path}: ${message}${line === undefined ? '' : ` (line ${line})`}`;
}

/** `['github', 'repos', 2]` -> `github.repos[2]`; odd keys are quoted so the path stays unambiguous. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z0-9_-]+$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}
