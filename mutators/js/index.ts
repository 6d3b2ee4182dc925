/** The JS/TS operators, in catalog order. */
import type { JsMutator } from './ast.js';
import { eventWaitToSleep } from './event-wait-to-sleep.js';
import { dropOffload } from './drop-offload.js';
import { blockingSleep } from './blocking-sleep.js';
import { flattenBackoff } from './flatten-backoff.js';
import { serializeConcurrency } from './serialize-concurrency.js';

export const jsMutators: readonly JsMutator[] = [eventWaitToSleep, dropOffload, blockingSleep, flattenBackoff, serializeConcurrency];
