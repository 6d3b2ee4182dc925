/** The weak suite: real timers, sleep-synchronized, values only. */
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/weak/**/*.test.ts'] } });
