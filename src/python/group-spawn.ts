/** Spawns a Python process that leads its own process group inside sleepmut's session (not a new session: suites may call os.setpgrp()), so the whole group can be killed at once. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { runtimeDirectory, type Interpreter } from './interpreter.js';

/** `python -m module args` or `python script args`, started through python/sleepmut_launch.py, which calls setpgid(0, 0) first. */
export function spawnInOwnGroup(interpreter: Interpreter, args: readonly string[], options: Omit<SpawnOptions, 'detached'>): ChildProcess {
  return spawn(interpreter.command, [path.join(runtimeDirectory, 'sleepmut_launch.py'), ...args], options);
}

/** Closes sleepmut's ends of a child's pipes: a process the tests forked and detached can hold the other ends long after the child is gone, and must keep neither a run waiting nor sleepmut's event loop alive. */
export function releasePipes(child: ChildProcess): void {
  for (const stream of child.stdio) stream?.destroy();
}

/** The child's terminating signal (null for a normal exit) once it has exited and its output drained, or `drainMs` after its exit if something else still holds its pipes; the pipes are released then. */
export function whenExited(child: ChildProcess, drainMs = 500): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    const finish = (signal: NodeJS.Signals | null) => {
      releasePipes(child);
      resolve(signal);
    };
    child.on('error', () => finish(null));
    child.on('close', (_code, signal) => finish(signal));
    child.on('exit', (_code, signal) => setTimeout(() => finish(signal), drainMs).unref());
  });
}
