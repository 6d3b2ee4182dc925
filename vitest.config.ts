import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The files share install roots under .e2e/ and the machine's cores: one file at a time.
          fileParallelism: false,
          globalSetup: ['test/e2e/support/pack.ts'],
          testTimeout: 20_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
