import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'kernel/test/**/*.test.ts', 'cli/test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so spawned servers are not starved.
    maxWorkers: 2,
  },
});
