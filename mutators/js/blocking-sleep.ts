/** BlockingSleep (JS/TS): stub, to be implemented. */
import type { JsMutator } from './ast.js';

export const blockingSleep: JsMutator = {
  name: 'BlockingSleep',
  *mutate() {
    // not implemented yet
  },
};
