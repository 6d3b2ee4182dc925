/** The Python operators (placeholder until the operators land; their author overwrites this file). */
import type { PyMutator } from './types.js';

export const pyMutators: readonly PyMutator[] = [];
