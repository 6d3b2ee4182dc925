/** SerializeConcurrency (JS/TS): stub, to be implemented. */
import type { JsMutator } from './ast.js';

export const serializeConcurrency: JsMutator = {
  name: 'SerializeConcurrency',
  *mutate() {
    // not implemented yet
  },
};
