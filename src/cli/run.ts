/** `sleepmut run`: the Python engine's entry point (placeholder until the engine lands). */
import { SleepmutError } from './errors.js';

export const runUsage = 'sleepmut run: not available yet\n';

export async function runCommand(_args: string[]): Promise<number> {
  throw new SleepmutError('sleepmut run: the Python engine is not available in this build');
}
