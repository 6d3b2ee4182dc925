#!/usr/bin/env node
/** The `sleepmut` command line: dispatches to `list` and `run`, turns every failure into one line and an exit code. */
import { listCommand, listUsage } from './list.js';
import { reportError, UsageError } from './errors.js';
import { packageVersion } from '../package-version.js';

const usage = `sleepmut: mutation testing for timing defects

Usage:
  sleepmut list [paths...] [--json] [--patches DIR] [--operators A,B] [--delay-ms N] [--backoff-delay-ms N]
  sleepmut run [--cwd DIR] [--mutate GLOB]... [--python PATH] [--concurrency N] [-- pytest args...]
  sleepmut --help | sleepmut <command> --help | sleepmut --version

JavaScript/TypeScript projects run sleepmut through Stryker: add "sleepmut" to "plugins"
(and "ignorers": ["sleepmut"] to pass options) in stryker.conf.json, then npx stryker run.
Python projects run it with: sleepmut run.

${listUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return print(usage);
  if (command === '--version' || command === '-v') return print(`${packageVersion()}\n`);
  if (args.includes('--help') || args.includes('-h')) return print(await commandUsage(command));
  if (command === 'list') return (exitQuietlyOnClosedPipe(), listCommand(args));
  if (command === 'run') return (await import('./run.js')).runCommand(args);
  throw new UsageError(`sleepmut: unknown command "${command}" (commands: list, run; see sleepmut --help)`);
}

async function commandUsage(command: string): Promise<string> {
  if (command === 'list') return listUsage;
  if (command === 'run') return (await import('./run.js')).runUsage;
  throw new UsageError(`sleepmut: unknown command "${command}" (commands: list, run; see sleepmut --help)`);
}

/** `sleepmut list | head -1`: once the reader is gone, stop as SIGPIPE would stop a C program (exit 141), without a stack trace. (`run` has its own handler: it must clean up first.) */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
