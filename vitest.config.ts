import { defineConfig } from 'vitest/config';

/** Packages whose tests run in CI; a plugin joins when it is built by the root tsconfig.json. */
const packages = ['kernel', 'cli', 'plugins/core', 'plugins/fs', 'plugins/db', 'plugins/daemon'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', ...packages.map((dir) => `${dir}/test/**/*.test.ts`)],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so spawned servers are not starved.
    maxWorkers: 2,
  },
});
