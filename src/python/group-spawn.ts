/** Spawns a Python process that leads its own process group inside sleepmut's session (not a new session: suites may call os.setpgrp()), so the whole group can be killed at once. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { runtimeDirectory, type Interpreter } from './interpreter.js';

/** `python -m module args` or `python script args`, started through python/sleepmut_launch.py, which calls setpgid(0, 0) first. */
export function spawnInOwnGroup(interpreter: Interpreter, args: readonly string[], options: Omit<SpawnOptions, 'detached'>): ChildProcess {
  return spawn(interpreter.command, [path.join(runtimeDirectory, 'sleepmut_launch.py'), ...args], options);
}
