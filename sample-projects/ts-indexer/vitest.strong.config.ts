/** The strong suite: fake clocks, held-back signals, overlap and delay checks. */
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/strong/**/*.test.ts'] } });
