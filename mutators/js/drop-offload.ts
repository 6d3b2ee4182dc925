/** DropOffload (JS/TS): stub, to be implemented. */
import type { JsMutator } from './ast.js';

export const dropOffload: JsMutator = {
  name: 'DropOffload',
  *mutate() {
    // not implemented yet
  },
};
