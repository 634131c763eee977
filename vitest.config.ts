import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds Postgres and Redis, or starts them, or stops the run with one message saying how to get them.
    globalSetup: ['test/global-setup.ts'],
    // Each file creates its own database; two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
