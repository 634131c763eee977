// The entry point: `--version` is answered before anything else is loaded (the
// commands' modules and their dependencies take most of a second to import), then the
// command line proper is loaded and run.
import { type CliContext, EXIT } from './cli-context.ts';
import { packageVersion } from './package-version.ts';

export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  if (argv.includes('--version') || argv.includes('-v')) {
    (overrides.stdout ?? process.stdout).write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const { runCli } = await import('./cli-run.ts');
  return runCli(argv, overrides);
}
