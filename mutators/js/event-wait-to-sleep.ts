/** EventWaitToSleep (JS/TS): stub, to be implemented. */
import type { JsMutator } from './ast.js';

export const eventWaitToSleep: JsMutator = {
  name: 'EventWaitToSleep',
  *mutate() {
    // not implemented yet
  },
};
