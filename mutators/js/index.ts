/** The JS/TS operators, in catalog order. */
import type { JsMutator } from './ast.js';
import { eventWaitToSleep } from './event-wait-to-sleep.js';
import { dropOffload } from './drop-offload.js';
import { blockingSleep } from './blocking-sleep.js';
import { flattenBackoff } from './flatten-backoff.js';
import { serializeConcurrency } from './serialize-concurrency.js';
import { keepingUses } from './keep-uses.js';

/** Each replacement keeps the names it would leave unread where the project's compiler checks them (keep-uses.ts). */
export const jsMutators: readonly JsMutator[] = [eventWaitToSleep, dropOffload, blockingSleep, flattenBackoff, serializeConcurrency].map(keepingUses);
