/** Things to undo when a run ends or is interrupted (process groups to kill, directories to remove), run synchronously and once. */
import { rmSync } from 'node:fs';

const undoers = new Map<symbol, () => void>();

/** Registers an undo step and returns the function that unregisters it. */
export function onCleanup(undo: () => void): () => void {
  const key = Symbol();
  undoers.set(key, undo);
  return () => undoers.delete(key);
}

export function runCleanup(): void {
  for (const [key, undo] of [...undoers].reverse()) {
    undoers.delete(key);
    try {
      undo();
    } catch {
      // Already gone: nothing left to undo.
    }
  }
}

/** Kills a process group; a child that has not reached its setpgid(0, 0) yet has no group, so it is killed alone (it has started nothing). */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function removeDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}
