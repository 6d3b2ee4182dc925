/** FlattenBackoff (JS/TS): stub, to be implemented. */
import type { JsMutator } from './ast.js';

export const flattenBackoff: JsMutator = {
  name: 'FlattenBackoff',
  *mutate() {
    // not implemented yet
  },
};
