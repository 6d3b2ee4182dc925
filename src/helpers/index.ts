/** sleepmut/helpers: test assertions that catch timing defects (event-loop blocking, lost concurrency). */
export { assertResponsive, EventLoopBlockedError, type ResponsiveOptions } from './responsive.js';
export { assertOverlap, trackConcurrency, NoOverlapError, type ConcurrencyTracker } from './concurrency.js';
export { trackSettled, type SettledTracker } from './settled.js';
