/** Vitest defaults (5 s test timeout) on purpose, plus sleepmut's setup file for per-test timeouts of timing mutants. */
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'], setupFiles: ['sleepmut/vitest-setup'] } });
