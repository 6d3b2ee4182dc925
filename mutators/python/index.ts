/** The Python operators, in catalog order. */
import type { PyMutator } from './types.js';
import { eventWaitToSleep } from './event-wait-to-sleep.js';
import { dropOffload } from './drop-offload.js';
import { blockingSleep } from './blocking-sleep.js';
import { flattenBackoff } from './flatten-backoff.js';
import { serializeConcurrency } from './serialize-concurrency.js';
import { pollInsteadOfEvent } from './poll-instead-of-event.js';
import { nestedEventLoop } from './nested-event-loop.js';

export const pyMutators: readonly PyMutator[] = [eventWaitToSleep, dropOffload, blockingSleep, flattenBackoff, serializeConcurrency, pollInsteadOfEvent, nestedEventLoop];
